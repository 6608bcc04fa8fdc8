package org.openrms.wsman.server.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 hashes as {@code pbkdf2-sha256$<iterations>$<salt>$<key>} (unpadded
 * base64). Verification reads the iteration count from the stored text, so the count for new hashes
 * can rise without invalidating old ones.
 */
public final class PasswordHashes {
  /** Rounds for new hashes (OWASP 2023 suggests 600 000; WinRM Basic checks every request). */
  public static final int ITERATIONS = 210_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BYTES = 32;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final byte[] DUMMY_SALT = new byte[SALT_BYTES];

  private PasswordHashes() {}

  /** A new hash of {@code password} with a fresh salt. */
  public static String hash(char[] password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] key = derive(password, salt, ITERATIONS, KEY_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    String out =
        SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    Arrays.fill(key, (byte) 0);
    return out;
  }

  /** Whether {@code stored} has the shape this class writes. */
  public static boolean wellFormed(String stored) {
    return parse(stored) != null;
  }

  /**
   * Checks {@code password} against {@code stored} in constant time. A null or malformed {@code
   * stored} still costs a derivation and answers false.
   */
  public static boolean verify(char[] password, String stored) {
    Parsed p = parse(stored);
    if (p == null) {
      Arrays.fill(derive(password, DUMMY_SALT, ITERATIONS, KEY_BYTES), (byte) 0);
      return false;
    }
    byte[] actual = derive(password, p.salt, p.iterations, p.key.length);
    boolean same = MessageDigest.isEqual(actual, p.key);
    Arrays.fill(actual, (byte) 0);
    return same;
  }

  private record Parsed(int iterations, byte[] salt, byte[] key) {}

  private static Parsed parse(String stored) {
    if (stored == null) {
      return null;
    }
    String[] parts = stored.split("\\$", -1);
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return null;
    }
    try {
      int rounds = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] key = Base64.getDecoder().decode(parts[3]);
      if (rounds < 1 || rounds > MAX_ITERATIONS || salt.length < 8 || key.length < 16) {
        return null;
      }
      return new Parsed(rounds, salt, key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, bytes * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
