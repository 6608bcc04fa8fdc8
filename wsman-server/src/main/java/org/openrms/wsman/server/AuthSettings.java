package org.openrms.wsman.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.openrms.auth.KerberosCredentials;

/**
 * The authentication settings of a {@link WsmanListener}: which HTTP schemes are on, the NTLM and
 * Kerberos acceptor settings, and the Basic credential cache and throttles. Immutable; built with
 * {@link #builder()} and set with {@link WsmanListenerConfig.Builder#auth(AuthSettings)}.
 *
 * <ul>
 *   <li><b>Basic</b> (default on) against {@link LocalAccounts}; over plain HTTP only with {@code
 *       allowUnencrypted}, as on Windows.
 *   <li><b>Negotiate</b> (default off): raw NTLMSSP (what pywinrm sends), SPNEGO-wrapped NTLM, and
 *       — when {@link #kerberosAcceptor()} is set — Kerberos, raw or in SPNEGO. NTLM checks the
 *       accounts that {@linkplain LocalAccounts#withAccount(String, char[], boolean) opted in}.
 *   <li><b>Kerberos</b> (default off): the {@code Kerberos} HTTP scheme; needs {@link
 *       #kerberosAcceptor()}.
 * </ul>
 *
 * Negotiate and Kerberos are connection-bound: the security context lives on the TCP connection,
 * and over plain HTTP every message after authentication travels sealed (MS-WSMV 2.2.9.1).
 * Client-certificate authentication is configured with {@link
 * WsmanListenerConfig.Builder#clientCertificates}.
 */
public final class AuthSettings {
  /** Basic on, Negotiate and Kerberos off, the default cache and throttles. */
  public static final AuthSettings DEFAULTS = builder().build();

  private final boolean basic;
  private final boolean negotiate;
  private final boolean kerberos;
  private final KerberosCredentials kerberosAcceptor;
  private final String computerName;
  private final Duration credentialCacheTtl;
  private final int maxConcurrentPasswordChecks;
  private final int failedLoginLimit;
  private final Duration failedLoginPeriod;

  private AuthSettings(Builder b) {
    basic = b.basic;
    negotiate = b.negotiate;
    kerberos = b.kerberos;
    kerberosAcceptor = b.kerberosAcceptor;
    computerName = b.computerName;
    credentialCacheTtl = b.credentialCacheTtl;
    maxConcurrentPasswordChecks = b.maxConcurrentPasswordChecks;
    failedLoginLimit = b.failedLoginLimit;
    failedLoginPeriod = b.failedLoginPeriod;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.basic = basic;
    b.negotiate = negotiate;
    b.kerberos = kerberos;
    b.kerberosAcceptor = kerberosAcceptor;
    b.computerName = computerName;
    b.credentialCacheTtl = credentialCacheTtl;
    b.maxConcurrentPasswordChecks = maxConcurrentPasswordChecks;
    b.failedLoginLimit = failedLoginLimit;
    b.failedLoginPeriod = failedLoginPeriod;
    return b;
  }

  /** Whether HTTP Basic is on (default true). */
  public boolean basic() {
    return basic;
  }

  /** Whether the {@code Negotiate} scheme (NTLM, SPNEGO) is on (default false). */
  public boolean negotiate() {
    return negotiate;
  }

  /** Whether the {@code Kerberos} scheme is on (default false). */
  public boolean kerberos() {
    return kerberos;
  }

  /** The Kerberos acceptor credentials (service keytab), if Kerberos is served. */
  public Optional<KerberosCredentials> kerberosAcceptor() {
    return Optional.ofNullable(kerberosAcceptor);
  }

  /** The NetBIOS computer name the NTLM acceptor announces and accepts as the account domain. */
  public String computerName() {
    return computerName;
  }

  /** How long a verified Basic credential is remembered; zero for never. */
  public Duration credentialCacheTtl() {
    return credentialCacheTtl;
  }

  /**
   * Password derivations (PBKDF2) run at once, at most; a request that finds none free within half
   * a second is answered 503 with {@code Retry-After} (default: the number of processors).
   */
  public int maxConcurrentPasswordChecks() {
    return maxConcurrentPasswordChecks;
  }

  /** Failed Basic logins from one remote address within {@link #failedLoginPeriod()} (0: off). */
  public int failedLoginLimit() {
    return failedLoginLimit;
  }

