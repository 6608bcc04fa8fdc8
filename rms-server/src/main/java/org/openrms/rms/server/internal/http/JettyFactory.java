package org.openrms.rms.server.internal.http;

import java.security.KeyStore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the Jetty server: one connector (HTTPS or plain HTTP) and the API handler. */
public final class JettyFactory {
  private JettyFactory() {}

  /**
   * A configured, not yet started server.
   *
   * @param tlsKeyStore keystore with the TLS key under alias {@code tls}, or {@code null} for plain
   *     HTTP
   */
  public static Server create(
      String host, int port, KeyStore tlsKeyStore, String tlsPassword, Handler handler) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("openrms-rms");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector;
    if (tlsKeyStore != null) {
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      secure.setSniRequired(false);
      http.addCustomizer(secure);
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(tlsKeyStore);
      ssl.setKeyStorePassword(tlsPassword);
      ssl.setKeyManagerPassword(tlsPassword);
      ssl.setCertAlias("tls");
      ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(30_000);
    server.addConnector(connector);
    server.setHandler(handler);
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopTimeout(2_000);
    return server;
  }

  /** The actual local port of the server's connector (after start). */
  public static int localPort(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }
}
