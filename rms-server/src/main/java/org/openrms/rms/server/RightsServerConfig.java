package org.openrms.rms.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.openrms.auth.PasswordHash;
import org.openrms.wsman.server.LocalAccounts;

/**
 * Immutable settings of a {@link RightsServer}, built with {@link #builder()}.
 *
 * <p>Only {@link Builder#dataDirectory(Path)} is required. The data directory holds the H2 database
 * ({@code rms.mv.db}), the PKCS#12 keystore with the root CA, SLC and TLS keys ({@code keys.p12}),
 * the keystore password ({@code keystore.pass}, owner-only: whoever can read it can use the CA
 * keys) and the public root certificate ({@code root-ca.pem}).
 */
public final class RightsServerConfig {
  /** Default standard RAC validity: 365 days. */
  public static final Duration DEFAULT_RAC_VALIDITY = Duration.ofDays(365);

  /** Default temporary RAC validity: 15 minutes. */
  public static final Duration DEFAULT_TEMPORARY_RAC_VALIDITY = Duration.ofMinutes(15);

  /** Default machine certificate validity: 365 days. */
  public static final Duration DEFAULT_MACHINE_CERT_VALIDITY = Duration.ofDays(365);

  /** Default backdating of {@code notBefore}: 15 minutes. */
  public static final Duration DEFAULT_CERTIFICATE_VALIDITY_TOLERANCE = Duration.ofMinutes(15);

  /** Default accepted clock skew of activation requests: 15 minutes. */
  public static final Duration DEFAULT_REQUEST_CLOCK_TOLERANCE = Duration.ofMinutes(15);

  /** Default PBKDF2-HMAC-SHA256 iteration count for new password hashes. */
  public static final int DEFAULT_PASSWORD_HASH_ITERATIONS = 600_000;

  /** Default largest accepted request body: 64 KiB. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

  private final Path dataDirectory;
  private final String bindAddress;
  private final int port;
  private final boolean plainHttp;
  private final boolean allowBasicOverHttp;
  private final URI publicBaseUri;
  private final Duration racValidity;
  private final Duration temporaryRacValidity;
  private final Duration machineCertValidity;
  private final Duration certificateValidityTolerance;
  private final Duration requestClockTolerance;
  private final boolean decommissioned;
  private final URI movedTo;
  private final int passwordHashIterations;
  private final Clock clock;
  private final int maxRequestBytes;
  private final Integer managementPort;
  private final LocalAccounts managementAccounts;
  private final LdapDirectoryConfig ldapDirectory;
  private final OidcConfig oidc;
  private final String kerberosPrincipal;
  private final Path kerberosKeytab;
  private final boolean ntlm;

  private RightsServerConfig(Builder b) {
    this.kerberosPrincipal = b.kerberosPrincipal;
    this.kerberosKeytab = b.kerberosKeytab;
    this.ntlm = b.ntlm;
    this.ldapDirectory = b.ldapDirectory;
    this.oidc = b.oidc;
    this.dataDirectory = b.dataDirectory.toAbsolutePath().normalize();
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.plainHttp = b.plainHttp;
    this.allowBasicOverHttp = b.allowBasicOverHttp;
    this.publicBaseUri = b.publicBaseUri;
    this.managementPort = b.managementPort;
    this.managementAccounts = b.managementAccounts;
    this.racValidity = b.racValidity;
    this.temporaryRacValidity = b.temporaryRacValidity;
    this.machineCertValidity = b.machineCertValidity;
    this.certificateValidityTolerance = b.certificateValidityTolerance;
    this.requestClockTolerance = b.requestClockTolerance;
    this.decommissioned = b.decommissioned;
    this.movedTo = b.movedTo;
    this.passwordHashIterations = b.passwordHashIterations;
    this.clock = b.clock;
    this.maxRequestBytes = b.maxRequestBytes;
  }

  /** A new builder with the defaults described on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /** The data directory (absolute, normalized). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The address the listener binds to. */
  public String bindAddress() {
    return bindAddress;
  }

  /** The configured port; {@code 0} means an ephemeral port (see {@link RightsServer#port()}). */
  public int port() {
    return port;
  }

  /** {@code true} to listen with plain HTTP instead of HTTPS. */
  public boolean plainHttp() {
    return plainHttp;
  }

