package org.openrms.wsman.server;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.openrms.wsman.server.internal.Authenticator;
import org.openrms.wsman.server.internal.ClientCertTls;
import org.openrms.wsman.server.internal.ConfigResource;
import org.openrms.wsman.server.internal.ShellRegistry;
import org.openrms.wsman.server.internal.ShellResource;
import org.openrms.wsman.server.internal.WsmanHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running WS-Management listener: Jetty serving {@code POST /wsman} over HTTP (unless turned off)
 * and HTTPS (when configured), as configured by a {@link WsmanListenerConfig}. Start one with
 * {@link #start(WsmanListenerConfig)}; {@link #close()} stops it, closes every shell (killing their
 * process trees) and is idempotent. Thread-safe.
 *
 * <p>Commands of the WinRS shell run as the OS user of the listener's JVM, whichever account
 * authenticated: an account of {@link LocalAccounts} is a WS-Management identity, not an OS user.
 * {@link #openShells()}, {@link #liveProcesses()} and {@link #passwordDerivations()} let tests and
 * operators watch for leaks and for the cost of authentication.
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
  private final Authenticator authenticator;
  private final ShellRegistry shells;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WsmanListener(WsmanListenerConfig config) {
    this.config = config;
    // Long-polled Receives hold a worker each, for up to MaxTimeout.
    QueuedThreadPool threads = new QueuedThreadPool(256, 4);
    threads.setName("openrms-wsman");
    this.server = new Server(threads);
    HttpConfiguration hc = new HttpConfiguration();
    hc.setSendServerVersion(false);
    hc.setSendXPoweredBy(false);
    if (config.httpEnabled()) {
      this.http = new ServerConnector(server, new HttpConnectionFactory(hc));
      http.setHost(config.bindAddress());
      http.setPort(config.httpPort());
      http.setIdleTimeout(120_000);
      server.addConnector(http);
    } else {
      this.http = null;
    }
    this.https = config.httpsPort().isPresent() ? httpsConnector(config) : null;
    if (https != null) {
      server.addConnector(https);
    }
    this.authenticator = new Authenticator(config);
    List<Resource> builtIns = new ArrayList<>();
    builtIns.add(new ConfigResource(config, this::httpPort, this::httpsPort));
    if (config.shell().enabled()) {
      this.shells = new ShellRegistry(config.shell(), 1_000);
      builtIns.add(new ShellResource(shells, config.maxTimeout(), this::anyUri));
    } else {
      this.shells = null;
    }
    server.setHandler(new WsmanHandler(config, authenticator, builtIns));
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
    SslContextFactory.Server ssl =
        config.clientCertificates().isPresent()
            ? new ClientCertTls(config.clientCertificates().get())
            : new SslContextFactory.Server();
    if (config.tlsKeyStore().isPresent()) {
      ssl.setKeyStore(config.tlsKeyStore().get());
    } else {
      ssl.setKeyStorePath(config.keyStore().orElseThrow().toString());
      ssl.setKeyStoreType("PKCS12");
    }
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
        l.http == null ? "" : l.httpUri(),
        l.httpsUri().map(URI::toString).orElse(""),
        config);
    return l;
  }

  /** The settings. */
  public WsmanListenerConfig config() {
    return config;
  }

  /** The bound HTTP port, -1 when plain HTTP is off. */
  public int httpPort() {
    return http == null ? -1 : http.getLocalPort();
  }

  /** The bound HTTPS port, if HTTPS is on. */
  public OptionalInt httpsPort() {
    return https == null ? OptionalInt.empty() : OptionalInt.of(https.getLocalPort());
  }

  /**
   * The endpoint, {@code http://<bind address>:<port>/wsman} (IPv6 literals in brackets).
   *
   * @throws IllegalStateException when plain HTTP is off ({@link WsmanListenerConfig.Builder#http})
   */
  public URI httpUri() {
    if (http == null) {
      throw new IllegalStateException("plain HTTP is off on this listener; use httpsUri()");
    }
    return uri("http", httpPort());
  }

  private String anyUri() {
    return (http == null ? httpsUri().orElseThrow() : httpUri()).toString();
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

  /** Open WinRS shells (0 when the shell is off). */
  public int openShells() {
    return shells == null ? 0 : shells.openShells();
  }

  /** Live processes started by shell commands, their descendants included. */
  public int liveProcesses() {
    return shells == null ? 0 : shells.liveProcesses();
  }

  /**
   * PBKDF2 password derivations done since start: one per Basic check that missed the credential
   * cache (including every wrong password).
   */
  public long passwordDerivations() {
    return authenticator.derivations();
  }

  /** The accounts Basic is checked against now. */
  public LocalAccounts accounts() {
    return authenticator.accounts();
  }

  /**
   * Replaces the accounts while running (e.g. after the accounts file changed); forgets every
   * cached credential at once. Open shells stay open.
   */
  public void accounts(LocalAccounts accounts) {
    authenticator.accounts(java.util.Objects.requireNonNull(accounts, "accounts"));
  }

  /** Stops the listener and closes every shell; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (shells != null) {
      shells.close();
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the WS-Management listener failed", e);
    }
  }
}
