package org.openrms.wsman.server;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openrms.wsman.Namespaces;

/**
 * Immutable settings of a {@link WsmanListener}, built by {@link #builder()}.
 *
 * <p>Defaults follow Windows where it has one: {@code allowUnencrypted} off, a 500 KiB (512 000
 * bytes) maximum envelope. The listener binds {@code 127.0.0.1} on an ephemeral port unless told
 * otherwise. HTTPS is on when {@link Builder#https(int, Path, char[])} names a port and a PKCS#12
 * keystore; plain HTTP is on unless {@link Builder#http(boolean) http(false)} turns it off (then
 * HTTPS must be on).
 *
 * <p>The WinRS cmd shell ({@code http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd}) is
 * registered by default with Windows' quotas ({@link ShellSettings#DEFAULTS}); {@code
 * shell(ShellSettings.DEFAULTS.withEnabled(false))} turns it off. A Receive waits at most {@link
 * #maxTimeout()} (Windows' MaxTimeoutms, 60 s). Verified Basic credentials are cached for {@link
 * #credentialCacheTtl()} (60 s; zero turns the cache off). Client certificates are accepted over
 * HTTPS when {@link Builder#clientCertificates} is set.
 */
public final class WsmanListenerConfig {
  /** Windows' MaxEnvelopeSizekb (500) in bytes. */
  public static final int DEFAULT_MAX_ENVELOPE_SIZE = 500 * 1024;

  /** The smallest accepted max envelope size (MS-WSMV 3.1.4.1.7: 8192). */
  public static final int MIN_MAX_ENVELOPE_SIZE = 8192;

  /** Windows' MaxTimeoutms (60 000). */
  public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofSeconds(60);

  /** How long a verified Basic credential is remembered by default. */
  public static final Duration DEFAULT_CREDENTIAL_CACHE_TTL = Duration.ofSeconds(60);

  /** Failed Basic logins from one address, within the period, before it backs off. */
  public static final int DEFAULT_FAILED_LOGIN_LIMIT = 20;

  /** The failure window and the backoff length. */
  public static final Duration DEFAULT_FAILED_LOGIN_PERIOD = Duration.ofSeconds(30);

  /** The default Identify ProductVendor. */
  public static final String DEFAULT_VENDOR = "OpenRMS";

  private final String bindAddress;
  private final int httpPort;
  private final boolean http;
  private final Integer httpsPort;
  private final Path keyStore;
  private final KeyStore tlsKeyStore;
  private final char[] keyStorePassword;
  private final boolean allowUnencrypted;
  private final LocalAccounts accounts;
  private final int maxEnvelopeSize;
  private final String productVendor;
  private final String productVersion;
  private final Map<String, Resource> resources;
  private final ShellSettings shell;
  private final Duration maxTimeout;
  private final ClientCertificates clientCertificates;
  private final AuthSettings auth;

