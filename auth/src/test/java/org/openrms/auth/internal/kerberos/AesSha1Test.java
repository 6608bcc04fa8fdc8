package org.openrms.auth.internal.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrms.auth.SecurityContextException;

/** RFC 3961 n-fold vectors and a cross-check of DK + AES-CTS + HMAC against Kerby's crypto. */
class AesSha1Test {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @CsvSource({
    "012345, 64, be072631276b1955",
    "password, 56, 78a07b6caf85fa",
    "'Rough Consensus, and Running Code', 64, bb6ed30870b7f0e0",
    "password, 168, 59e4a8ca7c0385c3c37b3f6d2000247cb6e6bd5b3e",
    "MASSACHVSETTS INSTITVTE OF TECHNOLOGY, 192,"
        + " db3b0d8f0b061e603282b308a50841229ad798fab9540c1b",
    "Q, 168, 518a54a215a8452a518a54a215a8452a518a54a215",
    "ba, 168, fb25d531ae8974499f52fd92ea9857c4ba24cf297e",
    "kerberos, 64, 6b65726265726f73",
    "kerberos, 128, 6b65726265726f737b9b5b2b93132b93",
    "kerberos, 168, 8372c236344e5f1550cd0747e15d62ca7a5a3bcea4",
    "kerberos, 256, 6b65726265726f737b9b5b2b93132b935c9bdcdad95c9899c4cae4dee6d6cae4"
  })
  void nfoldMatchesRfc3961(String input, int bits, String expected) {
    byte[] out = AesSha1.nfold(input.getBytes(StandardCharsets.US_ASCII), bits / 8);
    assertThat(HEX.formatHex(out)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {AesSha1.AES128, AesSha1.AES256})
  void ourEncryptionDecryptsWithKerby(int etype) throws Exception {
    byte[] key = key(etype);
    byte[] msg = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    for (int usage : new int[] {22, 24}) {
      byte[] ke = AesSha1.derive(key, usage, 0xaa);
      byte[] ki = AesSha1.derive(key, usage, 0x55);
      byte[] ct = AesSha1.encrypt(ke, ki, new byte[16], msg);
      byte[] back =
          EncryptionHandler.decrypt(ct, new EncryptionKey(etype, key), KeyUsage.fromValue(usage));
      assertThat(back).isEqualTo(msg);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {AesSha1.AES128, AesSha1.AES256})
  void kerbyEncryptionDecryptsWithOurs(int etype) throws Exception {
    byte[] key = key(etype);
    for (int len : new int[] {0, 1, 15, 16, 17, 31, 32, 100}) {
      byte[] msg = new byte[len];
      for (int i = 0; i < len; i++) {
        msg[i] = (byte) (i * 7);
      }
      byte[] ct =
          EncryptionHandler.encrypt(msg, new EncryptionKey(etype, key), KeyUsage.fromValue(24))
              .getCipher();
      byte[] ke = AesSha1.derive(key, 24, 0xaa);
      byte[] ki = AesSha1.derive(key, 24, 0x55);
      assertThat(AesSha1.decrypt(ke, ki, ct)).isEqualTo(msg);
      ct[ct.length / 2] ^= 1;
      assertThatThrownBy(() -> AesSha1.decrypt(ke, ki, ct))
          .isInstanceOf(SecurityContextException.class)
          .extracting(e -> ((SecurityContextException) e).reason())
          .isEqualTo(SecurityContextException.Reason.TAMPERED);
    }
  }

  static byte[] key(int etype) {
    byte[] key = new byte[etype == AesSha1.AES128 ? 16 : 32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    return key;
  }
}
