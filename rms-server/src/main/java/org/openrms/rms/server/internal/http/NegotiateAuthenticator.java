package org.openrms.rms.server.internal.http;

import java.util.Base64;
import java.util.Optional;
import org.openrms.auth.Kerberos;
import org.openrms.auth.KerberosCredentials;
import org.openrms.auth.Mechanism;
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
 * <p>Negotiate is accepted over TLS only: the rights API has no message encryption, and a ticket
 * sent in clear could be replayed elsewhere until the replay cache catches it. NTLM is not accepted
 * (it needs several round trips on one connection); a SPNEGO offer of NTLM only is 401.
 */
public final class NegotiateAuthenticator implements Authenticator {
  /** The challenge sent with every 401. */
  public static final String CHALLENGE = "Negotiate";

  /** The group-ID type a Kerberos ticket proves. */
  public static final String WINDOWS_AUTH = "WINDOWS_AUTH";

  private static final Logger LOG = LoggerFactory.getLogger(NegotiateAuthenticator.class);
  private static final int MAX_TOKEN_CHARS = 64 * 1024;

  private final KerberosCredentials service;
  private final String realm;
  private final IdentityDirectory directory;

  /**
   * An authenticator with the service's acceptor credentials.
   *
   * @param service acceptor credentials from {@link KerberosCredentials#acceptorKeytab}; the caller
   *     closes them after the server stopped
   * @param realm the service's own realm (for the account-name fallback)
   */
  public NegotiateAuthenticator(
      KerberosCredentials service, String realm, IdentityDirectory directory) {
    this.service = service;
    this.realm = realm;
    this.directory = directory;
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
    if (!secure) {
      throw new ApiException(
          RmsErrorCode.REQUEST_DENIED, "Negotiate authentication over plain HTTP is refused");
    }
    byte[] token = decode(authorization);
    String peer;
    byte[] reply;
    try (SecurityContext ctx = Spnego.acceptor(this::delegate)) {
      reply = ctx.step(token);
      if (!ctx.isEstablished()) {
        throw failed("the Negotiate exchange needs more than one round trip (not Kerberos)");
      }
      peer = ctx.peerName();
    } catch (SecurityContextException e) {
      throw failed("Kerberos authentication failed (" + e.reason() + "): " + e.getMessage());
    }
    DirectoryEntry entry = find(peer).orElseThrow(() -> noEntry(peer));
    String mutual =
        reply == null ? null : CHALLENGE + " " + Base64.getEncoder().encodeToString(reply);
    return new Authentication(entry, WINDOWS_AUTH, mutual);
  }

  private SecurityContext delegate(Mechanism m) {
    if (m != Mechanism.KERBEROS) {
      throw new SecurityContextException(
          SecurityContextException.Reason.REFUSED, "only Kerberos is accepted, not " + m);
    }
    return Kerberos.acceptor(service);
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
    LOG.info("Kerberos principal {} has no directory entry", principal);
    return new ApiException(
        RmsErrorCode.AD_ENTRY_NOT_FOUND, "the directory has no entry for the Kerberos principal");
  }

  private static byte[] decode(String authorization) {
    String value = authorization.length() > 9 ? authorization.substring(9).strip() : "";
    if (value.isEmpty() || value.length() > MAX_TOKEN_CHARS) {
      throw Authenticators.failed();
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw Authenticators.failed();
    }
  }

  private static ApiException failed(String why) {
    LOG.info("Negotiate rejected: {}", why);
    return new ApiException(RmsErrorCode.AUTHENTICATION_FAILED, "Kerberos authentication failed");
  }

  /** The realm of a principal name ({@code HTTP/host@REALM}); empty if it names none. */
  public static String realmOf(String principal) {
    int at = principal.lastIndexOf('@');
    return at < 0 ? "" : principal.substring(at + 1);
  }
}