  /** The window for {@link #failedLoginLimit()}, and how long an address then backs off. */
  public Duration failedLoginPeriod() {
    return failedLoginPeriod;
  }

  @Override
  public String toString() {
    return "AuthSettings[basic="
        + basic
        + ", negotiate="
        + negotiate
        + ", kerberos="
        + kerberos
        + (kerberosAcceptor == null ? "" : ", spn=" + kerberosAcceptor.principal())
        + "]";
  }

  /** Mutable builder of {@link AuthSettings}. Not thread-safe. */
  public static final class Builder {
    private boolean basic = true;
    private boolean negotiate;
    private boolean kerberos;
    private KerberosCredentials kerberosAcceptor;
    private String computerName = defaultComputerName();
    private Duration credentialCacheTtl = WsmanListenerConfig.DEFAULT_CREDENTIAL_CACHE_TTL;
    private int maxConcurrentPasswordChecks = Runtime.getRuntime().availableProcessors();
    private int failedLoginLimit = WsmanListenerConfig.DEFAULT_FAILED_LOGIN_LIMIT;
    private Duration failedLoginPeriod = WsmanListenerConfig.DEFAULT_FAILED_LOGIN_PERIOD;

    private Builder() {}

    /** Turns HTTP Basic on or off. */
    public Builder basic(boolean on) {
      this.basic = on;
      return this;
    }

    /** Turns the {@code Negotiate} scheme on or off. */
    public Builder negotiate(boolean on) {
      this.negotiate = on;
      return this;
    }

    /** Turns the {@code Kerberos} scheme on or off (needs {@link #kerberosAcceptor}). */
    public Builder kerberos(boolean on) {
      this.kerberos = on;
      return this;
    }

    /**
     * The service's Kerberos credentials, from {@link KerberosCredentials#acceptorKeytab} (the
     * listener does not close them). Under {@code Negotiate} they add Kerberos to NTLM.
     */
    public Builder kerberosAcceptor(KerberosCredentials credentials) {
      Objects.requireNonNull(credentials, "credentials");
      if (!credentials.isAcceptor()) {
        throw new IllegalArgumentException("the Kerberos credentials are not acceptor credentials");
      }
      this.kerberosAcceptor = credentials;
      return this;
    }

    /** The NTLM computer name, 1–15 characters (default: this host's short name, upper case). */
    public Builder computerName(String name) {
      if (Objects.requireNonNull(name, "name").isEmpty() || name.length() > 15) {
        throw new IllegalArgumentException("a NetBIOS computer name is 1-15 characters");
      }
      this.computerName = name;
      return this;
    }

    /** See {@link WsmanListenerConfig.Builder#credentialCacheTtl(Duration)}. */
    public Builder credentialCacheTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("the credential cache TTL must be 0 to 10 minutes");
      }
      this.credentialCacheTtl = ttl;
      return this;
    }

    /** See {@link WsmanListenerConfig.Builder#maxConcurrentPasswordChecks(int)}. */
    public Builder maxConcurrentPasswordChecks(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConcurrentPasswordChecks must be at least 1");
      }
      this.maxConcurrentPasswordChecks = n;
      return this;
    }

    /** See {@link WsmanListenerConfig.Builder#failedLoginBackoff(int, Duration)}. */
    public Builder failedLoginBackoff(int failures, Duration period) {
      if (failures < 0) {
        throw new IllegalArgumentException("failures must not be negative");
      }
      if (period.isNegative() || period.isZero() || period.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("the backoff period must be positive, at most 1 h");
      }
      this.failedLoginLimit = failures;
      this.failedLoginPeriod = period;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalStateException if Kerberos is on without acceptor credentials
     */
    public AuthSettings build() {
      if (kerberos && kerberosAcceptor == null) {
        throw new IllegalStateException("the Kerberos scheme needs acceptor credentials (keytab)");
      }
      return new AuthSettings(this);
    }

    private static String defaultComputerName() {
      String host;
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException | RuntimeException e) {
        host = "OPENRMS";
      }
      int dot = host.indexOf('.');
      String s = (dot > 0 ? host.substring(0, dot) : host).toUpperCase(java.util.Locale.ROOT);
      s = s.isEmpty() ? "OPENRMS" : s;
      return s.length() > 15 ? s.substring(0, 15) : s;
    }
  }
}
