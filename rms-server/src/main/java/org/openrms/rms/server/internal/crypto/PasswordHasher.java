package org.openrms.rms.server.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes in a self-describing text form: {@code
 * pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}. Verification reads the iteration count
 * from the stored text, so the count for new hashes can change without invalidating old ones.
 */
public final class PasswordHasher {
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final SecureRandom random;
  private final String dummyHash;

  /** A hasher that creates new hashes with {@code iterations} rounds. */
  public PasswordHasher(int iterations, SecureRandom random) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
    this.random = random;
    this.dummyHash = hash("not a real password".toCharArray());
  }

  /** Hashes a password with a fresh salt; the caller still owns (and zeroes) the array. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] dk = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String out =
        SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
    Arrays.fill(dk, (byte) 0);
    return out;
  }

  /**
   * Checks a password against a stored hash in constant time. A {@code null} stored hash (unknown
   * user) still costs one derivation, against a dummy hash, so that timing does not reveal whether
   * the account exists; the answer is then always {@code false}.
   */
  public boolean verify(char[] password, String stored) {
    boolean known = stored != null;
    String[] parts = (known ? stored : dummyHash).split("\\$", -1);
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      derive(password, new byte[SALT_BYTES], iterations);
      return false;
    }
    int rounds;
    byte[] salt;
    byte[] expected;
    try {
      rounds = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      derive(password, new byte[SALT_BYTES], iterations);
      return false;
    }
    if (rounds < 1 || expected.length == 0) {
      return false;
    }
    byte[] actual = derive(password, salt, rounds, expected.length * 8);
    boolean same = MessageDigest.isEqual(actual, expected);
    Arrays.fill(actual, (byte) 0);
    return known && same;
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds) {
    return derive(password, salt, rounds, HASH_BITS);
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
