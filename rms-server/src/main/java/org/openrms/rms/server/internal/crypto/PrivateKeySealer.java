package org.openrms.rms.server.internal.crypto;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Seals a private key to a recipient's EC public key as a JWE compact serialization: {@code
 * alg=ECDH-ES}, {@code enc=A256GCM}, payload the PKCS#8 DER of the key (RFC 7518 §4.6).
 */
public final class PrivateKeySealer {
  private PrivateKeySealer() {}

  /** Seals {@code key} to {@code recipient}; the PKCS#8 copy is zeroed afterwards. */
  public static String seal(PrivateKey key, ECPublicKey recipient) {
    byte[] pkcs8 = key.getEncoded();
    try {
      JWEObject jwe =
          new JWEObject(
              new JWEHeader(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM), new Payload(pkcs8));
      jwe.encrypt(new ECDHEncrypter(recipient));
      return jwe.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot seal the private key", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }
}