  /** {@code true} if Basic authentication is accepted over plain HTTP (tests only). */
  public boolean allowBasicOverHttp() {
    return allowBasicOverHttp;
  }

  /** The base URI that service locations advertise, if set. */
  public Optional<URI> publicBaseUri() {
    return Optional.ofNullable(publicBaseUri);
  }

  /** Validity of a standard RAC. */
  public Duration racValidity() {
    return racValidity;
  }

  /** Validity of a temporary RAC. */
  public Duration temporaryRacValidity() {
    return temporaryRacValidity;
  }

  /** Validity of a machine certificate. */
  public Duration machineCertValidity() {
    return machineCertValidity;
  }

  /** How far {@code notBefore} of issued certificates lies before the issuing time. */
  public Duration certificateValidityTolerance() {
    return certificateValidityTolerance;
  }

  /** Accepted difference between an activation request's timestamp and the server clock. */
  public Duration requestClockTolerance() {
    return requestClockTolerance;
  }

  /** {@code true} if every {@code /rms/v1} request answers 410 {@code SERVICE_GONE}. */
  public boolean decommissioned() {
    return decommissioned;
  }

  /** The new base URI if the service moved; every {@code /rms/v1} request then answers 308. */
  public Optional<URI> movedTo() {
    return Optional.ofNullable(movedTo);
  }

  /** PBKDF2 iteration count used for new password hashes. */
  public int passwordHashIterations() {
    return passwordHashIterations;
  }

  /** The clock used for certificate validity, request timestamps and audit times. */
  public Clock clock() {
    return clock;
  }

  /**
   * The HTTPS port of the WS-Management listener that manages this server ({@link
   * RightsManagement}), if management is on.
   */
  public OptionalInt managementPort() {
    return managementPort == null ? OptionalInt.empty() : OptionalInt.of(managementPort);
  }

  /** The administrators of the WS-Management listener (empty when management is off). */
  public LocalAccounts managementAccounts() {
    return managementAccounts;
  }

  /** Largest accepted request body in bytes; larger bodies answer 413. */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /**
   * The LDAP or Active Directory directory that identifies callers instead of the built-in {@link
   * UserDirectory}, if one is configured.
   */
  public Optional<LdapDirectoryConfig> ldapDirectory() {
    return Optional.ofNullable(ldapDirectory);
  }

  /** The trusted OpenID Connect providers ({@code PASSPORT} identity), if any. */
  public Optional<OidcConfig> oidc() {
    return Optional.ofNullable(oidc);
  }

  /**
   * The service principal whose tickets {@code Negotiate} (Kerberos) accepts, if Kerberos is on
   * ({@link Builder#kerberos}).
   */
  public Optional<String> kerberosPrincipal() {
    return Optional.ofNullable(kerberosPrincipal);
  }

  /**
   * {@code true} if {@code Authorization: Negotiate} accepts NTLM for built-in accounts that have
   * an NT hash ({@link Builder#ntlm}).
   */
  public boolean ntlm() {
    return ntlm;
  }

  /** The keytab holding the keys of {@link #kerberosPrincipal()}, if Kerberos is on. */
  public Optional<Path> kerberosKeytab() {
    return Optional.ofNullable(kerberosKeytab);
  }

  /** Builder of {@link RightsServerConfig}. Not thread-safe. */
  public static final class Builder {
    private Path dataDirectory;
    private String bindAddress = "127.0.0.1";
    private int port;
    private boolean plainHttp;
    private boolean allowBasicOverHttp;
    private URI publicBaseUri;
    private Duration racValidity = DEFAULT_RAC_VALIDITY;
    private Duration temporaryRacValidity = DEFAULT_TEMPORARY_RAC_VALIDITY;
    private Duration machineCertValidity = DEFAULT_MACHINE_CERT_VALIDITY;
    private Duration certificateValidityTolerance = DEFAULT_CERTIFICATE_VALIDITY_TOLERANCE;
    private Duration requestClockTolerance = DEFAULT_REQUEST_CLOCK_TOLERANCE;
    private boolean decommissioned;
    private URI movedTo;
    private int passwordHashIterations = DEFAULT_PASSWORD_HASH_ITERATIONS;
    private Clock clock = Clock.systemUTC();
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private Integer managementPort;
    private LocalAccounts managementAccounts = LocalAccounts.empty();
    private LdapDirectoryConfig ldapDirectory;
    private OidcConfig oidc;
    private String kerberosPrincipal;
    private Path kerberosKeytab;
    private boolean ntlm;

