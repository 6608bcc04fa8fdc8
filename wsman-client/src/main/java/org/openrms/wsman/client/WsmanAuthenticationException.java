package org.openrms.wsman.client;

/**
 * Authentication failed or cannot be attempted: the service answered 401, or the session's settings
 * forbid sending the credentials (Basic over plain HTTP without NoEncryption), or the client
 * certificate is missing.
 */
public final class WsmanAuthenticationException extends WsmanClientException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public WsmanAuthenticationException(String message) {
    super(message);
  }
}
