package org.openrms.wsman.client;

/**
 * The service could not be reached or the connection broke: refused, reset, unknown host, connect
 * or read timeout, a TLS handshake failure other than a certificate check.
 */
public class WsmanConnectionException extends WsmanClientException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message and a cause. */
  public WsmanConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
