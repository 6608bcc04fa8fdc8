package org.openrms.auth.internal.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrms.auth.internal.spnego.SpnegoAcceptorTest.assertReason;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrms.auth.SecurityContextException.Reason;

/** The DER codec on hand-checked bytes. */
class SpnegoTokensTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void negTokenInitBytes() {
    byte[] t =
        SpnegoTokens.writeInit(
            List.of(SpnegoTokens.NTLM_OID), HEX.parseHex("4e544c4d53535000"), null);
    // 60 LEN 06 06 2b0601050502 a0 LEN 30 LEN a0 0e 30 0c 06 0a 2b06010401823702020a
    //   a2 0a 04 08 4e544c4d53535000
    assertThat(HEX.formatHex(t))
        .isEqualTo(
            "602806062b0601050502a01e301ca00e300c060a2b06010401823702020a"
                + "a20a04084e544c4d53535000");
    SpnegoTokens.NegTokenInit init = SpnegoTokens.readInit(t);
    assertThat(init.mechTypes()).containsExactly(SpnegoTokens.NTLM_OID);
    assertThat(HEX.formatHex(init.mechTypesDer())).isEqualTo("300c060a2b06010401823702020a");
    assertThat(init.mechToken()).isEqualTo(HEX.parseHex("4e544c4d53535000"));
    assertThat(init.mechListMic()).isNull();
  }

  @Test
  void negTokenRespBytes() {
    byte[] t =
        SpnegoTokens.writeResp(
            SpnegoTokens.ACCEPT_COMPLETED, SpnegoTokens.MS_KRB5_OID, HEX.parseHex("01"), null);
    assertThat(HEX.formatHex(t))
        .isEqualTo("a1193017a0030a0100a10b06092a864882f712010202a203040101");
    SpnegoTokens.NegTokenResp r = SpnegoTokens.readResp(t);
    assertThat(r.negState()).isZero();
    assertThat(r.supportedMech()).isEqualTo(SpnegoTokens.MS_KRB5_OID);
    assertThat(r.responseToken()).isEqualTo(HEX.parseHex("01"));
  }

  @Test
  void longLengthsAndNegTokenInit2Hints() {
    byte[] big = new byte[70_000];
    SpnegoTokens.NegTokenInit init =
        SpnegoTokens.readInit(
            SpnegoTokens.writeInit(List.of(SpnegoTokens.KRB5_OID), big, new byte[300]));
    assertThat(init.mechToken()).hasSize(70_000);
    assertThat(init.mechListMic()).hasSize(300);

    // NegTokenInit2 (MS-SPNG 2.2.1): [3] negHints SEQUENCE, then [4] mechListMIC
    byte[] types = Der.tlv(Der.context(0), SpnegoTokens.mechTypeList(List.of("1.2.3")));
    byte[] hints = Der.tlv(Der.context(3), Der.tlv(Der.SEQUENCE, new byte[0]));
    byte[] mic = Der.tlv(Der.context(4), Der.tlv(Der.OCTET_STRING, new byte[] {9}));
    byte[] seq = Der.tlv(Der.SEQUENCE, Der.concat(types, hints, mic));
    byte[] token =
        SpnegoTokens.writeGssToken(SpnegoTokens.SPNEGO_OID, Der.tlv(Der.context(0), seq));
    SpnegoTokens.NegTokenInit init2 = SpnegoTokens.readInit(token);
    assertThat(init2.mechTypes()).containsExactly("1.2.3");
    assertThat(init2.mechListMic()).containsExactly(9);
  }

  @Test
  void oidArcs() {
    for (String oid : List.of("1.2.840.113554.1.2.2", "2.999.1", "0.0", "1.39.72057594037927935")) {
      assertThat(new Der.Reader(Der.oid(oid)).readOid("oid")).isEqualTo(oid);
    }
  }

  @Test
  void malformedDer() {
    for (String hex :
        List.of(
            "", // nothing
            "60", // no length
            "6080", // indefinite length
            "6085ffffffffff", // five length bytes
            "6084ffffffff", // length beyond the input
            "600106", // OID cut
            "6002060080", // empty OID
            "600806062b06010505028001", // trailing bytes inside? (wrong inner tag)
            "600a06062b0601050502a000", // empty negTokenInit
            "600c06062b0601050502a0023000", // no mechTypes
            "601006062b0601050502a0063004a0023000", // empty MechTypeList
            "600e06062b0601050502a0043002a000" // [0] without content
            )) {
      assertReason(() -> SpnegoTokens.readInit(HEX.parseHex(hex)), Reason.MALFORMED);
    }
    for (String hex :
        List.of("a1", "a100", "a1023000ff", "a1053003a00100", "a1073005a0030a0105", "30020000")) {
      assertReason(() -> SpnegoTokens.readResp(HEX.parseHex(hex)), Reason.MALFORMED);
    }
    assertReason(() -> new Der.Reader(HEX.parseHex("060180")).readOid("o"), Reason.MALFORMED);
    assertReason(() -> new Der.Reader(HEX.parseHex("0602807f")).readOid("o"), Reason.MALFORMED);
    assertReason(
        () -> new Der.Reader(HEX.parseHex("060a8181818181818181817f")).readOid("o"),
        Reason.MALFORMED);
  }
}
