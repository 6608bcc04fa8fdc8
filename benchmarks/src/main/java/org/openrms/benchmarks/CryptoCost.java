package org.openrms.benchmarks;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The cost of the cryptography an activation does, measured alone: P-256 key generation, ECDSA
 * signatures, sealing a private key with JWE ECDH-ES/A256GCM, and one PBKDF2 password check.
 */
final class CryptoCost {
  private CryptoCost() {}

  interface Op {
    void run() throws Exception;
  }

  static void report(int hashIterations, Duration each) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair signer = kpg.generateKeyPair();
    KeyPair machine = kpg.generateKeyPair();
    byte[] tbs = new byte[512];
    byte[] pkcs8 = kpg.generateKeyPair().getPrivate().getEncoded();
    System.out.println("crypto alone (one thread):");
    rate("  EC P-256 key pairs", each, kpg::generateKeyPair);
    rate(
        "  ECDSA P-256 signatures",
        each,
        () -> {
          Signature s = Signature.getInstance("SHA256withECDSA");
          s.initSign(signer.getPrivate());
          s.update(tbs);
          s.sign();
        });
    rate(
        "  JWE ECDH-ES+A256GCM key seals",
        each,
        () -> {
          JWEObject jwe =
              new JWEObject(
                  new JWEHeader(JWEAlgorithm.ECDH_ES, EncryptionMethod.A256GCM),
                  new Payload(pkcs8));
          jwe.encrypt(new ECDHEncrypter((ECPublicKey) machine.getPublic()));
          jwe.serialize();
        });
    SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] salt = new byte[16];
    rate(
        "  PBKDF2-SHA256 password checks (" + hashIterations + " iterations)",
        each,
        () -> pbkdf2.generateSecret(new PBEKeySpec("pw".toCharArray(), salt, hashIterations, 256)));
  }

  private static void rate(String name, Duration budget, Op op) throws Exception {
    for (int i = 0; i < 3; i++) {
      op.run();
    }
    long end = System.nanoTime() + budget.toNanos();
    long start = System.nanoTime();
    int n = 0;
    while (System.nanoTime() < end || n == 0) {
      op.run();
      n++;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("%-60s %10.1f/s%n", name, n / secs);
  }
}
