package org.openrms.auth;

import java.util.Objects;
import org.openrms.auth.internal.ntlm.NtlmAcceptorContext;
import org.openrms.auth.internal.ntlm.NtlmCrypto;
import org.openrms.auth.internal.ntlm.NtlmInitiatorContext;

/**
 * NTLMv2 (MS-NLMP) with session security, JDK only: the entry point for initiator and acceptor
 * {@link SecurityContext}s. Both sides insist on NTLMv2 with extended session security, 128-bit
 * keys, signing and sealing (what WinRM message encryption needs), use key exchange when the peer
 * offers it, and protect the three messages with a MIC.
 *
 * <pre>{@code
 * // client
 * try (NtlmCredentials creds = NtlmCredentials.parse("HOST\\alice", password);
 *     SecurityContext client = Ntlm.initiator(creds, NtlmOptions.defaults())) {
 *   byte[] negotiate = client.step(null);          // send, receive the challenge
 *   byte[] authenticate = client.step(challenge);  // send; client.isEstablished() is now true
 *   SealedMessage out = client.seal(body);
 * }
 * // server: one context per connection
 * SecurityContext server = Ntlm.acceptor(store, NtlmOptions.builder().computerName("HOST").build());
 * byte[] challenge = server.step(negotiate);
 * server.step(authenticate);                       // null: nothing more to send
 * String user = server.peerName();
 * }</pre>
 *
 * <p><b>Acceptor names.</b> Only local accounts are served: the AUTHENTICATE's domain must be
 * empty, {@code "."}, or the acceptor's NetBIOS or DNS computer name (case-insensitive); a user
 * name {@code user@domain} sent with an empty domain is split at the last {@code @} and its domain
 * checked the same way. The remaining user name is looked up in the {@link NtlmAccountStore}, and
 * {@link SecurityContext#peerName()} is the account's canonical name from the store, without
 * domain. Anonymous logons and NTLMv1 are refused.
 *
 * <p><b>Failures</b> ({@link SecurityContextException#reason()}): MALFORMED (unparseable token),
 * BAD_CREDENTIALS (unknown user, other domain, wrong password), EXPIRED (client timestamp outside
 * {@link NtlmOptions#maxClockSkew()}), REPLAYED (an AUTHENTICATE accepted before within its
 * timestamp window), TAMPERED (MIC, channel bindings that do not match, or a sealed message that
 * does not verify), REFUSED (anonymous, NTLMv1, missing flags, missing required channel bindings),
 * STATE (wrong order, or a closed or failed context).
 */
public final class Ntlm {
  private Ntlm() {}

  /**
   * A client context. The NT hash is derived from the password at once; the credentials can be
   * closed right after this call.
   *
   * @param credentials the user's credentials
   * @param options the options (service principal, channel bindings, workstation)
   * @return a context whose first {@code step(null)} returns the NEGOTIATE message
   */
  public static SecurityContext initiator(NtlmCredentials credentials, NtlmOptions options) {
    return new NtlmInitiatorContext(
        Objects.requireNonNull(credentials, "credentials"),
        Objects.requireNonNull(options, "options"));
  }

  /**
   * A server context for local accounts. Contexts share, per JVM, the record of recently accepted
   * AUTHENTICATE messages that refuses replays.
   *
   * @param accounts the local accounts
   * @param options the options (computer name, clock skew, channel bindings)
   * @return a context whose first {@code step} takes the NEGOTIATE message
   */
  public static SecurityContext acceptor(NtlmAccountStore accounts, NtlmOptions options) {
    return new NtlmAcceptorContext(
        Objects.requireNonNull(accounts, "accounts"), Objects.requireNonNull(options, "options"));
  }

  /**
   * The NT hash (NTOWFv1) of a password, {@code MD4(UTF-16LE(password))}: what an {@link
   * NtlmAccountStore} keeps for each account.
   *
   * @param password the password; the caller still owns (and zeroes) it
   * @return the 16-byte hash
   */
  public static byte[] ntHash(char[] password) {
    return NtlmCrypto.ntHash(Objects.requireNonNull(password, "password"));
  }
}
