package org.openrms.core;

import java.util.Objects;

/**
 * A failure of a rights-management operation, carrying the HRESULT the C API would have returned.
 *
 * <p>Unchecked, so that {@code close()} and callbacks never have to declare it. The message never
 * contains secrets (passwords, keys, tokens); it names the problem and, where useful, the server or
 * file involved.
 */
public class DrmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient HResult hresult;

  /** A failure with the default meaning of {@code hresult} as its message. */
  public DrmException(HResult hresult) {
    this(hresult, hresult.meaning(), null);
  }

  /** A failure with a specific message. */
  public DrmException(HResult hresult, String message) {
    this(hresult, message, null);
  }

  /** A failure with a specific message and cause. */
  public DrmException(HResult hresult, String message, Throwable cause) {
    super(Objects.requireNonNull(hresult, "hresult").name() + ": " + message, cause);
    if (hresult.isSuccess()) {
      throw new IllegalArgumentException("a success code is not a failure: " + hresult.name());
    }
    this.hresult = hresult;
  }

  /** The HRESULT of this failure. */
  public HResult hresult() {
    return hresult;
  }

  /** The HRESULT value as the C API returns it. */
  public int value() {
    return hresult.value();
  }
}