    private Builder() {}

    /**
     * Accepts Kerberos tickets for {@code servicePrincipal} in {@code Authorization: Negotiate}
     * (RFC 4559; SPNEGO or raw Kerberos, HTTPS only), decrypted with the keys in {@code keytab}.
     * The ticket's client principal ({@code user@REALM}) is looked up in the directory by user
     * principal name, then (same realm as the service) by its user part as login or account name;
     * the RAC gets the entry's e-mail. The realm and KDCs come from the JDK's krb5 configuration
     * ({@code -Djava.security.krb5.conf}, else {@code /etc/krb5.conf}). The keytab is read when the
     * server starts, which fails if it has no key for the principal.
     *
     * @param servicePrincipal such as {@code HTTP/rms.example.com@EXAMPLE.COM} ({@code "*"}: any
     *     principal of the keytab), or {@code null} to turn Kerberos off (the default)
     */
    public Builder kerberos(String servicePrincipal, Path keytab) {
      if (servicePrincipal == null) {
        this.kerberosPrincipal = null;
        this.kerberosKeytab = null;
        return this;
      }
      if (servicePrincipal.isBlank()) {
        throw new IllegalArgumentException("the Kerberos service principal must not be blank");
      }
      this.kerberosPrincipal = servicePrincipal.strip();
      this.kerberosKeytab = Objects.requireNonNull(keytab, "keytab").toAbsolutePath();
      return this;
    }

    /**
     * Accepts NTLM (NTLMv2 with a MIC, raw NTLMSSP or in SPNEGO) in {@code Authorization:
     * Negotiate}, over HTTPS only, for the built-in directory's accounts added with {@link
     * NewUser.Builder#ntlm(boolean)} (the only ones with an NT hash); default {@code false}. NTLM
     * is bound to the connection: the client sends NEGOTIATE, gets a 401 with the CHALLENGE, and
     * sends AUTHENTICATE with the real request on the same connection. The client's channel
     * bindings are checked against the server's TLS certificate. Not available with an {@link
     * #ldapDirectory LDAP directory} (the server does not start).
     */
    public Builder ntlm(boolean ntlm) {
      this.ntlm = ntlm;
      return this;
    }

    /**
     * Identifies callers (Basic logins, and later Kerberos principals) in an LDAP or Active
     * Directory directory instead of the built-in {@link UserDirectory}: the RAC's e-mail is the
     * entry's {@code mail}. {@code null} (the default) uses the built-in directory.
     */
    public Builder ldapDirectory(LdapDirectoryConfig directory) {
      this.ldapDirectory = directory;
      return this;
    }

    /**
     * Accepts OpenID Connect ID tokens of these providers in {@code Authorization: Bearer}: machine
     * activation, and certification of {@code PASSPORT} identities with the token's {@code email}.
     * {@code null} (the default) turns Bearer authentication off.
     */
    public Builder oidc(OidcConfig oidc) {
      this.oidc = oidc;
      return this;
    }

