package org.openrms.auth.internal.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.junit.jupiter.api.Test;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * Known answers for the Windows WinRM wrap layout in both directions, with fixed keys, sequence
 * numbers and confounders; Kerby's independent RFC 3961 code checks the ciphertext inside, and
 * tokens built with Kerby in the Windows, Windows-EC and JGSS (RRC = 0) shapes are accepted.
 */
class WrapCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY = AesSha1Test.key(AesSha1.AES256);
  private static final byte[] MSG = "Hello, WinRM!".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONF = HEX.parseHex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");

  /** Initiator to acceptor: flags 02 (sealed), SND_SEQ 0x1234. */
  private static final String CLIENT_KAT =
      "050402ff0000001c0000000000001234"
          + "c88aacaaa9a8abb8fc2543fc566cb8f074e93580700cc0b7b255a1ce"
          + "cdb13cd304dccc12bbbdbd02a7f3f85a"
          + "8b025f49b8ca65b9750fcea86b";

  /** Acceptor to initiator: flags 03 (sent by acceptor, sealed), SND_SEQ 0x5678. */
  private static final String SERVER_KAT =
      "050403ff0000001c0000000000005678"
          + "e62197c03384ef5e890a41bb3e6fe31b9caf766bbacd60a8e076a52d"
          + "5c1eae64bdc8e04b1853f563e1102927"
          + "d7e794492a700281fd83b3dbbe";

  private static WrapCodec client() {
    return new WrapCodec(KEY, AesSha1.AES256, false, false, 0x1234);
  }

  private static WrapCodec server() {
    return new WrapCodec(KEY, AesSha1.AES256, true, false, 0x5678);
  }

  @Test
  void clientSealIsTheKnownAnswerInTheWindowsLayout() throws Exception {
    SealedMessage m = client().seal(MSG, CONF);
    assertThat(m.header()).hasSize(60);
    assertThat(m.data()).hasSize(MSG.length);
    assertThat(HEX.formatHex(concat(m.header(), m.data()))).isEqualTo(CLIENT_KAT);
    // header = H | E[n+16..n+44] | E[0..16], data = E[16..n+16]: undo it and let Kerby decrypt.
    byte[] e = concat(Arrays.copyOfRange(m.header(), 44, 60), m.data(), slice(m.header(), 16, 44));
    byte[] plain = EncryptionHandler.decrypt(e, new EncryptionKey(18, KEY), KeyUsage.fromValue(24));
    assertThat(plain).isEqualTo(concat(MSG, HEX.parseHex("050402ff000000000000000000001234")));
  }

  @Test
  void serverSealIsTheKnownAnswerAndTheClientOpensIt() {
    SealedMessage m = server().seal(MSG, CONF);
    assertThat(HEX.formatHex(concat(m.header(), m.data()))).isEqualTo(SERVER_KAT);
    assertThat(client().unseal(m.header(), m.data())).isEqualTo(MSG);
  }

  @Test
  void serverOpensTheClientKnownAnswer() {
    byte[] token = HEX.parseHex(CLIENT_KAT);
    assertThat(server().unseal(slice(token, 0, 60), slice(token, 60, token.length))).isEqualTo(MSG);
    // any split of the same bytes is the same token
    assertThat(server().unseal(token, new byte[0])).isEqualTo(MSG);
  }

  @Test
  void acceptsWindowsTokensBuiltWithKerby() throws Exception {
    WrapCodec client = client();
    for (long seq = 7; seq < 10; seq++) {
      byte[] t = kerbyToken(0x03, 0, WrapCodec.RRC, WrapCodec.RRC, seq, MSG);
      assertThat(client.unseal(slice(t, 0, 60), slice(t, 60, t.length))).isEqualTo(MSG);
    }
  }

  @Test
  void acceptsEcSixteenRotatedEitherWay() throws Exception {
    byte[] windows = kerbyToken(0x03, 16, WrapCodec.RRC, WrapCodec.RRC + 16, 1, MSG);
    assertThat(client().unseal(windows, new byte[0])).isEqualTo(MSG);
    byte[] rfc = kerbyToken(0x03, 16, WrapCodec.RRC, WrapCodec.RRC, 1, MSG);
    assertThat(client().unseal(rfc, new byte[0])).isEqualTo(MSG);
  }

  @Test
  void acceptsTheJgssShapeWithRrcZero() throws Exception {
    byte[] t = kerbyToken(0x03, 0, 0, 0, 42, MSG);
    assertThat(client().unseal(slice(t, 0, 16), slice(t, 16, t.length))).isEqualTo(MSG);
  }

  @Test
  void refusesTamperingReplayGapsAndReflection() {
    WrapCodec client = client();
    WrapCodec server = server();
    SealedMessage first = client.seal(MSG);
    SealedMessage second = client.seal(MSG);
    SealedMessage third = client.seal(MSG);

    byte[] data = first.data().clone();
    data[0] ^= 1;
    assertReason(() -> server.unseal(first.header(), data), Reason.TAMPERED);
    byte[] header = first.header().clone();
    header[15] ^= 1; // SND_SEQ: the encrypted copy no longer matches
    assertReason(() -> server.unseal(header, first.data()), Reason.TAMPERED);
    assertReason(() -> client.unseal(first.header(), first.data()), Reason.TAMPERED);

    assertThat(server.unseal(first.header(), first.data())).isEqualTo(MSG);
    assertReason(() -> server.unseal(first.header(), first.data()), Reason.REPLAYED);
    assertReason(() -> server.unseal(third.header(), third.data()), Reason.TAMPERED);
    assertThat(server.unseal(second.header(), second.data())).isEqualTo(MSG);
    assertThat(server.unseal(third.header(), third.data())).isEqualTo(MSG);

    assertReason(() -> server.unseal(new byte[5], new byte[0]), Reason.MALFORMED);
    byte[] unsealed = first.header().clone();
    unsealed[2] = 0;
    assertReason(() -> server.unseal(unsealed, first.data()), Reason.REFUSED);
  }

  @Test
  void manyMessagesBothWaysAndClose() {
    WrapCodec client = client();
    WrapCodec server = server();
    for (int i = 0; i < 200; i++) {
      byte[] msg = new byte[i * 13];
      Arrays.fill(msg, (byte) i);
      SealedMessage up = client.seal(msg);
      assertThat(server.unseal(up.header(), up.data())).isEqualTo(msg);
      SealedMessage down = server.seal(msg);
      assertThat(client.unseal(down.header(), down.data())).isEqualTo(msg);
    }
    client.close();
    client.close();
    assertThatThrownBy(() -> client.seal(MSG)).isInstanceOf(IllegalStateException.class);
  }

  /** A wrap token from the acceptor built with Kerby's encryption (random confounder). */
  private static byte[] kerbyToken(
      int flags, int ec, int rrcField, int rotation, long seq, byte[] p) throws Exception {
    byte[] h0 = WrapCodec.header(flags, ec, 0, seq);
    byte[] filler = new byte[ec];
    Arrays.fill(filler, (byte) 0xff);
    byte[] e =
        EncryptionHandler.encrypt(
                concat(p, filler, h0), new EncryptionKey(18, KEY), KeyUsage.fromValue(22))
            .getCipher();
    int r = rotation % e.length;
    byte[] rotated = concat(slice(e, e.length - r, e.length), slice(e, 0, e.length - r));
    return concat(WrapCodec.header(flags, ec, rrcField, seq), rotated);
  }

  private static void assertReason(Runnable r, Reason reason) {
    assertThatThrownBy(r::run)
        .isInstanceOf(SecurityContextException.class)
        .extracting(e -> ((SecurityContextException) e).reason())
        .isEqualTo(reason);
  }

  static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
