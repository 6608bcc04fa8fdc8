package org.openrms.wsman.client.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The authentication state of one HTTP connection, for mechanisms bound to the connection
 * (Negotiate, Kerberos): it authenticates the connection on its first request, then sends each
 * request, sealing it when the session encrypts. A new connection gets a new state; {@link
 * HttpTransport} closes the state with its connection.
 */
public interface ConnectionAuth extends AutoCloseable {
  /** Makes the state of a new connection. */
  @FunctionalInterface
  interface Factory {
    /**
     * The state of a connection just opened.
     *
     * @param serverCertificate the TLS server certificate (for channel bindings), or null over
     *     plain HTTP
     */
    ConnectionAuth open(X509Certificate serverCertificate);
  }

  /**
   * Sends one request over {@code wire}, authenticating the connection first if it is not yet.
   *
   * @param body the SOAP request
   * @param headers its headers (Content-Type …)
   * @return the answer, decrypted if it came sealed; a 401 answer when the service refused the
   *     credentials
   * @throws IOException for a transport failure
   */
  HttpTransport.Answer send(HttpTransport.Wire wire, byte[] body, Map<String, String> headers)
      throws IOException;

  /** Zeroes the keys; idempotent. */
  @Override
  void close();
}
