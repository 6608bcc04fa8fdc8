package org.openrms.rms.client.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import org.openrms.core.EcP256;

/**
 * The client's EC key helpers on the JDK providers only: key generation from the client's {@link
 * SecureRandom}, PKCS#8 private keys and the key-pair check. The curve itself is {@link EcP256}.
 */
final class EcKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private EcKeys() {}

  /** A fresh P-256 key pair from the client's {@link SecureRandom}. */
  static KeyPair generate() {
    return EcP256.generate(RANDOM);
  }

  /** Parses a PKCS#8 EC private key; does not keep or change the bytes. */
  static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  /** Whether a private key belongs to a public key (sign a random challenge and verify it). */
  static boolean matches(PrivateKey priv, PublicKey pub) {
    try {
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(priv);
      s.update(challenge);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(pub);
      v.update(challenge);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
