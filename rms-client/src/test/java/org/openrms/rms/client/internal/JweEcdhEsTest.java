package org.openrms.rms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The JWE ECDH-ES + A256GCM opener. Interoperability with a third-party implementation is proven by
 * the activation tests (the server seals with Nimbus JOSE); here the failure paths.
 */
class JweEcdhEsTest {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** Seals like a JWE producer would (for the tests). */
  static String seal(byte[] payload, ECPublicKey recipient, String headerOverride, BigInteger epkX)
      throws Exception {
    KeyPair eph = EcKeys.generate();
    ECPublicKey epk = (ECPublicKey) eph.getPublic();
    BigInteger x = epkX != null ? epkX : epk.getW().getAffineX();
    String header =
        headerOverride != null
            ? headerOverride
            : "{\"alg\":\"ECDH-ES\",\"enc\":\"A256GCM\",\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
                + B64.encodeToString(fixed(x))
                + "\",\"y\":\""
                + B64.encodeToString(fixed(epk.getW().getAffineY()))
                + "\"}}";
    String protectedHeader = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8));
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(eph.getPrivate());
    ka.doPhase(recipient, true);
    byte[] cek = JweEcdhEs.concatKdf(ka.generateSecret(), "A256GCM", new byte[0], new byte[0], 256);
    byte[] iv = new byte[12];
    new java.security.SecureRandom().nextBytes(iv);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
    gcm.updateAAD(protectedHeader.getBytes(StandardCharsets.US_ASCII));
    byte[] out = gcm.doFinal(payload);
    byte[] ct = Arrays.copyOf(out, out.length - 16);
    byte[] tag = Arrays.copyOfRange(out, out.length - 16, out.length);
    return protectedHeader
        + ".."
        + B64.encodeToString(iv)
        + "."
        + B64.encodeToString(ct)
        + "."
        + B64.encodeToString(tag);
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  @Test
  void opensWhatWasSealedToTheKey() throws Exception {
    KeyPair me = EcKeys.generate();
    byte[] secret = "the RAC private key".getBytes(StandardCharsets.UTF_8);
    String jwe = seal(secret, (ECPublicKey) me.getPublic(), null, null);
    assertThat(JweEcdhEs.decrypt(jwe, me.getPrivate())).isEqualTo(secret);
  }

  @Test
  void anotherKeyCannotOpenIt() throws Exception {
    KeyPair me = EcKeys.generate();
    KeyPair other = EcKeys.generate();
    String jwe = seal(new byte[] {1, 2, 3}, (ECPublicKey) me.getPublic(), null, null);
    assertThatThrownBy(() -> JweEcdhEs.decrypt(jwe, other.getPrivate()))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void aTamperedCiphertextOrHeaderIsRejected() throws Exception {
    KeyPair me = EcKeys.generate();
    String jwe = seal(new byte[] {1, 2, 3, 4}, (ECPublicKey) me.getPublic(), null, null);
    String[] p = jwe.split("\\.", -1);
    byte[] ct = Base64.getUrlDecoder().decode(p[3]);
    ct[0] ^= 1;
    String tampered = p[0] + ".." + p[2] + "." + B64.encodeToString(ct) + "." + p[4];
    assertThatThrownBy(() -> JweEcdhEs.decrypt(tampered, me.getPrivate()))
        .isInstanceOf(GeneralSecurityException.class);
    String withKey = p[0] + ".AAAA." + p[2] + "." + p[3] + "." + p[4];
    assertThatThrownBy(() -> JweEcdhEs.decrypt(withKey, me.getPrivate()))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> JweEcdhEs.decrypt("a.b.c", me.getPrivate()))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> JweEcdhEs.decrypt(null, me.getPrivate()))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void anEphemeralKeyOffTheCurveIsRejected() throws Exception {
    KeyPair me = EcKeys.generate();
    String jwe =
        seal(new byte[] {1}, (ECPublicKey) me.getPublic(), null, BigInteger.valueOf(12345));
    assertThatThrownBy(() -> JweEcdhEs.decrypt(jwe, me.getPrivate()))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("curve");
  }

  @Test
  void otherAlgorithmsAreRejected() throws Exception {
    KeyPair me = EcKeys.generate();
    for (String header :
        new String[] {
          "{\"alg\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\"}",
          "{\"alg\":\"ECDH-ES\",\"enc\":\"A128CBC-HS256\"}",
          "{\"alg\":\"ECDH-ES\",\"enc\":\"A256GCM\",\"zip\":\"DEF\"}",
          "[1,2]",
          "not json"
        }) {
      String jwe = seal(new byte[] {1}, (ECPublicKey) me.getPublic(), header, null);
      assertThatThrownBy(() -> JweEcdhEs.decrypt(jwe, me.getPrivate()))
          .as(header)
          .isInstanceOf(GeneralSecurityException.class);
    }
  }
}
