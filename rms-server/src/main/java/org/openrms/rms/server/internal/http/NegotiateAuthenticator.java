package org.openrms.rms.server.internal.http;

import java.util.Base64;
import java.util.Optional;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.openrms.auth.Kerberos;
import org.openrms.auth.KerberosCredentials;
import org.openrms.auth.Mechanism;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.rms.server.DirectoryEntry;
import org.openrms.rms.server.DirectoryPrincipal;
import org.openrms.rms.server.IdentityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Authorization: Negotiate <base64>} (RFC 4559) with Kerberos, in SPNEGO (what browsers,
 * curl and Windows send) or raw (an RFC 4121 InitialContextToken), accepted with the service
 * keytab. Kerberos completes in one round trip: the AP-REP (wrapped like the request) comes back as
 * {@code WWW-Authenticate: Negotiate <base64>} on the answer, so that the client can check that it
 * spoke to the right server (mutual authentication).
 *
 * <p>The authenticated principal {@code user@REALM} is looked up in the {@link IdentityDirectory}
 * as a user principal name ({@code userPrincipalName} in Active Directory; the whole principal as
 * login in the built-in directory). If that finds nothing and the principal is of the service's own
 * realm, it is looked up again by its user part as account name ({@code sAMAccountName}, the
 * built-in login, {@code uid}). No entry is {@code AD_ENTRY_NOT_FOUND}. The RAC's e-mail is the
 * entry's; the group-ID type is {@code WINDOWS_AUTH}.
 *
 * <p>With NTLM on ({@link NtlmSettings}: built-in accounts that have an NT hash), raw NTLMSSP and
 * SPNEGO-wrapped NTLM are accepted too. NTLM is bound to the connection and takes two round trips:
 * the NEGOTIATE message is answered 401 with {@code WWW-Authenticate: Negotiate <CHALLENGE>} and
 * the acceptor kept on the Jetty connection; the AUTHENTICATE message, sent with the real request
 * on the same connection, completes it. The account name is then looked up in the directory like a
 * Basic login; the group-ID type is {@code WINDOWS_AUTH}. An AUTHENTICATE without the connection's
 * pending exchange (another connection, a replay) is 401. Channel bindings are checked against the
 * server's TLS certificate.
 *
 * <p>Negotiate is accepted over TLS only: the rights API has no message encryption, and a ticket
 * sent in clear could be replayed elsewhere until the replay cache catches it. Without NTLM, a
 * SPNEGO offer of NTLM only is 401.
 */
public final class NegotiateAuthenticator implements Authenticator {
  /** The challenge sent with every 401. */
  public static final String CHALLENGE = "Negotiate";

  /** The group-ID type a Kerberos ticket proves. */
  public static final String WINDOWS_AUTH = "WINDOWS_AUTH";

  private static final Logger LOG = LoggerFactory.getLogger(NegotiateAuthenticator.class);
  private static final int MAX_TOKEN_CHARS = 64 * 1024;

  private static final String PENDING = NegotiateAuthenticator.class.getName() + ".pending";

  /**
   * NTLM for the built-in directory.
   *
   * @param accounts the accounts with an NT hash
   * @param options the acceptor options (with the TLS certificate's channel bindings)
   */
  public record NtlmSettings(NtlmAccountStore accounts, NtlmOptions options) {}

  /** An NTLM exchange waiting on its connection for the AUTHENTICATE message. */
  private static final class Pending implements Connection.Listener {
    final SecurityContext context;

    Pending(SecurityContext context) {
      this.context = context;
    }

    @Override
    public void onClosed(Connection connection) {
      context.close();
    }
  }

  private final KerberosCredentials service;
  private final String realm;
  private final IdentityDirectory directory;
  private final NtlmSettings ntlm;

  /**
   * An authenticator with the service's acceptor credentials.
   *
   * @param service acceptor credentials from {@link KerberosCredentials#acceptorKeytab}; the caller
   *     closes them after the server stopped
   * @param realm the service's own realm (for the account-name fallback)
   */
  public NegotiateAuthenticator(
      KerberosCredentials service, String realm, IdentityDirectory directory) {
    this(service, realm, directory, null);
  }

  /**
   * An authenticator with Kerberos and/or NTLM.
   *
   * @param service Kerberos acceptor credentials, or {@code null} for no Kerberos
   * @param realm the service's own realm (Kerberos)
   * @param directory where principals are looked up
   * @param ntlm NTLM settings, or {@code null} for no NTLM
   */
  public NegotiateAuthenticator(
      KerberosCredentials service, String realm, IdentityDirectory directory, NtlmSettings ntlm) {
    if (service == null && ntlm == null) {
      throw new IllegalArgumentException("Negotiate needs Kerberos or NTLM");
    }
    this.service = service;
    this.realm = realm;
    this.directory = directory;
    this.ntlm = ntlm;
  }

  @Override
  public String scheme() {
    return "Negotiate";
  }

  @Override
  public String challenge() {
    return CHALLENGE;
  }

  @Override
  public Authentication authenticate(String authorization, boolean secure) {
    return authenticate(authorization, secure, null);
  }