    /**
     * Turns on management over WS-Management: a listener on {@code port} (0 for a free one) of the
     * bind address, HTTPS with the server's own TLS certificate, Basic against {@code
     * administrators}, carrying the {@link RightsManagement} resources and the WinRS shell off.
     */
    public Builder management(int port, LocalAccounts administrators) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("management port out of range: " + port);
      }
      this.managementPort = port;
      this.managementAccounts = java.util.Objects.requireNonNull(administrators, "administrators");
      return this;
    }

    /** The data directory (required); created with owner-only permissions if missing. */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = Objects.requireNonNull(dir, "dataDirectory");
      return this;
    }

    /** The address to bind to; default {@code 127.0.0.1}. */
    public Builder bindAddress(String address) {
      Objects.requireNonNull(address, "bindAddress");
      if (address.isBlank()) {
        throw new IllegalArgumentException("bindAddress must not be blank");
      }
      this.bindAddress = address.strip();
      return this;
    }

    /** The TCP port, 0–65535; default 0 (ephemeral). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** Listen with plain HTTP instead of HTTPS; default {@code false}. */
    public Builder plainHttp(boolean plainHttp) {
      this.plainHttp = plainHttp;
      return this;
    }

    /** Accept Basic authentication over plain HTTP; default {@code false} (tests only). */
    public Builder allowBasicOverHttp(boolean allow) {
      this.allowBasicOverHttp = allow;
      return this;
    }

    /**
     * The base URI that service locations advertise, such as {@code
     * https://rms.example.com/rms/v1}; default: derived from the bind address, the actual port and
     * the scheme ({@code localhost} for a wildcard bind address). {@code null} resets the default.
     */
    public Builder publicBaseUri(URI uri) {
      this.publicBaseUri = uri == null ? null : checkAbsoluteHttp(uri, "publicBaseUri");
      return this;
    }

    /** Standard RAC validity; default 365 days. */
    public Builder racValidity(Duration d) {
      this.racValidity = positive(d, "racValidity");
      return this;
    }

    /** Temporary RAC validity; default 15 minutes. */
    public Builder temporaryRacValidity(Duration d) {
      this.temporaryRacValidity = positive(d, "temporaryRacValidity");
      return this;
    }

    /** Machine certificate validity; default 365 days. */
    public Builder machineCertValidity(Duration d) {
      this.machineCertValidity = positive(d, "machineCertValidity");
      return this;
    }

    /** Backdating of {@code notBefore} of issued certificates; default 15 minutes. */
    public Builder certificateValidityTolerance(Duration d) {
      this.certificateValidityTolerance = nonNegative(d, "certificateValidityTolerance");
      return this;
    }

    /** Accepted skew of activation request timestamps; default 15 minutes. */
    public Builder requestClockTolerance(Duration d) {
      this.requestClockTolerance = nonNegative(d, "requestClockTolerance");
      return this;
    }

    /** Answer every {@code /rms/v1} request with 410 {@code SERVICE_GONE}; default false. */
    public Builder decommissioned(boolean decommissioned) {
      this.decommissioned = decommissioned;
      return this;
    }

    /**
     * Answer every {@code /rms/v1} request with 308 and {@code Location} = {@code movedTo} followed
     * by the part of the request path after {@code /rms/v1} (and the query). {@code movedTo} is the
     * new base URI, like {@link RightsServer#baseUri()}: {@code https://new.example/rms/v1} turns
     * {@code /rms/v1/certification} into {@code https://new.example/rms/v1/certification}. {@code
     * null} (the default) means not moved.
     */
    public Builder movedTo(URI uri) {
      this.movedTo = uri == null ? null : checkAbsoluteHttp(uri, "movedTo");
      return this;
    }

    /**
     * PBKDF2 iterations for new password hashes, 1 to {@link PasswordHash#MAX_ITERATIONS} (10 000
     * 000); default 600 000.
     */
    public Builder passwordHashIterations(int iterations) {
      if (iterations < 1 || iterations > PasswordHash.MAX_ITERATIONS) {
        throw new IllegalArgumentException(
            "passwordHashIterations must be between 1 and " + PasswordHash.MAX_ITERATIONS);
      }
      this.passwordHashIterations = iterations;
      return this;
    }

    /** The clock; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Largest accepted request body in bytes, at least 1024; default 64 KiB. */
    public Builder maxRequestBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
      }
      this.maxRequestBytes = max;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalStateException if the data directory is missing, or both {@code
     *     decommissioned} and {@code movedTo} are set
     */
    public RightsServerConfig build() {
      if (dataDirectory == null) {
        throw new IllegalStateException("dataDirectory is required");
      }
      if (decommissioned && movedTo != null) {
        throw new IllegalStateException("a server cannot be both decommissioned and moved");
      }
      return new RightsServerConfig(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }

    private static URI checkAbsoluteHttp(URI uri, String name) {
      String scheme = uri.getScheme();
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException(name + " must be an absolute http(s) URI: " + uri);
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw new IllegalArgumentException(name + " must not have a query or fragment: " + uri);
      }
      String s = uri.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
  }
}
