package org.openrms.rms.server.internal.http;

import org.eclipse.jetty.server.ConnectionMetaData;

/**
 * One HTTP authentication scheme of the API ({@code Basic}, {@code Bearer}; {@code Negotiate} plugs
 * in the same way): it turns the request's {@code Authorization} header into an {@link
 * Authentication}. {@link Authenticators} picks the authenticator by the header's scheme and sends
 * every authenticator's {@link #challenge()} with a 401.
 *
 * <p>An implementation that authenticates a principal without a directory entry of its own (a
 * Kerberos ticket, an NTLM exchange) looks the principal up with {@link
 * org.openrms.rms.server.IdentityDirectory#lookup} and answers {@code AD_ENTRY_NOT_FOUND} when
 * there is none. Implementations are thread-safe.
 */
public interface Authenticator {
  /** The scheme name, compared case-insensitively with the header's first token. */
  String scheme();

  /** The {@code WWW-Authenticate} challenge sent with a 401. */
  String challenge();

  /**
   * Authenticates one request whose header uses {@link #scheme()}.
   *
   * @param authorization the whole {@code Authorization} header
   * @param secure whether the request came over TLS
   * @return the authenticated caller with its directory entry (enabled or not: the caller checks,
   *     so that the audit log names a disabled account)
   * @throws ApiException 401 {@code AUTHENTICATION_FAILED} for missing, malformed or wrong
   *     credentials, 403 {@code REQUEST_DENIED} for credentials over plain HTTP, 503 {@code
   *     SERVER_ERROR} when the directory or identity provider cannot be asked
   */
  Authentication authenticate(String authorization, boolean secure);

  /**
   * Like {@link #authenticate(String, boolean)}, for a request on {@code connection}, where a
   * connection-bound scheme (NTLM under {@code Negotiate}) keeps the state of its exchange.
   *
   * @param connection the request's connection, or {@code null}
   * @throws ApiException as {@link #authenticate(String, boolean)}; a 401 with {@link
   *     ApiException#challenge()} for a round of the exchange
   */
  default Authentication authenticate(
      String authorization, boolean secure, ConnectionMetaData connection) {
    return authenticate(authorization, secure);
  }
}
