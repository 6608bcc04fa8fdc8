package org.openrms.rms.client.internal;

import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/** A failure with the callback parameter that goes with it (the new location of a move). */
public final class RmsFailure extends DrmException {
  private static final long serialVersionUID = 1L;

  private final transient Object param;

  RmsFailure(HResult hresult, String message, Object param, Throwable cause) {
    super(hresult, message, cause);
    this.param = param;
  }

  /** The callback parameter ({@code null} except for {@link HResult#E_DRM_SERVICE_MOVED}). */
  public Object param() {
    return param;
  }

  /** The parameter of any failure: {@link #param()} for an {@code RmsFailure}, else null. */
  static Object paramOf(DrmException e) {
    return e instanceof RmsFailure ? ((RmsFailure) e).param() : null;
  }
}
