package org.openrms.rms.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.client.internal.ClientRuntime;
import org.openrms.rms.client.internal.ClientSettings;
import org.openrms.rms.client.internal.KerberosSettings;

/**
 * The entry point of the rights-management SDK: the rights server to talk to, the trust anchors,
 * the credentials, the license store location and the threads callbacks run on. Client sessions
 * come from {@link #createClientSession}.
 *
 * <h2>RightsClients should be shared</h2>
 *
 * Create one {@code RightsClient} and reuse it for all your sessions. Each client holds an HTTP
 * client with its connection pool and the state of its license store; sharing one client reuses
 * them, while creating a client per session wastes resources.
 *
 * <pre>{@code
 * RightsClient client = RightsClient.builder()
 *     .serviceUrl(URI.create("https://rms.example.com/rms/v1"))
 *     .trustedRootsPem(Path.of("/etc/openrms/root-ca.pem"))
 *     .credentials("cat", password)
 *     .build();
 * }</pre>
 *
 * <p>Without {@link Builder#credentials credentials}, {@link GroupIdType#WINDOWS_AUTH} sessions
 * authenticate as the logged-on user: the default principal of the Kerberos ticket cache ({@code
 * kinit}), sent as {@code Negotiate} (see {@link Builder#kerberosTicketCache}).
 *
 * <h2>Customize a client with newBuilder()</h2>
 *
 * {@link #newBuilder()} returns a builder with this client's settings, for a variant (another store
 * directory, a shorter timeout) that does not change this client.
 *
 * <h2>Immutable and thread-safe</h2>
 *
 * A built client never changes and may be used from any thread. The trust anchors configured here
 * are used both for TLS (there is no way to trust every server) and as the roots that machine and
 * rights account certificate chains must chain to. Without configured roots the JDK's default trust
 * store is used for both.
 *
 * <h2>Close when done</h2>
 *
 * {@link #close()} overwrites the client's copy of the password with zeros; close the client after
 * its sessions. Sessions created later fail, activations started later fail with {@link
 * HResult#E_DRM_AUTHENTICATION_FAILED}.
 *
 * <h2>Which password copies exist, and when they are zeroed</h2>
 *
 * <ul>
 *   <li>The caller's array passed to {@link Builder#credentials}: never touched; zero it yourself.
 *   <li>The builder's copy: zeroed when {@code credentials} is called again, and when {@link
 *       Builder#build()} has built the client (the builder then holds no password; build again only
 *       after setting the credentials again). A builder dropped without {@code build()} keeps its
 *       copy until it is garbage-collected.
 *   <li>The client's copy (one per client, also for clients built from {@link #newBuilder()}):
 *       zeroed by {@link #close()}.
 *   <li>Per request, the {@code login:password} bytes are zeroed once encoded; the resulting Base64
 *       header is a {@code String} that the HTTP client keeps until the request is done and cannot
 *       be zeroed.
 * </ul>
 */
