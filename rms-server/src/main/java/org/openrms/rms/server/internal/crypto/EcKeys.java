package org.openrms.rms.server.internal.crypto;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** EC P-256 key helpers on the JDK providers. */
public final class EcKeys {
  private static final ECParameterSpec P256 = p256();

  private EcKeys() {}

  /** A fresh P-256 key pair. */
  public static KeyPair generateP256(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }

  /**
   * Parses an X.509 SubjectPublicKeyInfo and checks that it is an EC key on P-256.
   *
   * @throws IllegalArgumentException if it is not
   */
  public static ECPublicKey parseP256(byte[] spki) {
    PublicKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the public key is not a valid EC SubjectPublicKeyInfo");
    }
    if (!isP256(key)) {
      throw new IllegalArgumentException("the public key is not on curve P-256");
    }
    return (ECPublicKey) key;
  }

  /** {@code true} if the key is an EC public key on P-256. */
  public static boolean isP256(PublicKey key) {
    if (!(key instanceof ECPublicKey)) {
      return false;
    }
    ECParameterSpec p = ((ECPublicKey) key).getParams();
    return p.getCurve().equals(P256.getCurve())
        && p.getGenerator().equals(P256.getGenerator())
        && p.getOrder().equals(P256.getOrder())
        && p.getCofactor() == P256.getCofactor();
  }

  /** Lowercase hex SHA-256 of the key's encoded form. */
  public static String sha256Hex(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }
}
