package org.openrms.wsman.client;

/**
 * A failure of a session that is not a WS-Management fault sent by the service: the service cannot
 * be reached, TLS or authentication failed, an HTTP error without a SOAP fault, or a response that
 * is not a WS-Management envelope. Faults the service sends are {@link
 * org.openrms.wsman.WsmanFaultException}s instead.
 *
 * <p>Unchecked. Messages name the endpoint and the problem, never a password.
 */
public class WsmanClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public WsmanClientException(String message) {
    super(message);
  }

  /** An exception with a message and a cause. */
  public WsmanClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
