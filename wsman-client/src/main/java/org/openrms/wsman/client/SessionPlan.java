package org.openrms.wsman.client;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@link WSMan#createSession} decides before any byte is sent: the endpoint, the
 * authentication mechanism, the TLS checks and the message encoding. It is the validated input of a
 * network session; this release has no network session yet (the {@code Session} with Identify, Get,
 * Put, Enumerate and the shell comes in a later release), so {@code createSession} returns this
 * plan and contacts nobody.
 *
 * <p>Immutable. It refers to the caller's {@link ConnectionOptions}; closing those erases the
 * password the plan would use.
 */
public final class SessionPlan {
  private final ConnectionString connection;
  private final Set<SessionFlag> flags;
  private final AuthMechanism mechanism;
  private final ConnectionOptions options;

  SessionPlan(
      ConnectionString connection,
      Set<SessionFlag> flags,
      AuthMechanism mechanism,
      ConnectionOptions options) {
    this.connection = connection;
    Set<SessionFlag> copy = EnumSet.noneOf(SessionFlag.class);
    copy.addAll(flags);
    this.flags = Collections.unmodifiableSet(copy);
    this.mechanism = mechanism;
    this.options = options;
  }

  /** The parsed connection string. */
  public ConnectionString connection() {
    return connection;
  }

  /** The endpoint, such as {@code https://service.corp.com:5986/websvcs/wsman}. */
  public URI endpoint() {
    return connection.toUri();
  }

  /** The session flags as given. */
  public Set<SessionFlag> flags() {
    return flags;
  }

  /** The session flags as the Windows bit mask. */
  public int flagBits() {
    return SessionFlag.bits(flags);
  }

  /** The chosen authentication mechanism. */
  public AuthMechanism mechanism() {
    return mechanism;
  }

  /** The connection options, if any were given. */
  public Optional<ConnectionOptions> options() {
    return Optional.ofNullable(options);
  }

  /** True for the https transport. */
  public boolean isHttps() {
    return connection.isHttps();
  }

  /** True unless SkipCACheck: the server certificate must chain to a trusted CA (https only). */
  public boolean verifiesCertificateAuthority() {
    return !flags.contains(SessionFlag.SKIP_CA_CHECK);
  }

  /**
   * True unless SkipCNCheck: the server certificate must name the address of the connection string
   * (https only).
   */
  public boolean verifiesCertificateName() {
    return !flags.contains(SessionFlag.SKIP_CN_CHECK);
  }

  /** True unless SkipRevocationCheck: the server certificate's revocation is checked. */
  public boolean checksRevocation() {
    return !flags.contains(SessionFlag.SKIP_REVOCATION_CHECK);
  }

  /**
   * The name an HTTPS server certificate must match: the address as written in the connection
   * string. Empty over plain HTTP or with SkipCNCheck.
   */
  public Optional<String> expectedCertificateName() {
    return isHttps() && verifiesCertificateName()
        ? Optional.of(connection.host())
        : Optional.empty();
  }

  /** The message encoding: UTF-8 unless the UTF16 flag is set. */
  public Charset charset() {
    return flags.contains(SessionFlag.UTF16) ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
  }

  /**
   * True if messages over plain HTTP are to be sealed by the authentication mechanism (Negotiate,
   * Kerberos, CredSSP), as Windows does unless NoEncryption. Always false over HTTPS, where TLS
   * protects them.
   */
  public boolean encryptsMessages() {
    return !isHttps()
        && !flags.contains(SessionFlag.NO_ENCRYPTION)
        && (mechanism == AuthMechanism.NEGOTIATE
            || mechanism == AuthMechanism.KERBEROS
            || mechanism == AuthMechanism.CREDSSP);
  }

  /** True with EnableSPNServerPort: the Kerberos service principal name includes the port. */
  public boolean spnIncludesPort() {
    return flags.contains(SessionFlag.ENABLE_SPN_SERVER_PORT);
  }

  /** True with AllowNegotiateImplicitCredentials: Negotiate may use the logged-on user. */
  public boolean allowsImplicitNegotiateCredentials() {
    return flags.contains(SessionFlag.ALLOW_NEGOTIATE_IMPLICIT_CREDENTIALS);
  }

  /** Endpoint, mechanism, checks and encoding; never a password. */
  @Override
  public String toString() {
    return "SessionPlan["
        + endpoint()
        + ", "
        + mechanism
        + ", "
        + charset()
        + (isHttps()
            ? ", caCheck="
                + verifiesCertificateAuthority()
                + ", cnCheck="
                + verifiesCertificateName()
            : ", encrypt=" + encryptsMessages())
        + "]";
  }
}
