package org.openrms.wsman.server;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openrms.wsman.server.internal.ConfigResource;
import org.openrms.wsman.server.internal.WsmanHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running WS-Management listener: Jetty serving {@code POST /wsman} over HTTP (and HTTPS when
 * configured), as configured by a {@link WsmanListenerConfig}. Start one with {@link
 * #start(WsmanListenerConfig)}; {@link #close()} stops it and is idempotent. Thread-safe.
 *
 * <pre>{@code
 * LocalAccounts accounts = LocalAccounts.empty().withAccount("alice", password);
 * try (WsmanListener l = WsmanListener.start(WsmanListenerConfig.builder()
 *     .accounts(accounts).allowUnencrypted(true).build())) {
 *   URI endpoint = l.httpUri(); // http://127.0.0.1:<port>/wsman
 * }
 * }</pre>
 */
public final class WsmanListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WsmanListener.class);

  private final WsmanListenerConfig config;
  private final Server server;
  private final ServerConnector http;
  private final ServerConnector https;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WsmanListener(WsmanListenerConfig config) {
    this.config = config;
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("openrms-wsman");
    this.server = new Server(threads);
    HttpConfiguration hc = new HttpConfiguration();
    hc.setSendServerVersion(false);
    hc.setSendXPoweredBy(false);
    this.http = new ServerConnector(server, new HttpConnectionFactory(hc));
    http.setHost(config.bindAddress());
    http.setPort(config.httpPort());
    http.setIdleTimeout(120_000);
    server.addConnector(http);
    this.https = config.httpsPort().isPresent() ? httpsConnector(config) : null;
    if (https != null) {
      server.addConnector(https);
    }
    server.setHandler(
        new WsmanHandler(config, new ConfigResource(config, this::httpPort, this::httpsPort)));
    server.setStopTimeout(2_000);
  }

  private ServerConnector httpsConnector(WsmanListenerConfig config) {
    HttpConfiguration hc = new HttpConfiguration();
    hc.setSendServerVersion(false);
    hc.setSendXPoweredBy(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    secure.setSniRequired(false);
    hc.addCustomizer(secure);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(config.keyStore().orElseThrow().toString());
    ssl.setKeyStoreType("PKCS12");
    char[] pw = config.keyStorePassword().orElseThrow();
    ssl.setKeyStorePassword(new String(pw));
    Arrays.fill(pw, '\0');
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ServerConnector c =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(hc));
    c.setHost(config.bindAddress());
    c.setPort(config.httpsPort().getAsInt());
    c.setIdleTimeout(120_000);
    return c;
  }

  /**
   * Starts a listener.
   *
   * @throws IOException if a port cannot be bound or the keystore cannot be read
   */
  public static WsmanListener start(WsmanListenerConfig config) throws IOException {
    WsmanListener l;
    try {
      l = new WsmanListener(config);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Jetty checks the keystore path while the connector is built.
      throw new IOException("cannot set up the WS-Management listener: " + e.getMessage(), e);
    }
    try {
      l.server.start();
    } catch (IOException e) {
      l.close();
      throw e;
    } catch (Exception e) {
      l.close();
      throw new IOException("cannot start the WS-Management listener: " + e.getMessage(), e);
    }
    LOG.info(
        "WS-Management listener on {} {} ({})",
        l.httpUri(),
        l.httpsUri().map(URI::toString).orElse(""),
        config);
    return l;
  }

  /** The settings. */
  public WsmanListenerConfig config() {
    return config;
  }

  /** The bound HTTP port. */
  public int httpPort() {
    return http.getLocalPort();
  }

  /** The bound HTTPS port, if HTTPS is on. */
  public OptionalInt httpsPort() {
    return https == null ? OptionalInt.empty() : OptionalInt.of(https.getLocalPort());
  }

  /** The endpoint, {@code http://<bind address>:<port>/wsman} (IPv6 literals in brackets). */
  public URI httpUri() {
    return uri("http", httpPort());
  }

  /** The HTTPS endpoint, {@code https://<bind address>:<port>/wsman}, if HTTPS is on. */
  public Optional<URI> httpsUri() {
    return https == null ? Optional.empty() : Optional.of(uri("https", https.getLocalPort()));
  }

  private URI uri(String scheme, int port) {
    String host = config.bindAddress();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.equals("::") || host.equals("[::]")) {
      host = "[::1]";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create(scheme + "://" + host + ":" + port + WsmanHandler.PATH);
  }

  /** Stops the listener; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the WS-Management listener failed", e);
    }
  }
}
