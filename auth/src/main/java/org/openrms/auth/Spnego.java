package org.openrms.auth;

import java.util.Objects;
import java.util.function.Function;
import org.openrms.auth.internal.spnego.SpnegoAcceptor;
import org.openrms.auth.internal.spnego.SpnegoInitiator;

/**
 * SPNEGO (RFC 4178) for the HTTP {@code Negotiate} scheme, acceptor and initiator, over our own
 * mechanisms. The JDK's SPNEGO has no NTLM, so the token codec is our own and each mechanism is a
 * plain {@link SecurityContext} this class wraps.
 *
 * <p>The {@linkplain #acceptor acceptor} takes, as its first token, any of what WinRM clients send
 * under {@code Negotiate}:
 *
 * <ul>
 *   <li>raw NTLMSSP ({@code NTLMSSP\0…}, what pywinrm/requests-ntlm send) — answered raw;
 *   <li>a raw Kerberos InitialContextToken (OID 1.2.840.113554.1.2.2) — answered raw;
 *   <li>a SPNEGO NegTokenInit offering NTLM, Kerberos (1.2.840.113554.1.2.2) or Microsoft's
 *       Kerberos OID (1.2.840.48018.1.2.2) — answered with NegTokenResp tokens.
 * </ul>
 *
 * <p>It asks the factory for a delegate acceptor for the chosen {@link Mechanism} ({@code NTLM} or
 * {@code KERBEROS}) and forwards tokens, sealing and the peer name to it.
 *
 * <pre>{@code
 * SecurityContext ctx = Spnego.acceptor(m -> switch (m) {
 *   case KERBEROS -> Kerberos.acceptor(serviceKeytab);
 *   case NTLM -> ntlmAcceptorFactory.get();
 *   default -> throw new SecurityContextException(Reason.REFUSED, "no " + m);
 * });
 * byte[] reply = ctx.step(tokenFromAuthorizationHeader); // may be null when nothing to send
 * }</pre>
 *
 * <p>mechListMIC: when the peer sends one, and the delegate implements {@link MechListMic}, it is
 * verified and answered; with a delegate that does not, it is ignored (both mechanisms accepted
 * here are acceptable to the acceptor, so there is no downgrade to protect against).
 */
public final class Spnego {
  private Spnego() {}

  /**
   * A delegate context that can compute and verify the SPNEGO mechListMIC (a GSS MIC over the DER
   * of the MechTypeList), for mechanisms such as NTLM where Windows peers send one.
   */
  public interface MechListMic {
    /** The MIC over {@code data}. */
    byte[] mic(byte[] data);

    /**
     * Verifies the peer's MIC over {@code data}.
     *
     * @throws SecurityContextException ({@code TAMPERED}) if it does not verify
     */
    void verifyMic(byte[] data, byte[] mic);
  }

  /**
   * An acceptor that detects the client's framing and mechanism from its first token.
   *
   * @param delegates creates a fresh acceptor for {@link Mechanism#NTLM} or {@link
   *     Mechanism#KERBEROS}; called at most once per returned context
   */
  public static SecurityContext acceptor(Function<Mechanism, SecurityContext> delegates) {
    return new SpnegoAcceptor(Objects.requireNonNull(delegates, "delegates"));
  }

  /**
   * An initiator that wraps {@code delegate}'s tokens in SPNEGO: a NegTokenInit offering only the
   * delegate's mechanism with its first token, then NegTokenResp tokens.
   *
   * @param delegate a fresh NTLM or Kerberos initiator
   */
  public static SecurityContext initiator(SecurityContext delegate) {
    return new SpnegoInitiator(Objects.requireNonNull(delegate, "delegate"));
  }
}
