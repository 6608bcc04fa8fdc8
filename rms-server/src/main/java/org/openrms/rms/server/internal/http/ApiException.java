package org.openrms.rms.server.internal.http;

import org.openrms.core.wire.RmsErrorCode;

/**
 * A request that ends with a problem answer. The detail goes to the client, so it never holds
 * secrets or internals.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RmsErrorCode code;
  private final int status;
  private final String challenge;

  /** A problem with the code's own HTTP status. */
  public ApiException(RmsErrorCode code, String detail) {
    this(code, code.httpStatus(), detail);
  }

  /** A problem with an explicit HTTP status (405, 413 …). */
  public ApiException(RmsErrorCode code, int status, String detail) {
    this(code, status, detail, null);
  }

  /**
   * A 401 (or other problem) whose {@code WWW-Authenticate} is {@code challenge} instead of every
   * scheme's challenge: a round of a multi-leg exchange (NTLM's CHALLENGE).
   */
  public ApiException(RmsErrorCode code, int status, String detail, String challenge) {
    super(detail, null, false, false);
    this.code = code;
    this.status = status;
    this.challenge = challenge;
  }

  /** The {@code WWW-Authenticate} value that continues an exchange, or {@code null}. */
  public String challenge() {
    return challenge;
  }

  /** The stable error code. */
  public RmsErrorCode code() {
    return code;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The client-facing detail. */
  public String detail() {
    return getMessage();
  }
}
