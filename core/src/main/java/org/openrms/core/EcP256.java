package org.openrms.core;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * EC P-256 (secp256r1) key helpers on the JDK providers only: the curve's parameters, key
 * generation, SubjectPublicKeyInfo parsing with a curve check, the SHA-256 key id, and public keys
 * from affine coordinates. Shared by the client SDK and the rights server.
 */
public final class EcP256 {
  private static final ECParameterSpec PARAMS = lookupParams();

  private EcP256() {}

  /**
   * The P-256 domain parameters as the JDK's EC provider knows them.
   *
   * @return the shared (immutable) parameter spec
   */
  public static ECParameterSpec params() {
    return PARAMS;
  }

  /**
   * A fresh P-256 key pair.
   *
   * @param random the source of randomness for the private key
   * @return the new key pair
   * @throws IllegalStateException if the JDK has no EC P-256 key pair generator
   */
  public static KeyPair generate(SecureRandom random) {
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
   * @param spki the DER-encoded SubjectPublicKeyInfo
   * @return the public key
   * @throws IllegalArgumentException if the bytes are not an EC SubjectPublicKeyInfo, or the key is
   *     on another curve
   */
  public static ECPublicKey parsePublicKey(byte[] spki) {
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

  /**
   * Whether a key is an EC public key on P-256 (same curve, generator, order and cofactor).
   *
   * @param key any public key, or {@code null}
   * @return {@code true} if it is an EC public key on P-256
   */
  public static boolean isP256(PublicKey key) {
    if (!(key instanceof ECPublicKey)) {
      return false;
    }
    ECParameterSpec p = ((ECPublicKey) key).getParams();
    return p.getCurve().equals(PARAMS.getCurve())
        && p.getGenerator().equals(PARAMS.getGenerator())
        && p.getOrder().equals(PARAMS.getOrder())
        && p.getCofactor() == PARAMS.getCofactor();
  }

  /**
   * The key id: lowercase hex SHA-256 of the key's encoded form (for a public key, its
   * SubjectPublicKeyInfo).
   *
   * @param key the key
   * @return 64 lowercase hex digits
   * @throws IllegalStateException if the JDK has no SHA-256
   */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * A P-256 public key from affine coordinates, after checking that the point is on the curve.
   *
   * @param x the x coordinate
   * @param y the y coordinate
   * @return the public key
   * @throws GeneralSecurityException if a coordinate is outside {@code [0, p)} or the point is not
   *     on the curve
   */
  public static ECPublicKey publicKey(BigInteger x, BigInteger y) throws GeneralSecurityException {
    EllipticCurve curve = PARAMS.getCurve();
    BigInteger p = ((ECFieldFp) curve.getField()).getP();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new GeneralSecurityException("the point coordinates are out of range");
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
    if (!left.equals(right)) {
      throw new GeneralSecurityException("the point is not on the P-256 curve");
    }
    return (ECPublicKey)
        KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS));
  }

  private static ECParameterSpec lookupParams() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }
}
