package org.openrms.wsman.client;

/**
 * The service answered with an HTTP status and no WS-Management fault (say 404 for a wrong path,
 * 415, or a 5xx from a proxy), or with a body that is not a WS-Management envelope.
 */
public final class WsmanHttpException extends WsmanClientException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** An exception for {@code status} (0 if the status was fine but the body was not). */
  public WsmanHttpException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }
}