  private WsmanListenerConfig(Builder b) {
    this.auth = b.auth.build();
    this.bindAddress = b.bindAddress;
    this.httpPort = b.httpPort;
    this.http = b.http;
    this.httpsPort = b.httpsPort;
    this.keyStore = b.keyStore;
    this.tlsKeyStore = b.tlsKeyStore;
    this.keyStorePassword = b.keyStorePassword == null ? null : b.keyStorePassword.clone();
    this.allowUnencrypted = b.allowUnencrypted;
    this.accounts = b.accounts;
    this.maxEnvelopeSize = b.maxEnvelopeSize;
    this.productVendor = b.productVendor;
    this.productVersion = b.productVersion;
    this.resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.resources));
    this.shell = b.shell;
    this.maxTimeout = b.maxTimeout;
    this.clientCertificates = b.clientCertificates;
  }

  /** The WinRS shell settings (default {@link ShellSettings#DEFAULTS}: on). */
  public ShellSettings shell() {
    return shell;
  }

  /** The longest a long-polled operation waits (default {@link #DEFAULT_MAX_TIMEOUT}). */
  public Duration maxTimeout() {
    return maxTimeout;
  }

  /** The authentication settings (schemes, NTLM and Kerberos acceptors, Basic throttles). */
  public AuthSettings auth() {
    return auth;
  }

  /** How long a verified Basic credential is remembered; zero for never. */
  public Duration credentialCacheTtl() {
    return auth.credentialCacheTtl();
  }

  /** Client-certificate authentication over HTTPS, if configured. */
  public Optional<ClientCertificates> clientCertificates() {
    return Optional.ofNullable(clientCertificates);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address the listener binds (default {@code 127.0.0.1}). */
  public String bindAddress() {
    return bindAddress;
  }

  /** Whether plain HTTP is served (default true). */
  public boolean httpEnabled() {
    return http;
  }

  /** The HTTP port; 0 (the default) picks a free one. Unused when HTTP is off. */
  public int httpPort() {
    return httpPort;
  }

  /** The HTTPS port (0 picks a free one), if HTTPS is on. */
  public OptionalInt httpsPort() {
    return httpsPort == null ? OptionalInt.empty() : OptionalInt.of(httpsPort);
  }

  /** The PKCS#12 keystore holding the TLS key and certificate chain, if HTTPS is on. */
  public Optional<Path> keyStore() {
    return Optional.ofNullable(keyStore);
  }

  /** The in-memory keystore holding the TLS key and chain, if HTTPS was set up with one. */
  public Optional<KeyStore> tlsKeyStore() {
    return Optional.ofNullable(tlsKeyStore);
  }

  /** A copy of the keystore password (the caller should zero it), if HTTPS is on. */
  public Optional<char[]> keyStorePassword() {
    return Optional.ofNullable(keyStorePassword).map(char[]::clone);
  }

  /**
   * Whether clear messages are accepted over plain HTTP (default false, as on Windows): Basic, and
   * unsealed bodies after Negotiate or Kerberos authentication.
   */
  public boolean allowUnencrypted() {
    return allowUnencrypted;
  }

  /** The accounts HTTP Basic and NTLM are checked against (default none). */
  public LocalAccounts accounts() {
    return accounts;
  }

  /** The largest request envelope in bytes (default {@value #DEFAULT_MAX_ENVELOPE_SIZE}). */
  public int maxEnvelopeSize() {
    return maxEnvelopeSize;
  }

  /** The Identify ProductVendor. */
  public String productVendor() {
    return productVendor;
  }

  /** The Identify ProductVersion of an authenticated Identify. */
  public String productVersion() {
    return productVersion;
  }

  /** The plugin resources by resource URI, in registration order (the config resource excluded). */
  public Map<String, Resource> resources() {
    return resources;
  }

  /**
   * {@code OS: <a.b.c> SP: 0.0 Stack: 3.0}, the Windows ProductVersion format, with the first three
   * numbers of {@code os.version} (zeros where it has fewer).
   */
  static String defaultProductVersion() {
    Matcher m =
        Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?")
            .matcher(System.getProperty("os.version", ""));
    String v = "0.0.0";
    if (m.lookingAt()) {
      v = m.group(1) + "." + orZero(m.group(2)) + "." + orZero(m.group(3));
    }
    return "OS: " + v + " SP: 0.0 Stack: 3.0";
  }

  private static String orZero(String s) {
    return s == null ? "0" : s;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "WsmanListenerConfig[%s:%s, https=%s, allowUnencrypted=%s, accounts=%d, maxEnvelopeSize=%d,"
            + " resources=%s, shell=%s, clientCertificates=%s, %s]",
        bindAddress,
        http ? Integer.toString(httpPort) : "http off",
        httpsPort == null ? "off" : httpsPort.toString(),
        allowUnencrypted,
        accounts.names().size(),
        maxEnvelopeSize,
        List.copyOf(resources.keySet()),
        shell.enabled() ? "on" : "off",
        clientCertificates == null ? "off" : clientCertificates.toString(),
        auth);
  }

  /** Mutable builder of a {@link WsmanListenerConfig}. Not thread-safe. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int httpPort = 0;
    private boolean http = true;
    private Integer httpsPort;
    private Path keyStore;
    private KeyStore tlsKeyStore;
    private char[] keyStorePassword;
    private boolean allowUnencrypted = false;
    private LocalAccounts accounts = LocalAccounts.empty();
    private int maxEnvelopeSize = DEFAULT_MAX_ENVELOPE_SIZE;
    private String productVendor = DEFAULT_VENDOR;
    private String productVersion = defaultProductVersion();
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private ShellSettings shell = ShellSettings.DEFAULTS;
    private Duration maxTimeout = DEFAULT_MAX_TIMEOUT;
    private ClientCertificates clientCertificates;
    private AuthSettings.Builder auth = AuthSettings.builder();

    private Builder() {}

    /**
     * How many password derivations (one PBKDF2 each, for a Basic credential not in the cache) run
     * at once; a request that finds none free within half a second gets 503 with {@code
     * Retry-After: 1}. At least 1; default the number of processors.
     */
    public Builder maxConcurrentPasswordChecks(int n) {
      auth.maxConcurrentPasswordChecks(n);
      return this;
    }

    /**
     * The authentication settings (replacing any set before, including the shortcuts {@link
     * #credentialCacheTtl}, {@link #maxConcurrentPasswordChecks} and {@link #failedLoginBackoff}).
     */
    public Builder auth(AuthSettings settings) {
      this.auth = Objects.requireNonNull(settings, "settings").toBuilder();
      return this;
    }

    /**
     * Per-address backoff: after {@code failures} wrong Basic passwords from one remote address
     * within {@code period}, Basic credentials from that address that are not in the credential
     * cache are refused with 401 without being checked, for {@code period}. Other addresses are not
     * affected (behind a reverse proxy every client shares its address). {@code failures} 0 turns
     * it off; default {@value #DEFAULT_FAILED_LOGIN_LIMIT} within 30 s.
     */
    public Builder failedLoginBackoff(int failures, Duration period) {
      auth.failedLoginBackoff(failures, period);
      return this;
    }

    /** The WinRS shell settings ({@code ShellSettings.DEFAULTS.withEnabled(false)}: no shell). */
    public Builder shell(ShellSettings settings) {
      this.shell = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The longest a long-polled Receive waits, 1 s to 1 h (Windows MaxTimeoutms). */
    public Builder maxTimeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0
          || timeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("maxTimeout must be between 1 s and 1 h");
      }
      this.maxTimeout = timeout;
      return this;
    }

    /** How long a verified Basic credential is remembered, at most 10 minutes; zero: never. */
    public Builder credentialCacheTtl(Duration ttl) {
      auth.credentialCacheTtl(ttl);
      return this;
    }

    /** Accepts client certificates over HTTPS (see {@link ClientCertificates}). */
    public Builder clientCertificates(ClientCertificates certificates) {
      this.clientCertificates = Objects.requireNonNull(certificates, "certificates");
      return this;
    }

    /** The address to bind: a host name or IP literal. */
    public Builder bindAddress(String address) {
      if (Objects.requireNonNull(address, "address").isBlank()) {
        throw new IllegalArgumentException("the bind address is blank");
      }
      this.bindAddress = address;
      return this;
    }

    /**
     * Whether plain HTTP is served (default true). {@code http(false)} leaves only HTTPS (which
     * must then be configured); {@link WsmanListener#httpUri()} then throws.
     */
    public Builder http(boolean enabled) {
      this.http = enabled;
      return this;
    }

    /** The HTTP port, 0 for a free one. */
    public Builder httpPort(int port) {
      checkPort(port);
      this.httpPort = port;
      return this;
    }

    private static void checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }

    /**
     * Turns HTTPS on: a port (0 for a free one) and a PKCS#12 keystore with one private key entry
     * (the TLS key and its chain). The password array is copied.
     */
    public Builder https(int port, Path pkcs12, char[] password) {
      checkPort(port);
      this.httpsPort = port;
      this.keyStore = Objects.requireNonNull(pkcs12, "pkcs12");
      this.tlsKeyStore = null;
      setPassword(password);
      return this;
    }

    /**
     * Turns HTTPS on with an in-memory keystore holding one private key entry (the TLS key and its
     * chain), protected by {@code password} (copied) — for an application that already holds its
     * TLS key, such as the rights server.
     */
    public Builder https(int port, KeyStore keyStore, char[] password) {
      checkPort(port);
      this.httpsPort = port;
      this.tlsKeyStore = Objects.requireNonNull(keyStore, "keyStore");
      this.keyStore = null;
      setPassword(password);
      return this;
    }

    private void setPassword(char[] password) {
      if (keyStorePassword != null) {
        Arrays.fill(keyStorePassword, '\0');
      }
      this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
    }

    /** Whether Basic and unsealed messages are accepted over plain HTTP. */
    public Builder allowUnencrypted(boolean allow) {
      this.allowUnencrypted = allow;
      return this;
    }

    /** The accounts for HTTP Basic. */
    public Builder accounts(LocalAccounts localAccounts) {
      this.accounts = Objects.requireNonNull(localAccounts, "accounts");
      return this;
    }

    /** The largest request envelope in bytes, at least {@value #MIN_MAX_ENVELOPE_SIZE}. */
    public Builder maxEnvelopeSize(int bytes) {
      if (bytes < MIN_MAX_ENVELOPE_SIZE) {
        throw new IllegalArgumentException(
            "maxEnvelopeSize must be at least " + MIN_MAX_ENVELOPE_SIZE + " bytes");
      }
      this.maxEnvelopeSize = bytes;
      return this;
    }

    /** The Identify ProductVendor. */
    public Builder productVendor(String vendor) {
      this.productVendor = Objects.requireNonNull(vendor, "vendor");
      return this;
    }

    /** The Identify ProductVersion, e.g. {@code OS: 6.1.0 SP: 0.0 Stack: 3.0}. */
    public Builder productVersion(String version) {
      this.productVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Registers a plugin resource under its {@link Resource#resourceUri()}.
     *
     * @throws IllegalArgumentException if that URI is taken or is the built-in config URI
     */
    public Builder resource(Resource resource) {
      String uri = Objects.requireNonNull(resource.resourceUri(), "resourceUri");
      if (uri.equals(Namespaces.CONFIG) || resources.containsKey(uri)) {
        throw new IllegalArgumentException("resource URI already registered: " + uri);
      }
      resources.put(uri, resource);
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException if a plugin is registered at the shell URI while the built-in
     *     shell is on, if neither HTTP nor HTTPS is on, or if the Kerberos scheme has no acceptor
     *     credentials
     */
    public WsmanListenerConfig build() {
      if (!http && httpsPort == null) {
        throw new IllegalStateException("plain HTTP is off and HTTPS is not configured");
      }
      if (shell.enabled() && resources.containsKey(Namespaces.RESOURCE_CMD_SHELL)) {
        throw new IllegalStateException(
            "a resource is registered at the shell URI; turn the built-in shell off first");
      }
      return new WsmanListenerConfig(this);
    }
  }
}
