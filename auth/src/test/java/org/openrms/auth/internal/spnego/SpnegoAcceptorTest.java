package org.openrms.auth.internal.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrms.auth.internal.spnego.FakeContext.bytes;
import static org.openrms.auth.internal.spnego.SpnegoTokens.KRB5_OID;
import static org.openrms.auth.internal.spnego.SpnegoTokens.MS_KRB5_OID;
import static org.openrms.auth.internal.spnego.SpnegoTokens.NTLM_OID;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;
import org.openrms.auth.Spnego;

/** Framing detection and dispatch of {@link Spnego#acceptor}, with a test-only mechanism. */
class SpnegoAcceptorTest {
  private static final String NEGOEX_OID = "1.3.6.1.4.1.311.2.2.30";
  private final List<FakeContext> created = new ArrayList<>();

  private SecurityContext acceptor() {
    return Spnego.acceptor(
        m -> {
          FakeContext c =
              m == Mechanism.NTLM ? new FakeContext(m, 2, false) : new FakeContext(m, 1, true);
          created.add(c);
          return c;
        });
  }

  @Test
  void rawNtlmsspIsAnsweredRaw() {
    SecurityContext ctx = acceptor();
    byte[] negotiate = bytes("NTLMSSP\0\1\0\0\0rest");
    assertThat(ctx.step(negotiate)).isEqualTo(bytes("reply-1"));
    assertThat(ctx.mechanism()).isEqualTo(Mechanism.NTLM);
    assertThat(ctx.isEstablished()).isFalse();
    assertThat(ctx.step(bytes("NTLMSSP\0\3\0\0\0auth"))).isNull();
    assertThat(ctx.isEstablished()).isTrue();
    assertThat(ctx.peerName()).isEqualTo("peer");
    assertThat(created.get(0).received)
        .containsExactly("NTLMSSP\0\1\0\0\0rest", "NTLMSSP\0\3\0\0\0auth");
    SealedMessage m = ctx.seal(bytes("x"));
    assertThat(ctx.unseal(m)).isEqualTo(bytes("x"));
    ctx.close();
    assertThat(created.get(0).closed).isTrue();
    assertThat(ctx.isEstablished()).isFalse();
    assertReason(() -> ctx.step(bytes("again")), Reason.STATE);
  }

  @Test
  void rawKerberosIsAnsweredRaw() {
    SecurityContext ctx = acceptor();
    byte[] apReq = SpnegoTokens.writeGssToken(KRB5_OID, bytes("\1\0ap-req"));
    assertThat(ctx.step(apReq)).isEqualTo(bytes("reply-1"));
    assertThat(ctx.isEstablished()).isTrue();
    assertThat(ctx.mechanism()).isEqualTo(Mechanism.KERBEROS);
    assertThat(created.get(0).received.get(0))
        .isEqualTo(new String(apReq, StandardCharsets.ISO_8859_1));
  }

  @Test
  void spnegoNtlmWithMechListMic() {
    SecurityContext ctx = acceptor();
    byte[] init = SpnegoTokens.writeInit(List.of(NTLM_OID), bytes("NTLMSSP\0neg"), null);
    SpnegoTokens.NegTokenResp r1 = SpnegoTokens.readResp(ctx.step(init));
    assertThat(r1.negState()).isEqualTo(SpnegoTokens.ACCEPT_INCOMPLETE);
    assertThat(r1.supportedMech()).isEqualTo(NTLM_OID);
    assertThat(r1.responseToken()).isEqualTo(bytes("reply-1"));

    byte[] typesDer = SpnegoTokens.mechTypeList(List.of(NTLM_OID));
    FakeContext fake = new FakeContext(Mechanism.NTLM, 0, false);
    byte[] auth = SpnegoTokens.writeResp(-1, null, bytes("NTLMSSP\0auth"), fake.mic(typesDer));
    SpnegoTokens.NegTokenResp r2 = SpnegoTokens.readResp(ctx.step(auth));
    assertThat(r2.negState()).isEqualTo(SpnegoTokens.ACCEPT_COMPLETED);
    assertThat(r2.supportedMech()).isNull();
    assertThat(r2.responseToken()).isNull();
    assertThat(r2.mechListMic()).isEqualTo(fake.mic(typesDer));
    assertThat(created.get(0).verifiedMicData).isEqualTo(typesDer);
    assertThat(ctx.isEstablished()).isTrue();
  }

  @Test
  void aWrongMechListMicIsTampered() {
    SecurityContext ctx = acceptor();
    ctx.step(SpnegoTokens.writeInit(List.of(NTLM_OID), bytes("NTLMSSP\0neg"), null));
    byte[] auth = SpnegoTokens.writeResp(-1, null, bytes("NTLMSSP\0auth"), bytes("mic:forged"));
    assertReason(() -> ctx.step(auth), Reason.TAMPERED);
  }

