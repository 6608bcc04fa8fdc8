package org.openrms.wsman.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the authentication mechanism of a session, following {@code IWSMan::CreateSession}:
 *
 * <ol>
 *   <li>Explicit choices win: one {@code Use*} session flag, or the mechanism of the connection
 *       options (both together only if they agree).
 *   <li>With no authentication flag, Kerberos is used, unless one of these holds, in which case
 *       Negotiate is used: explicit credentials are supplied and the destination host is trusted;
 *       the destination host is {@code localhost}, {@code 127.0.0.1} or {@code [::1]}; the client
 *       computer is in a workgroup (no Kerberos realm) and the destination host is trusted.
 * </ol>
 *
 * Conflicts are rejected with an {@link IllegalArgumentException}: two authentication flags;
 * UseNoAuthentication with credentials, with CredUsernamePassword or with another authentication
 * flag; CredUsernamePassword, Basic, Digest or CredSSP without credentials; a client certificate
 * over plain HTTP.
 *
 * <p>The inputs that Windows reads from the machine — the trusted hosts and whether the computer is
 * in a workgroup — are given to the builder; nothing is looked up. Immutable and thread-safe.
 */
public final class AuthSelector {
  private final TrustedHosts trustedHosts;
  private final String kerberosRealm;

  private AuthSelector(Builder b) {
    this.trustedHosts = b.trustedHosts;
    this.kerberosRealm = b.kerberosRealm;
  }

  /** A builder for a workgroup client with no trusted hosts. */
  public static Builder builder() {
    return new Builder();
  }

  /** The trusted hosts. */
  public TrustedHosts trustedHosts() {
    return trustedHosts;
  }

  /** The client's Kerberos realm; empty for a workgroup client. */
  public Optional<String> kerberosRealm() {
    return Optional.ofNullable(kerberosRealm);
  }

  /** True if the client computer is in a workgroup (no Kerberos realm is configured). */
  public boolean isWorkgroupClient() {
    return kerberosRealm == null;
  }

  /**
   * The mechanism for a session.
   *
   * @param connection the parsed destination
   * @param flags the session flags
   * @param options the connection options, or {@code null} for none
   * @throws IllegalArgumentException for conflicting flags and options, naming them
   */
  public AuthMechanism select(
      ConnectionString connection, Set<SessionFlag> flags, ConnectionOptions options) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(flags, "flags");
    boolean credentials = options != null && options.hasCredentials();
    List<SessionFlag> authFlags = new ArrayList<>();
    for (SessionFlag f : flags) {
      if (f.authMechanism().isPresent()) {
        authFlags.add(f);
      }
    }
    if (flags.contains(SessionFlag.USE_NO_AUTHENTICATION)) {
      if (authFlags.size() > 1) {
        throw conflict("UseNoAuthentication cannot be combined with " + others(authFlags));
      }
      if (credentials) {
        throw conflict("UseNoAuthentication cannot be used with explicit credentials");
      }
      if (flags.contains(SessionFlag.CRED_USERNAME_PASSWORD)) {
        throw conflict("UseNoAuthentication cannot be combined with CredUsernamePassword");
      }
    }
    if (authFlags.size() > 1) {
      throw conflict("more than one authentication flag: " + authFlags);
    }
    if (flags.contains(SessionFlag.CRED_USERNAME_PASSWORD) && !credentials) {
      throw conflict("CredUsernamePassword needs connection options with a user name");
    }
    AuthMechanism fromFlag = authFlags.isEmpty() ? null : authFlags.get(0).authMechanism().get();
    AuthMechanism fromOptions = options == null ? null : options.authMechanism().orElse(null);
    if (fromFlag != null && fromOptions != null && fromFlag != fromOptions) {
      throw conflict(
          "the flag " + authFlags.get(0) + " conflicts with the options' mechanism " + fromOptions);
    }
    AuthMechanism explicit = fromFlag != null ? fromFlag : fromOptions;
    if (explicit != null) {
      check(explicit, connection, credentials);
      return explicit;
    }
    boolean trusted = trustedHosts.isTrusted(connection.host());
    if ((credentials && trusted) || connection.isLoopback() || (isWorkgroupClient() && trusted)) {
      return AuthMechanism.NEGOTIATE;
    }
    return AuthMechanism.KERBEROS;
  }

  private static void check(AuthMechanism m, ConnectionString connection, boolean credentials) {
    switch (m) {
      case BASIC, DIGEST, CREDSSP -> {
        if (!credentials) {
          throw conflict(m + " authentication needs explicit credentials (a user name)");
        }
      }
      case NONE -> {
        if (credentials) {
          throw conflict("no authentication cannot be used with explicit credentials");
        }
      }
      case CLIENT_CERTIFICATE -> {
        if (!connection.isHttps()) {
          throw conflict("client certificate authentication needs the https transport");
        }
      }
      default -> {}
    }
  }

  private static String others(List<SessionFlag> authFlags) {
    List<SessionFlag> rest = new ArrayList<>(authFlags);
    rest.remove(SessionFlag.USE_NO_AUTHENTICATION);
    return rest.toString();
  }

  private static IllegalArgumentException conflict(String problem) {
    return new IllegalArgumentException("conflicting session settings: " + problem);
  }

  @Override
  public String toString() {
    return "AuthSelector[trustedHosts="
        + trustedHosts
        + ", kerberosRealm="
        + (kerberosRealm == null ? "none (workgroup)" : kerberosRealm)
        + "]";
  }

  /** Builds an {@link AuthSelector}. */
  public static final class Builder {
    private TrustedHosts trustedHosts = TrustedHosts.none();
    private String kerberosRealm;

    private Builder() {}

    /** The trusted hosts; none by default, as on Windows. */
    public Builder trustedHosts(TrustedHosts trustedHosts) {
      this.trustedHosts = Objects.requireNonNull(trustedHosts, "trustedHosts");
      return this;
    }

    /** The trusted hosts, as a {@code TrustedHosts} value ({@link TrustedHosts#parse}). */
    public Builder trustedHosts(String trustedHosts) {
      return trustedHosts(TrustedHosts.parse(trustedHosts));
    }

    /**
     * The client's Kerberos realm (a domain member); {@code null} for a workgroup client, the
     * default.
     */
    public Builder kerberosRealm(String realm) {
      if (realm != null && realm.isBlank()) {
        throw new IllegalArgumentException("blank Kerberos realm");
      }
      this.kerberosRealm = realm;
      return this;
    }

    /** The selector. */
    public AuthSelector build() {
      return new AuthSelector(this);
    }
  }
}
