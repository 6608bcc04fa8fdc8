package org.openrms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EcP256Test {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BigInteger P =
      new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final BigInteger N =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  private static KeyPair other(String algorithm, Object spec) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (spec instanceof Integer bits) {
      g.initialize(bits);
    } else {
      g.initialize(new ECGenParameterSpec((String) spec));
    }
    return g.generateKeyPair();
  }

  @Test
  void paramsAreTheP256Curve() {
    assertThat(((ECFieldFp) EcP256.params().getCurve().getField()).getP()).isEqualTo(P);
    assertThat(EcP256.params().getOrder()).isEqualTo(N);
    assertThat(EcP256.params().getCofactor()).isEqualTo(1);
    assertThat(EcP256.params()).isSameAs(EcP256.params());
  }

  @Test
  void generateGivesDistinctP256KeyPairs() {
    KeyPair a = EcP256.generate(RANDOM);
    KeyPair b = EcP256.generate(RANDOM);
    assertThat(a.getPublic().getAlgorithm()).isEqualTo("EC");
    assertThat(a.getPrivate().getAlgorithm()).isEqualTo("EC");
    assertThat(EcP256.isP256(a.getPublic())).isTrue();
    assertThat(EcP256.isP256(b.getPublic())).isTrue();
    assertThat(a.getPublic()).isNotEqualTo(b.getPublic());
  }

  @Test
  void parsePublicKeyRoundTripsAnSpki() {
    KeyPair pair = EcP256.generate(RANDOM);
    ECPublicKey parsed = EcP256.parsePublicKey(pair.getPublic().getEncoded());
    assertThat(parsed).isEqualTo(pair.getPublic());
    assertThat(EcP256.isP256(parsed)).isTrue();
  }

  @Test
  void parsePublicKeyRefusesGarbageOtherCurvesAndOtherAlgorithms() throws Exception {
    for (byte[] garbage : new byte[][] {new byte[0], {1, 2, 3}, null}) {
      assertThatThrownBy(() -> EcP256.parsePublicKey(garbage))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the public key is not a valid EC SubjectPublicKeyInfo");
    }
    byte[] rsa = other("RSA", 2048).getPublic().getEncoded();
    assertThatThrownBy(() -> EcP256.parsePublicKey(rsa))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the public key is not a valid EC SubjectPublicKeyInfo");
    byte[] p384 = other("EC", "secp384r1").getPublic().getEncoded();
    assertThatThrownBy(() -> EcP256.parsePublicKey(p384))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the public key is not on curve P-256");
  }

  @Test
  void isP256IsFalseForNullOtherCurvesAndOtherAlgorithms() throws Exception {
    assertThat(EcP256.isP256(null)).isFalse();
    assertThat(EcP256.isP256(other("EC", "secp384r1").getPublic())).isFalse();
    assertThat(EcP256.isP256(other("RSA", 2048).getPublic())).isFalse();
    assertThat(EcP256.isP256(other("EC", "secp256r1").getPublic())).isTrue();
  }

  @Test
  void keyIdIsLowercaseHexSha256OfTheSpki() throws Exception {
    KeyPair pair = EcP256.generate(RANDOM);
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
    String id = EcP256.keyId(pair.getPublic());
    assertThat(id).isEqualTo(expected).matches("[0-9a-f]{64}");
    assertThat(EcP256.keyId(EcP256.parsePublicKey(pair.getPublic().getEncoded()))).isEqualTo(id);
    assertThat(EcP256.keyId(EcP256.generate(RANDOM).getPublic())).isNotEqualTo(id);
  }

  @Test
  void publicKeyFromCoordinatesOfAPointOnTheCurve() throws Exception {
    ECPublicKey key = (ECPublicKey) EcP256.generate(RANDOM).getPublic();
    ECPoint w = key.getW();
    ECPublicKey rebuilt = EcP256.publicKey(w.getAffineX(), w.getAffineY());
    assertThat(rebuilt).isEqualTo(key);
    assertThat(EcP256.isP256(rebuilt)).isTrue();
  }

  @Test
  void publicKeyRefusesPointsOffTheCurveAndCoordinatesOutOfRange() {
    ECPoint w = ((ECPublicKey) EcP256.generate(RANDOM).getPublic()).getW();
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    assertThatThrownBy(() -> EcP256.publicKey(x, y.add(BigInteger.ONE).mod(P)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("the point is not on the P-256 curve");
    BigInteger[][] outOfRange = {
      {x.negate(), y}, {x, BigInteger.ONE.negate()}, {x.add(P), y}, {x, y.add(P)}, {P, y}
    };
    for (BigInteger[] c : outOfRange) {
      assertThatThrownBy(() -> EcP256.publicKey(c[0], c[1]))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessage("the point coordinates are out of range");
    }
  }
}