  @Override
  public Authentication authenticate(
      String authorization, boolean secure, ConnectionMetaData connection) {
    if (!secure) {
      throw new ApiException(
          RmsErrorCode.REQUEST_DENIED, "Negotiate authentication over plain HTTP is refused");
    }
    Pending pending = connection == null ? null : takePending(connection);
    byte[] token = decode(authorization, pending);
    if (pending != null) {
      return finishNtlm(pending.context, token);
    }
    SecurityContext ctx = Spnego.acceptor(this::delegate);
    boolean kept = false;
    try {
      String peer;
      byte[] reply;
      try {
        reply = ctx.step(token);
        if (!ctx.isEstablished()) {
          if (reply == null || ntlm == null || connection == null) {
            throw failed("the Negotiate exchange needs more than one round trip (not Kerberos)");
          }
          Pending next = new Pending(ctx);
          connection.setAttribute(PENDING, next);
          connection.getConnection().addEventListener(next);
          kept = true;
          throw new ApiException(
              RmsErrorCode.AUTHENTICATION_FAILED,
              401,
              "continue the Negotiate exchange",
              CHALLENGE + " " + Base64.getEncoder().encodeToString(reply));
        }
        peer = ctx.peerName();
      } catch (SecurityContextException e) {
        throw failed("Negotiate authentication failed (" + e.reason() + "): " + e.getMessage());
      }
      DirectoryEntry entry = find(peer).orElseThrow(() -> noEntry(peer));
      String mutual =
          reply == null ? null : CHALLENGE + " " + Base64.getEncoder().encodeToString(reply);
      return new Authentication(entry, WINDOWS_AUTH, mutual);
    } finally {
      if (!kept) {
        ctx.close();
      }
    }
  }

  /** Removes and returns the connection's pending NTLM exchange, if any. */
  private static Pending takePending(ConnectionMetaData connection) {
    Object o = connection.removeAttribute(PENDING);
    if (o instanceof Pending p) {
      connection.getConnection().removeEventListener(p);
      return p;
    }
    return null;
  }

  /** The AUTHENTICATE round of an NTLM exchange: the account name as a built-in login. */
  private Authentication finishNtlm(SecurityContext ctx, byte[] token) {
    String peer;
    try (ctx) {
      byte[] reply = ctx.step(token);
      if (!ctx.isEstablished()) {
        throw failed("the NTLM exchange did not complete" + (reply == null ? "" : " in 2 rounds"));
      }
      peer = ctx.peerName();
    } catch (SecurityContextException e) {
      throw failed("NTLM authentication failed (" + e.reason() + "): " + e.getMessage());
    }
    DirectoryEntry entry =
        directory.lookup(DirectoryPrincipal.accountName(peer)).orElseThrow(() -> noEntry(peer));
    return new Authentication(entry, WINDOWS_AUTH);
  }

  private SecurityContext delegate(Mechanism m) {
    if (m == Mechanism.KERBEROS && service != null) {
      return Kerberos.acceptor(service);
    }
    if (m == Mechanism.NTLM && ntlm != null) {
      return Ntlm.acceptor(ntlm.accounts(), ntlm.options());
    }
    throw new SecurityContextException(
        SecurityContextException.Reason.REFUSED, m + " is not accepted");
  }

  /** The principal's entry: by user principal name, else (own realm) by its user part. */
  Optional<DirectoryEntry> find(String principal) {
    Optional<DirectoryEntry> byUpn =
        directory.lookup(DirectoryPrincipal.userPrincipalName(principal));
    if (byUpn.isPresent()) {
      return byUpn;
    }
    int at = principal.lastIndexOf('@');
    String user = at < 0 ? principal : principal.substring(0, at);
    String principalRealm = at < 0 ? realm : principal.substring(at + 1);
    if (user.isEmpty() || user.indexOf('/') >= 0 || !realm.equals(principalRealm)) {
      return Optional.empty();
    }
    return directory.lookup(DirectoryPrincipal.accountName(user));
  }

  private static ApiException noEntry(String principal) {
    LOG.info("Negotiate principal {} has no directory entry", principal);
    return new ApiException(
        RmsErrorCode.AD_ENTRY_NOT_FOUND, "the directory has no entry for the Negotiate principal");
  }

  private static byte[] decode(String authorization, Pending pending) {
    String value = authorization.length() > 9 ? authorization.substring(9).strip() : "";
    try {
      if (value.isEmpty() || value.length() > MAX_TOKEN_CHARS) {
        throw Authenticators.failed();
      }
      try {
        return Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        throw Authenticators.failed();
      }
    } catch (ApiException e) {
      if (pending != null) {
        pending.context.close();
      }
      throw e;
    }
  }

  private static ApiException failed(String why) {
    LOG.info("Negotiate rejected: {}", why);
    return new ApiException(RmsErrorCode.AUTHENTICATION_FAILED, "Negotiate authentication failed");
  }

  /** The realm of a principal name ({@code HTTP/host@REALM}); empty if it names none. */
  public static String realmOf(String principal) {
    int at = principal.lastIndexOf('@');
    return at < 0 ? "" : principal.substring(at + 1);
  }
}
