package org.openrms.auth;

import java.util.Objects;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.openrms.auth.internal.kerberos.JgssContext;
import org.openrms.auth.internal.kerberos.KrbFailures;

/**
 * Kerberos V5 (RFC 4121) contexts through the JDK's JGSS, with mutual authentication and message
 * sealing in the layout Windows uses for WinRM (RFC 4121 wrap tokens with EC = 0, RRC = 28; the
 * {@link SealedMessage#header()} is the 16-byte token header followed by the 28 rotated trailer
 * bytes and the encrypted confounder, 60 bytes in all; {@link SealedMessage#data()} is the
 * ciphertext of the message, as long as the message).
 *
 * <pre>{@code
 * // client
 * try (KerberosCredentials me = KerberosCredentials.ticketCache();
 *     SecurityContext client = Kerberos.initiator(me, "HTTP/host.example.com@EXAMPLE.COM")) {
 *   byte[] apReq = client.step(null);     // send as "Authorization: Kerberos <base64>"
 *   client.step(apRepFromServer);         // mutual authentication; now established
 *   SealedMessage m = client.seal(body);
 * }
 * // server: one credentials object, one context per connection
 * SecurityContext server = Kerberos.acceptor(serviceKeytab);
 * byte[] apRep = server.step(apReq);      // established; peerName() is "alice@EXAMPLE.COM"
 * }</pre>
 *
 * <p><b>Failures</b>: MALFORMED (not a Kerberos token), BAD_CREDENTIALS (unknown principal, a
 * ticket the acceptor has no key for), EXPIRED (ticket or ticket-granting ticket expired, clock
 * skew), REPLAYED (an AP-REQ or message seen before), TAMPERED (a message that does not verify or
 * is missing), REFUSED (no mutual authentication, an unencrypted message), STATE.
 */
public final class Kerberos {
  private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
  private static final Oid KRB5_PRINCIPAL = oid("1.2.840.113554.1.2.2.1");

  private Kerberos() {}

  /**
   * A client context for {@code service}.
   *
   * @param credentials initiator credentials
   * @param service the service principal ({@code HTTP/host@REALM}) or a host-based name ({@code
   *     HTTP@host}, the realm from the krb5 configuration's domain_realm)
   * @return a context whose first {@code step(null)} returns the AP-REQ token
   */
  public static SecurityContext initiator(KerberosCredentials credentials, String service) {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(service, "service");
    if (credentials.isAcceptor()) {
      throw new IllegalArgumentException("acceptor credentials cannot initiate");
    }
    credentials.checkTgtCurrent();
    try {
      GSSContext ctx =
          JgssContext.as(
              credentials.subject(),
              () -> {
                GSSManager m = GSSManager.getInstance();
                GSSName target =
                    service.contains("/") || !service.contains("@")
                        ? m.createName(service, KRB5_PRINCIPAL)
                        : m.createName(service, GSSName.NT_HOSTBASED_SERVICE);
                GSSCredential cred =
                    m.createCredential(
                        null, GSSCredential.DEFAULT_LIFETIME, KRB5, GSSCredential.INITIATE_ONLY);
                GSSContext c = m.createContext(target, KRB5, cred, GSSContext.DEFAULT_LIFETIME);
                c.requestMutualAuth(true);
                c.requestConf(true);
                c.requestInteg(true);
                c.requestReplayDet(true);
                c.requestSequenceDet(true);
                c.requestCredDeleg(false);
                return c;
              });
      return new JgssContext(credentials.subject(), ctx, true);
    } catch (GSSException e) {
      throw KrbFailures.of(e, "Kerberos initiator for " + service);
    }
  }

  /**
   * A server context (one per connection).
   *
   * @param credentials acceptor credentials from {@link KerberosCredentials#acceptorKeytab}
   * @return a context whose {@code step} takes the AP-REQ and returns the AP-REP
   */
  public static SecurityContext acceptor(KerberosCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    if (!credentials.isAcceptor()) {
      throw new IllegalArgumentException("initiator credentials cannot accept");
    }
    String principal = credentials.principal();
    try {
      GSSContext ctx =
          JgssContext.as(
              credentials.subject(),
              () -> {
                GSSManager m = GSSManager.getInstance();
                GSSName name =
                    "*".equals(principal) ? null : m.createName(principal, KRB5_PRINCIPAL);
                GSSCredential cred =
                    m.createCredential(
                        name, GSSCredential.INDEFINITE_LIFETIME, KRB5, GSSCredential.ACCEPT_ONLY);
                return m.createContext(cred);
              });
      return new JgssContext(credentials.subject(), ctx, false);
    } catch (GSSException e) {
      throw KrbFailures.of(e, "Kerberos acceptor for " + principal);
    }
  }

  private static Oid oid(String dotted) {
    try {
      return new Oid(dotted);
    } catch (GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
