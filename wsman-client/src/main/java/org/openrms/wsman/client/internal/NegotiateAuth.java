package org.openrms.wsman.client.internal;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.openrms.auth.Kerberos;
import org.openrms.auth.KerberosCredentials;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;
import org.openrms.wsman.client.AuthMechanism;
import org.openrms.wsman.client.ConnectionOptions;
import org.openrms.wsman.client.SessionPlan;
import org.openrms.wsman.client.WsmanAuthenticationException;

/**
 * The Negotiate and Kerberos credentials of one session, and the security context of each of its
 * connections ({@link ConnectionAuth.Factory}).
 *
 * <ul>
 *   <li><b>Kerberos</b> ({@code UseKerberos}): the {@code Kerberos} HTTP scheme with raw Kerberos
 *       tokens and mutual authentication; the ticket-granting ticket comes from the password of
 *       explicit credentials ({@code user@REALM}; {@code DOMAIN\\user} is read as {@code
 *       user@DOMAIN}), else from the ticket cache.
 *   <li><b>Negotiate</b> with explicit credentials: Kerberos through SPNEGO when the user is {@code
 *       user@REALM} and the krb5 configuration names a KDC for that realm ({@link Krb5Realms}),
 *       otherwise NTLM, sent as raw NTLMSSP as pywinrm does (or wrapped in SPNEGO when the options
 *       ask for it). {@link ConnectionOptions#ntlmOnly()} forces NTLM.
 *   <li><b>Negotiate</b> without explicit credentials: Kerberos from the ticket cache through
 *       SPNEGO, only with {@code AllowNegotiateImplicitCredentials} or to the local computer.
 * </ul>
 *
 * The service principal is {@code HTTP/<host>} ({@code HTTP/<host>:<port>} with
 * EnableSPNServerPort). NTLM over HTTPS sends channel bindings for the server certificate. The NT
 * hash is derived from the password once per connection and the password copy zeroed at once; a
 * Kerberos ticket-granting ticket is obtained once per session and destroyed by {@link #close()}.
 */
public final class NegotiateAuth implements ConnectionAuth.Factory, AutoCloseable {
  private final SessionPlan plan;
  private final String endpoint;
  private final int maxResponse;
  private KerberosCredentials kerberos;
  private boolean closed;

  /**
   * The authentication of a session whose mechanism is Negotiate or Kerberos.
   *
   * @param maxResponse the largest decrypted response, in bytes
   */
  public NegotiateAuth(SessionPlan plan, int maxResponse) {
    if (plan.mechanism() != AuthMechanism.NEGOTIATE && plan.mechanism() != AuthMechanism.KERBEROS) {
      throw new IllegalArgumentException("not Negotiate or Kerberos: " + plan.mechanism());
    }
    this.plan = plan;
    this.endpoint = plan.endpoint().toString();
    this.maxResponse = maxResponse;
  }

  @Override
  public ConnectionAuth open(X509Certificate serverCertificate) {
    boolean encrypt = plan.encryptsMessages();
    if (plan.mechanism() == AuthMechanism.KERBEROS) {
      SecurityContext c = kerberosContext();
      return new NegotiateConnection(
          endpoint, NegotiateConnection.KERBEROS, c, encrypt, maxResponse);
    }
    ConnectionOptions o = plan.options().orElse(null);
    SecurityContext c;
    if (o != null && o.hasCredentials()) {
      String user = o.userName().orElseThrow();
      c =
          !o.ntlmOnly() && Krb5Realms.isKerberosUser(user)
              ? Spnego.initiator(kerberosContext())
              : ntlmContext(o, user, serverCertificate);
    } else {
      if (!plan.allowsImplicitNegotiateCredentials() && !plan.connection().isLoopback()) {
        throw new WsmanAuthenticationException(
            "Negotiate without a user name would use the logged-on user's Kerberos tickets, which"
                + " needs the AllowNegotiateImplicitCredentials session flag; or give a user name"
                + " and password");
      }
      c = Spnego.initiator(kerberosContext());
    }
    return new NegotiateConnection(
        endpoint, NegotiateConnection.NEGOTIATE, c, encrypt, maxResponse);
  }

  /** The service principal name, without realm: {@code HTTP/host} or {@code HTTP/host:port}. */
  public String servicePrincipal() {
    String host = plan.connection().host();
    return "HTTP/" + host + (plan.spnIncludesPort() ? ":" + plan.connection().port() : "");
  }

  private SecurityContext ntlmContext(ConnectionOptions o, String user, X509Certificate cert) {
    NtlmOptions.Builder b = NtlmOptions.builder().servicePrincipal(servicePrincipal());
    if (cert != null) {
      b.tlsServerCertificate(cert);
    }
    char[] password = o.password();
    try (NtlmCredentials creds = NtlmCredentials.parse(user, password)) {
      SecurityContext ntlm = Ntlm.initiator(creds, b.build());
      return o.spnegoWrappedNtlm() ? Spnego.initiator(ntlm) : ntlm;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private SecurityContext kerberosContext() {
    KerberosCredentials creds = kerberosCredentials();
    String realm = realmOf(creds.principal());
    String service = servicePrincipal() + (realm == null ? "" : "@" + realm);
    try {
      return Kerberos.initiator(creds, service);
    } catch (SecurityContextException e) {
      throw new WsmanAuthenticationException(
          "Kerberos for " + service + " failed: " + e.getMessage());
    }
  }

  /** The session's Kerberos credentials, logged in on first use. */
  private synchronized KerberosCredentials kerberosCredentials() {
    if (closed) {
      throw new IllegalStateException("the session is closed");
    }
    if (kerberos != null) {
      return kerberos;
    }
    ConnectionOptions o = plan.options().orElse(null);
    try {
      if (o != null && o.hasCredentials()) {
        String principal = principal(o.userName().orElseThrow());
        char[] password = o.password();
        try {
          kerberos = KerberosCredentials.password(principal, password);
        } finally {
          Arrays.fill(password, '\0');
        }
      } else {
        kerberos = KerberosCredentials.ticketCache();
      }
    } catch (SecurityContextException e) {
      throw new WsmanAuthenticationException(
          "Kerberos login"
              + (o != null && o.hasCredentials() ? " of '" + o.userName().get() + "'" : "")
              + " for "
              + endpoint
              + " failed: "
              + e.getMessage());
    }
    return kerberos;
  }

  /** {@code user@REALM} as is, {@code DOMAIN\\user} as {@code user@DOMAIN}, else the bare name. */
  static String principal(String user) {
    int slash = user.indexOf('\\');
    if (slash > 0 && user.indexOf('@') < 0) {
      return user.substring(slash + 1)
          + "@"
          + user.substring(0, slash).toUpperCase(java.util.Locale.ROOT);
    }
    return user;
  }

  private static String realmOf(String principal) {
    int at = principal.lastIndexOf('@');
    return at < 0 || at == principal.length() - 1 ? null : principal.substring(at + 1);
  }

  /** Destroys the session's Kerberos tickets; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (kerberos != null) {
      kerberos.close();
      kerberos = null;
    }
  }
}
