package org.openrms.rms.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.eclipse.jetty.server.Server;
import org.openrms.auth.KerberosCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContextException;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsPaths;
import org.openrms.rms.server.internal.DataFiles;
import org.openrms.rms.server.internal.crypto.CertificateAuthority;
import org.openrms.rms.server.internal.crypto.TlsNames;
import org.openrms.rms.server.internal.db.AuditStore;
import org.openrms.rms.server.internal.db.CertificateStore;
import org.openrms.rms.server.internal.db.DataDirectoryLock;
import org.openrms.rms.server.internal.db.Database;
import org.openrms.rms.server.internal.db.ServerMetaStore;
import org.openrms.rms.server.internal.http.ActivationEndpoint;
import org.openrms.rms.server.internal.http.Authenticator;
import org.openrms.rms.server.internal.http.Authenticators;
import org.openrms.rms.server.internal.http.BasicAuthenticator;
import org.openrms.rms.server.internal.http.BearerAuthenticator;
import org.openrms.rms.server.internal.http.CertificationEndpoint;
import org.openrms.rms.server.internal.http.JettyFactory;
import org.openrms.rms.server.internal.http.NegotiateAuthenticator;
import org.openrms.rms.server.internal.http.RmsHandler;
import org.openrms.rms.server.internal.oidc.IdTokenVerifier;
import org.openrms.wsman.server.ShellSettings;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running OpenRMS rights server: the {@code /rms/v1} HTTP API (see {@code docs/rms-protocol.md})
 * over HTTPS by default, its certificate authority, its user directory and its audit log, all kept
 * in one data directory.
 *
 * <p>Callers authenticate with Basic (against the directory), Bearer (OpenID Connect ID tokens, if
 * configured) or Negotiate (Kerberos with a service keytab, if configured).
 *
 * <p>Start with {@link #start(RightsServerConfig)}; stop with {@link #close()}. One data directory
 * serves one server at a time (a lock file guards it). Thread-safe.
 */
public final class RightsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RightsServer.class);

  private final RightsServerConfig config;
  private final DataDirectoryLock lock;
  private final Database db;
  private final Server jetty;
  private final CertificateAuthority ca;
  private final UserDirectory directory;
  private final IdentityDirectory identity;
  private final AuditLog audit;
  private final String serverId;
  private final KerberosCredentials kerberos;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile WsmanListener management;

  private RightsServer(
      RightsServerConfig config,
      DataDirectoryLock lock,
      Database db,
      Server jetty,
      CertificateAuthority ca,
      UserDirectory directory,
      IdentityDirectory identity,
      AuditLog audit,
      String serverId,
      KerberosCredentials kerberos) {
    this.kerberos = kerberos;
    this.identity = identity;
    this.config = config;
    this.lock = lock;
    this.db = db;
    this.jetty = jetty;
    this.ca = ca;
    this.directory = directory;
    this.audit = audit;
    this.serverId = serverId;
  }

  /**
   * Starts a server: creates the data directory (owner-only) if needed, migrates the database,
   * loads or creates the CA keys, writes {@code root-ca.pem} and starts listening.
   *
   * @throws IllegalStateException if the data directory is in use or cannot be set up, or the
   *     listener cannot start (port taken …)
   */
  public static RightsServer start(RightsServerConfig config) {
    Path dir = config.dataDirectory();
    DataFiles.createPrivateDirectory(dir);
    if (DataFiles.isSharedWithOthers(dir)) {
      LOG.warn(
          "the data directory {} is accessible to other users; it holds the CA keys and their"
              + " password, so restrict it to the owner (chmod 700)",
          dir);
    }
    DataDirectoryLock lock = DataDirectoryLock.acquire(dir, "server");
    Database db = null;
    Server jetty = null;
    LdapDirectory ldap = null;
    KerberosCredentials kerberos = null;
    try {
      db = Database.open(dir, "openrms-rms", 8);
      String serverId = new ServerMetaStore(db).serverId();
      SecureRandom random = new SecureRandom();
      List<String> extraHosts = new ArrayList<>();
      config.publicBaseUri().ifPresent(u -> extraHosts.add(u.getHost()));
      CertificateAuthority ca =
          CertificateAuthority.loadOrCreate(
              dir,
              serverId,
              config.clock(),
              random,
              TlsNames.forServer(config.bindAddress(), extraHosts));
      UserDirectory directory =
          new UserDirectory(db, config.passwordHashIterations(), random, config.clock(), null);
      AuditStore auditStore = new AuditStore(db);
      CertificateStore certificates = new CertificateStore(db);
      ldap = config.ldapDirectory().map(LdapDirectory::open).orElse(null);
      IdentityDirectory identity = ldap != null ? ldap : directory;
      List<Authenticator> authenticators = new ArrayList<>();
      NegotiateAuthenticator.NtlmSettings ntlm = null;
      if (config.ntlm()) {
        if (ldap != null) {
          throw new IllegalStateException(
              "NTLM needs the built-in directory (it keeps the NT hashes); turn it off with LDAP");
        }
        ntlm =
            new NegotiateAuthenticator.NtlmSettings(
                directory.ntlmAccounts(),
                NtlmOptions.builder().tlsServerCertificate(ca.tlsCertificate()).build());
      }
      if (config.kerberosPrincipal().isPresent() || ntlm != null) {
        kerberos = config.kerberosPrincipal().isPresent() ? acceptor(config) : null;
        authenticators.add(
            new NegotiateAuthenticator(
                kerberos, kerberos == null ? "" : realmOf(config), identity, ntlm));
      }
      authenticators.add(new BasicAuthenticator(identity, config.allowBasicOverHttp()));
      config
          .oidc()
          .ifPresent(
              o ->
                  authenticators.add(
                      new BearerAuthenticator(
                          new IdTokenVerifier(o, config.clock()), config.allowBasicOverHttp())));
      Authenticators auth = new Authenticators(authenticators);
      Server[] holder = new Server[1];
      RmsHandler handler =
          new RmsHandler(
              new RmsHandler.Settings(
                  config.maxRequestBytes(),
                  config.decommissioned(),
                  config.movedTo(),
                  () ->
                      config
                          .publicBaseUri()
                          .orElseGet(() -> localBase(config, JettyFactory.localPort(holder[0]))),
                  serverId,
                  Pem.encodeChain(List.of(ca.root())),
                  config.clock(),
                  auth.challenges()),
              new ActivationEndpoint(config, auth, ca, certificates),
              new CertificationEndpoint(config, auth, ca, certificates, random),
              auditStore);
      byte[] pw = new byte[24];
      random.nextBytes(pw);
      String tlsPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
      jetty =
          JettyFactory.create(
              config.bindAddress(),
              config.port(),
              config.plainHttp() ? null : ca.tlsKeyStore(tlsPassword.toCharArray()),
              tlsPassword,
              handler);
      holder[0] = jetty;
      jetty.start();
      RightsServer server =
          new RightsServer(
              config,
              lock,
              db,
              jetty,
              ca,
              directory,
              identity,
              new AuditLog(auditStore),
              serverId,
              kerberos);
      if (config.managementPort().isPresent()) {
        try {
          server.management = startManagement(server, config, ca, random);
        } catch (IOException | RuntimeException e) {
          server.close();
          throw new IllegalStateException(
              "cannot start the WS-Management listener: " + e.getMessage(), e);
        }
        LOG.info("managed over WS-Management at {}", server.management.httpsUri().orElseThrow());
      }
      LOG.info("OpenRMS rights server {} listening on {}", serverId, server.baseUri());
      return server;
    } catch (Exception e) {
      stopQuietly(jetty);
      if (ldap != null) {
        ldap.close();
      }
      if (kerberos != null) {
        kerberos.close();
      }
      if (db != null) {
        db.close();
      }
      lock.close();
      if (e instanceof IllegalStateException) {
        throw (IllegalStateException) e;
      }
      throw new IllegalStateException("cannot start the rights server: " + e.getMessage(), e);
    }
  }

  private static KerberosCredentials acceptor(RightsServerConfig config) {
    String spn = config.kerberosPrincipal().orElseThrow();
    try {
      return KerberosCredentials.acceptorKeytab(spn, config.kerberosKeytab().orElseThrow());
    } catch (SecurityContextException e) {
      throw new IllegalStateException(
          "cannot use the Kerberos keytab "
              + config.kerberosKeytab().orElseThrow()
              + " for "
              + spn
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The service's realm: the principal's, else the default realm of the krb5 configuration. */
  private static String realmOf(RightsServerConfig config) {
    String spn = config.kerberosPrincipal().orElseThrow();
    String realm = NegotiateAuthenticator.realmOf(spn);
    if (!realm.isEmpty()) {
      return realm;
    }
    try {
      return new KerberosPrincipal("HTTP/localhost").getRealm();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static WsmanListener startManagement(
      RightsServer server, RightsServerConfig config, CertificateAuthority ca, SecureRandom random)
      throws IOException {
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    char[] pw = Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
    try {
      WsmanListenerConfig.Builder b =
          WsmanListenerConfig.builder()
              .bindAddress(config.bindAddress())
              .http(false)
              .https(config.managementPort().getAsInt(), ca.tlsKeyStore(pw), pw)
              .accounts(config.managementAccounts())
              .shell(ShellSettings.DEFAULTS.withEnabled(false));
      RightsManagement.resources(server).forEach(b::resource);
      return WsmanListener.start(b.build());
    } finally {
      java.util.Arrays.fill(pw, '\0');
    }
  }

  /**
   * The HTTPS endpoint of the WS-Management listener that manages this server, such as {@code
   * https://127.0.0.1:PORT/wsman}, if management is on ({@link
   * RightsServerConfig.Builder#management}).
   */
  public Optional<URI> managementUri() {
    WsmanListener l = management;
    return l == null ? Optional.empty() : l.httpsUri();
  }

  private static URI localBase(RightsServerConfig config, int port) {
    String host = config.bindAddress();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.equals("::") || host.equals("[::]")) {
      host = "::1";
    }
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String scheme = config.plainHttp() ? "http" : "https";
    return URI.create(scheme + "://" + host + ":" + port + RmsPaths.ROOT);
  }

  /**
   * The base URI of the API on the local listener, such as {@code https://127.0.0.1:PORT/rms/v1}.
   */
  public URI baseUri() {
    return localBase(config, port());
  }

  /** The actual listening port. */
  public int port() {
    return JettyFactory.localPort(jetty);
  }

  /** The configuration the server runs with. */
  public RightsServerConfig config() {
    return config;
  }

  /** The stable server id (a UUID chosen on first start), as in {@code ServiceInfo}. */
  public String serverId() {
    return serverId;
  }

  /** The root CA certificate (issuer of machine and TLS certificates, and of the SLC). */
  public X509Certificate rootCertificate() {
    return ca.root();
  }

  /** The Server Licensor Certificate, which signs RACs. */
  public X509Certificate licensorCertificate() {
    return ca.slc();
  }

  /** {@code DATA/root-ca.pem}, written on every start. */
  public Path rootCertificateFile() {
    return config.dataDirectory().resolve(CertificateAuthority.ROOT_PEM);
  }

  /** The user directory of this server ({@link UserDirectory#close()} on it does nothing). */
  public UserDirectory directory() {
    return directory;
  }

  /**
   * The directory that identifies callers: the configured {@link LdapDirectory}, else the built-in
   * {@link #directory()}.
   */
  public IdentityDirectory identityDirectory() {
    return identity;
  }

  /** Read access to the audit log. */
  public AuditLog audit() {
    return audit;
  }

  /**
   * The JDBC URL of the server's H2 database (user {@code sa}, empty password), for tools and
   * tests.
   */
  public String jdbcUrl() {
    return db.jdbcUrl();
  }

  /** Stops the listener and closes the database and the data-directory lock; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      WsmanListener l = management;
      if (l != null) {
        l.close();
      }
      stopQuietly(jetty);
      if (identity instanceof LdapDirectory) {
        ((LdapDirectory) identity).close();
      }
      if (kerberos != null) {
        kerberos.close();
      }
    } finally {
      try {
        db.close();
      } finally {
        lock.close();
      }
    }
    LOG.info("OpenRMS rights server {} stopped", serverId);
  }

  private static void stopQuietly(Server jetty) {
    if (jetty == null) {
      return;
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("error while stopping the HTTP listener", e);
    }
  }
}