  @Test
  void windowsKerberosOfferIsAnsweredWithTheMsOid() {
    SecurityContext ctx = acceptor();
    byte[] apReq = SpnegoTokens.writeGssToken(KRB5_OID, bytes("\1\0ap-req"));
    byte[] init =
        SpnegoTokens.writeInit(List.of(MS_KRB5_OID, KRB5_OID, NEGOEX_OID, NTLM_OID), apReq, null);
    SpnegoTokens.NegTokenResp r = SpnegoTokens.readResp(ctx.step(init));
    assertThat(r.negState()).isEqualTo(SpnegoTokens.ACCEPT_COMPLETED);
    assertThat(r.supportedMech()).isEqualTo(MS_KRB5_OID);
    assertThat(r.responseToken()).isEqualTo(bytes("reply-1"));
    assertThat(ctx.isEstablished()).isTrue();
    assertThat(created).hasSize(1);
    assertThat(created.get(0).mechanism()).isEqualTo(Mechanism.KERBEROS);
  }

  @Test
  void anOptimisticTokenForAnUnsupportedMechIsIgnored() {
    SecurityContext ctx = acceptor();
    byte[] init = SpnegoTokens.writeInit(List.of(NEGOEX_OID, NTLM_OID), bytes("negoex"), null);
    SpnegoTokens.NegTokenResp r = SpnegoTokens.readResp(ctx.step(init));
    assertThat(r.negState()).isEqualTo(SpnegoTokens.ACCEPT_INCOMPLETE);
    assertThat(r.supportedMech()).isEqualTo(NTLM_OID);
    assertThat(r.responseToken()).isNull();
    assertThat(created.get(0).received).isEmpty();
    SpnegoTokens.NegTokenResp r2 =
        SpnegoTokens.readResp(ctx.step(SpnegoTokens.writeResp(-1, null, bytes("neg"), null)));
    assertThat(r2.responseToken()).isEqualTo(bytes("reply-1"));
  }

  @Test
  void refusalsAndMalformedTokens() {
    assertReason(
        () -> acceptor().step(SpnegoTokens.writeInit(List.of(NEGOEX_OID), null, null)),
        Reason.REFUSED);
    assertReason(
        () -> acceptor().step(SpnegoTokens.writeGssToken("1.2.3.4", bytes("x"))), Reason.REFUSED);
    assertReason(() -> acceptor().step(bytes("garbage")), Reason.MALFORMED);
    assertReason(() -> acceptor().step(new byte[0]), Reason.MALFORMED);
    assertReason(() -> acceptor().step(null), Reason.STATE);
    SecurityContext ctx = acceptor();
    ctx.step(SpnegoTokens.writeInit(List.of(NTLM_OID), bytes("NTLMSSP\0neg"), null));
    assertReason(() -> ctx.step(SpnegoTokens.writeResp(2, null, null, null)), Reason.REFUSED);
    assertReason(() -> ctx.unseal(new SealedMessage(new byte[0], new byte[0])), Reason.STATE);
    assertThatThrownBy(() -> ctx.seal(new byte[0])).isInstanceOf(IllegalStateException.class);
    assertReason(() -> Spnego.acceptor(m -> null).step(bytes("NTLMSSP\0\1\0\0\0")), Reason.REFUSED);
  }

  @Test
  void everyTruncationOfValidTokensIsMalformedOrRefused() {
    byte[] apReq = SpnegoTokens.writeGssToken(KRB5_OID, bytes("\1\0ap-req"));
    byte[] init = SpnegoTokens.writeInit(List.of(MS_KRB5_OID, NTLM_OID), apReq, bytes("mic"));
    for (int len = 0; len < init.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(init, len);
      try {
        acceptor().step(cut);
      } catch (SecurityContextException e) {
        assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.REFUSED);
      }
    }
  }

  @Test
  void initiatorRoundTripWithTheAcceptor() {
    FakeContext client = new FakeContext(Mechanism.KERBEROS, 2, false);
    SecurityContext initiator = Spnego.initiator(client);
    SecurityContext acceptor = acceptor();
    byte[] t1 = initiator.step(null);
    SpnegoTokens.NegTokenInit init = SpnegoTokens.readInit(t1);
    assertThat(init.mechTypes()).containsExactly(KRB5_OID);
    byte[] t2 = acceptor.step(t1);
    assertThat(acceptor.isEstablished()).isTrue();
    assertThat(initiator.step(t2)).isNull();
    assertThat(initiator.isEstablished()).isTrue();
    assertThat(client.received).containsExactly(null, "reply-1");
  }

  static void assertReason(Runnable r, Reason reason) {
    assertThatThrownBy(r::run)
        .isInstanceOf(SecurityContextException.class)
        .extracting(e -> ((SecurityContextException) e).reason())
        .isEqualTo(reason);
  }
}