public final class RightsClient implements AutoCloseable {
  /** someone@example.com: a local part, one @, a domain with a dot; no spaces; at most 254. */
  private static final Pattern EMAIL =
      Pattern.compile("(?=.{3,254}$)[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  private final ClientSettings settings;
  private final ClientRuntime runtime;

  private RightsClient(ClientSettings settings) {
    this.settings = settings;
    this.runtime = new ClientRuntime(settings);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this client's settings (the password is copied). */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * Creates a client session ({@code DRMCreateClientSession}).
   *
   * <p>In {@link Builder#serviceStore(boolean) service store} mode this blocks while a process of
   * another local user holds a client session on the store, up to the {@link
   * Builder#storeLockTimeout store lock timeout}.
   *
   * @param callback receives the status messages of activations; required
   * @param callbackVersion must be 0
   * @param type the group-ID provider type
   * @param groupId the user's e-mail address in the format {@code someone@example.com}, or {@code
   *     null} for a session used only for {@link ClientSession#getServiceLocation}
   * @throws DrmException {@link HResult#E_INVALIDARG} for a {@code null} callback or type, a
   *     callback version other than 0, or a group ID that is not an e-mail address; {@link
   *     HResult#E_DRM_ALREADY_IN_PROGRESS} naming the store and the other user if a service store
   *     stays held by another user beyond the timeout; {@link HResult#E_FAIL} if the store cannot
   *     be opened or the client is closed
   */
  public ClientSession createClientSession(
      StatusCallback callback, int callbackVersion, GroupIdType type, String groupId) {
    if (callback == null) {
      throw new DrmException(HResult.E_INVALIDARG, "the status callback cannot be null");
    }
    if (callbackVersion != 0) {
      throw new DrmException(
          HResult.E_INVALIDARG, "only callback version 0 is supported, not " + callbackVersion);
    }
    if (type == null) {
      throw new DrmException(HResult.E_INVALIDARG, "the group-ID type cannot be null");
    }
    if (groupId != null && !EMAIL.matcher(groupId).matches()) {
      throw new DrmException(
          HResult.E_INVALIDARG,
          "the group ID must be an e-mail address in the format someone@example.com (or null for"
              + " service location only), not '"
              + groupId
              + "'");
    }
    return runtime.createClientSession(callback, type, groupId);
  }

  /** The rights server's {@code /rms/v1} base URL, or {@code null} if none is configured. */
  public URI serviceUrl() {
    return settings.serviceUrl();
  }

  /** The license store directory. */
  public Path storeDirectory() {
    return settings.storeDirectory();
  }

  /** Whether the store is a machine-wide service store. */
  public boolean isServiceStore() {
    return settings.serviceStore();
  }

  /** The clock validity checks use. */
  public Clock clock() {
    return settings.clock();
  }

  /** The tolerance for certificate validity checks of server answers. */
  public Duration validityTolerance() {
    return settings.validityTolerance();
  }

  /** Whether credentials may be sent over plain HTTP ({@link Builder#allowBasicOverHttp}). */
  public boolean allowsBasicOverHttp() {
    return settings.allowBasicOverHttp();
  }

  /** The client's own password copy, for tests of its zeroing. */
  char[] passwordCopyForTesting() {
    return settings.password();
  }

  /** Overwrites the password copy with zeros. Idempotent. */
  @Override
  public void close() {
    runtime.close();
  }

  /** Builds {@link RightsClient}s. Not thread-safe. */
  public static final class Builder {
    private URI serviceUrl;
    private List<X509Certificate> trustedRoots;
    private String login;
    private char[] password;
    private Path storeDirectory;
    private boolean serviceStore;
    private Duration storeLockTimeout = Duration.ofSeconds(30);
    private Executor callbackExecutor;
    private Clock clock = Clock.systemUTC();
    private Duration validityTolerance = Duration.ofMinutes(15);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private boolean allowBasicOverHttp;
    private Supplier<String> idToken;
    private String kerberosPrincipal;
    private Path ticketCache;
    private boolean kerberosForCredentials;
    private boolean ntlmForCredentials;

    Builder() {}

    Builder(ClientSettings s) {
      serviceUrl = s.serviceUrl();
      trustedRoots = s.trustedRoots();
      login = s.login();
      password = s.password() == null ? null : s.password().clone();
      storeDirectory = s.storeDirectory();
      serviceStore = s.serviceStore();
      storeLockTimeout = s.storeLockTimeout();
      callbackExecutor = s.callbackExecutorOrNull();
      clock = s.clock();
      validityTolerance = s.validityTolerance();
      connectTimeout = s.connectTimeout();
      requestTimeout = s.requestTimeout();
      allowBasicOverHttp = s.allowBasicOverHttp();
      idToken = s.idToken();
      kerberosPrincipal = s.kerberos().servicePrincipal();
      ticketCache = s.kerberos().ticketCache();
      kerberosForCredentials = s.kerberos().forCredentials();
      ntlmForCredentials = s.ntlmForCredentials();
    }

    /**
     * The rights server's base URL, ending in {@code /rms/v1} (the "enterprise" service location,
     * like the registry override of the C API). Used for machine activation, non-silent user
     * activation and {@link ServiceLocation#ENTERPRISE} service location.
     */
    public Builder serviceUrl(URI serviceUrl) {
      this.serviceUrl = Objects.requireNonNull(serviceUrl, "serviceUrl");
      return this;
    }

    /** The trusted root certificates (TLS trust anchors and certificate chain anchors). */
    public Builder trustedRoots(Collection<X509Certificate> roots) {
      if (roots.isEmpty()) {
        throw new IllegalArgumentException("at least one trusted root is required");
      }
      this.trustedRoots = List.copyOf(roots);
      return this;
    }

    /**
     * Reads the trusted root certificates from a PEM file.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    public Builder trustedRootsPem(Path pemFile) {
      String pem;
      try {
        pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read trusted roots from " + pemFile, e);
      }
      return trustedRoots(Pem.decodeChain(pem));
    }

    /**
     * The credentials sent (HTTP Basic, preemptively, over HTTPS only; see {@link
     * #allowBasicOverHttp}) for activation, or used for a Kerberos ticket (see {@link
     * #kerberosForCredentials}). Without credentials, {@link GroupIdType#WINDOWS_AUTH} sessions use
     * the Kerberos ticket cache ({@link #kerberosTicketCache}). The password array is copied (the
     * caller may zero its own array at once); the copy is zeroed by {@link #build()}, which gives
     * the client its own copy, or by a later call of this method.
     */
    public Builder credentials(String login, char[] password) {
      Objects.requireNonNull(login, "login");
      Objects.requireNonNull(password, "password");
      if (login.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a Basic login cannot contain ':'");
      }
      if (this.password != null) {
        Arrays.fill(this.password, '\0');
      }
      this.login = login;
      this.password = password.clone();
      return this;
    }

    /**
     * Where {@link GroupIdType#PASSPORT} sessions get their credentials: an OpenID Connect ID token
     * from a provider the rights server trusts, sent as {@code Authorization: Bearer} instead of
     * the Basic credentials on every request of such a session (machine and user activation). The
     * supplier is called once per request, on the activation's thread, so it can hand a fresh token
     * (refreshing it, or reading a file); a {@code null}, blank or malformed token, or a supplier
     * that throws, fails the activation with {@link HResult#E_DRM_AUTHENTICATION_FAILED} before
     * anything is sent. Like credentials, tokens go over HTTPS only (see {@link
     * #allowBasicOverHttp}). {@link GroupIdType#WINDOWS_AUTH} sessions keep using {@link
     * #credentials}. The SDK never logs the token. Default: none.
     */
    public Builder idToken(Supplier<String> supplier) {
      this.idToken = Objects.requireNonNull(supplier, "supplier");
      return this;
    }

    /**
     * The rights server's Kerberos service principal, such as {@code
     * HTTP/rms.example.com@EXAMPLE.COM}. Default: {@code HTTP/<host of the URL>}, which is what
     * Windows asks for. A principal without realm is taken in the client principal's realm (as MIT
     * Kerberos asks the client's KDC first); the KDCs come from the JDK's krb5 configuration
     * ({@code -Djava.security.krb5.conf}, else {@code /etc/krb5.conf}).
     */
    public Builder kerberosServicePrincipal(String servicePrincipal) {
      Objects.requireNonNull(servicePrincipal, "servicePrincipal");
      if (servicePrincipal.isBlank()) {
        throw new IllegalArgumentException("the service principal must not be blank");
      }
      this.kerberosPrincipal = servicePrincipal.strip();
      return this;
    }

    /**
     * The Kerberos ticket cache of the logged-on identity (a file, as {@code kinit} writes it).
     *
     * <p>{@link GroupIdType#WINDOWS_AUTH} sessions of a client without {@link #credentials} use the
     * logged-on identity, the way Windows does: the default principal of this ticket cache
     * authenticates with {@code Authorization: Negotiate} (a SPNEGO-wrapped Kerberos AP-REQ for
     * {@link #kerberosServicePrincipal}, sent preemptively, over HTTPS only), and a success answer
     * must carry the server's AP-REP (mutual authentication), else the activation fails with {@link
     * HResult#E_DRM_AUTHENTICATION_FAILED}. A cache without a current ticket-granting ticket, or a
     * service unknown to the KDC, fails the same way before anything is sent. If there is no ticket
     * cache file, the request goes without credentials.
     *
     * <p>Default: {@code KRB5CCNAME} (a {@code FILE:} cache or a path), else {@code
     * /tmp/krb5cc_<uid>}.
     */
    public Builder kerberosTicketCache(Path ticketCache) {
      this.ticketCache = Objects.requireNonNull(ticketCache, "ticketCache");
      return this;
    }

    /**
     * Whether explicit {@link #credentials} are a Kerberos principal and its password: the client
     * then gets a ticket with them for every request and sends {@code Negotiate} (HTTPS only)
     * instead of Basic, so the password never reaches the rights server. Default: {@code false}
     * (Basic).
     */
    public Builder kerberosForCredentials(boolean kerberos) {
      this.kerberosForCredentials = kerberos;
      return this;
    }

    /**
     * Whether explicit {@link #credentials} are an account for NTLM: every request then
     * authenticates with raw NTLMSSP under {@code Negotiate} (NEGOTIATE, the server's CHALLENGE in
     * a 401, AUTHENTICATE, both rounds on one dedicated HTTP/1.1 connection, with channel bindings
     * of the server's TLS certificate) instead of Basic, so the password never reaches the rights
     * server. HTTPS only. A login may be {@code user}, {@code DOMAIN\\user} or {@code user@domain}.
     * A refused account fails with {@link org.openrms.core.HResult#E_DRM_AUTHENTICATION_FAILED}.
     * Default: {@code false} (Basic). Kerberos ({@link #kerberosForCredentials}) wins if both are
     * set.
     */
    public Builder ntlmForCredentials(boolean ntlm) {
      this.ntlmForCredentials = ntlm;
      return this;
    }

    /**
     * The license store directory. Default: {@code $XDG_DATA_HOME/openrms}, or {@code
     * ~/.local/share/openrms}.
     */
    public Builder storeDirectory(Path storeDirectory) {
      this.storeDirectory = Objects.requireNonNull(storeDirectory, "storeDirectory");
      return this;
    }

    /**
     * Machine-wide service store mode: while a process holds a client session on the store, a
     * process of another local user cannot create one; it waits up to {@link #storeLockTimeout}.
     * Users are the real OS identities of the processes (uid and user name), not the {@code
     * user.name} property. Processes of the same user share the store. The directories of a service
     * store are created group-accessible (0770, files 0660) and every file gets the group of its
     * directory: create the store directory owned by a group of the users that share it. Machine
     * activations stay per user (the machine key is bound to the user). Default: {@code false}.
     */
    public Builder serviceStore(boolean serviceStore) {
      this.serviceStore = serviceStore;
      return this;
    }

    /** How long to wait for a service store held by another user. Default: 30 seconds. */
    public Builder storeLockTimeout(Duration timeout) {
      this.storeLockTimeout = requireNotNegative(timeout, "storeLockTimeout");
      return this;
    }

    /**
     * Where activations run and their callbacks are called. Default: a shared pool of daemon
     * threads. The executor must not run tasks on the submitting thread.
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock for certificate validity checks. Default: the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far the client's clock may be off when checking the validity of certificates the server
     * returns. Default: 15 minutes.
     */
    public Builder validityTolerance(Duration tolerance) {
      this.validityTolerance = requireNotNegative(tolerance, "validityTolerance");
      return this;
    }

    /** TCP and TLS connect timeout. Default: 10 seconds. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connectTimeout");
      return this;
    }

    /** Timeout of one HTTP request until its response headers. Default: 30 seconds. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requirePositive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Whether the credentials may be sent over plain {@code http:} URLs. <b>For tests and lab
     * setups only:</b> HTTP Basic over plain HTTP hands the password to anyone on the path. Without
     * it (the default), an activation against an {@code http:} URL fails with {@link
     * HResult#E_DRM_AUTHENTICATION_FAILED} ("refusing to send credentials over plain HTTP") and the
     * credentials are never sent. Default: {@code false}.
     */
    public Builder allowBasicOverHttp(boolean allow) {
      this.allowBasicOverHttp = allow;
      return this;
    }

    /**
     * Builds the client, which gets its own copy of the password; the builder's copy is then zeroed
     * and dropped.
     *
     * @throws IllegalStateException if the credentials went to a client built before and were not
     *     set again
     */
    public RightsClient build() {
      if (login != null && password == null) {
        throw new IllegalStateException(
            "the password was handed to the client built before and zeroed here;"
                + " call credentials(...) again before building another client");
      }
      Path store = storeDirectory != null ? storeDirectory : ClientSettings.defaultStoreDirectory();
      RightsClient built =
          new RightsClient(
              new ClientSettings(
                  serviceUrl,
                  trustedRoots,
                  login,
                  password == null ? null : password.clone(),
                  store,
                  serviceStore,
                  storeLockTimeout,
                  callbackExecutor,
                  clock,
                  validityTolerance,
                  connectTimeout,
                  requestTimeout,
                  allowBasicOverHttp,
                  idToken,
                  new KerberosSettings(kerberosPrincipal, ticketCache, kerberosForCredentials),
                  ntlmForCredentials));
      if (password != null) {
        Arrays.fill(password, '\0');
        password = null;
      }
      return built;
    }

    /** The builder's password copy (null once built), for tests of its zeroing. */
    char[] passwordCopyForTesting() {
      return password;
    }

    private static Duration requireNotNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " cannot be negative");
      }
      return d;
    }

    private static Duration requirePositive(Duration d, String name) {
      requireNotNegative(d, name);
      if (d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
