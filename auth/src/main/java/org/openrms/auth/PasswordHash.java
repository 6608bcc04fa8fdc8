package org.openrms.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash in a self-describing text form: {@code
 * pbkdf2-sha256$<iterations>$<base64 salt>$<base64 derived key>}, written with unpadded standard
 * base64 (padding is accepted when reading). Verification reads the iteration count from the stored
 * text, so the count for new hashes can change without invalidating old ones.
 *
 * <p>Text is {@linkplain #parse(String) well formed} when the scheme is {@value #SCHEME}, the
 * iteration count is decimal digits between 1 and {@value #MAX_ITERATIONS}, the salt is at least
 * {@value #MIN_SALT_BYTES} bytes and the key at least {@value #MIN_KEY_BYTES} bytes. New hashes use
 * a {@value #SALT_BYTES}-byte salt and a {@value #KEY_BYTES}-byte key.
 *
 * <p>Comparisons are constant-time ({@link MessageDigest#isEqual}); {@link #verify(char[], String,
 * int)} costs one derivation even for an unknown user or a malformed stored hash, so that timing
 * does not tell whether an account exists. Password arrays stay the caller's to zero; derived keys
 * are zeroed after use. Instances are immutable and thread-safe.
 */
public final class PasswordHash {
  /** The scheme name that starts the text form. */
  public static final String SCHEME = "pbkdf2-sha256";

  /** The largest iteration count accepted, when hashing or parsing (a bound on verify cost). */
  public static final int MAX_ITERATIONS = 10_000_000;

  /** The salt length of new hashes, in bytes. */
  public static final int SALT_BYTES = 16;

  /** The derived-key length of new hashes, in bytes. */
  public static final int KEY_BYTES = 32;

  /** The shortest salt accepted when parsing, in bytes. */
  public static final int MIN_SALT_BYTES = 8;

  /** The shortest derived key accepted when parsing, in bytes. */
  public static final int MIN_KEY_BYTES = 16;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final byte[] DUMMY_SALT = new byte[SALT_BYTES];

  private final int iterations;
  private final byte[] salt;
  private final byte[] key;

  private PasswordHash(int iterations, byte[] salt, byte[] key) {
    this.iterations = iterations;
    this.salt = salt;
    this.key = key;
  }

  /**
   * Hashes a password with a fresh salt. The caller still owns (and zeroes) {@code password}.
   *
   * @param password the password
   * @param iterations the PBKDF2 iteration count, 1 to {@link #MAX_ITERATIONS}
   * @param random the source of the salt
   * @return the new hash
   * @throws IllegalArgumentException if {@code iterations} is out of range
   */
  public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
    Objects.requireNonNull(password, "password");
    checkIterations(iterations);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations, KEY_BYTES));
  }

  /**
   * Hashes a password with a fresh salt straight to the text form; the same as {@code
   * create(password, iterations, random).format()}, with the derived key zeroed afterwards.
   *
   * @param password the password; the caller still owns (and zeroes) it
   * @param iterations the PBKDF2 iteration count, 1 to {@link #MAX_ITERATIONS}
   * @param random the source of the salt
   * @return the text form, {@code pbkdf2-sha256$<iterations>$<salt>$<key>}
   * @throws IllegalArgumentException if {@code iterations} is out of range
   */
  public static String hash(char[] password, int iterations, SecureRandom random) {
    PasswordHash h = create(password, iterations, random);
    try {
      return h.format();
    } finally {
      Arrays.fill(h.key, (byte) 0);
    }
  }

  /**
   * Reads the text form.
   *
   * @param text the stored hash, or {@code null}
   * @return the hash, or empty if {@code text} is {@code null} or not well formed
   */
  public static Optional<PasswordHash> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.split("\\$", -1);
    if (parts.length != 4 || !SCHEME.equals(parts[0]) || !digits(parts[1])) {
      return Optional.empty();
    }
    try {
      int rounds = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] key = Base64.getDecoder().decode(parts[3]);
      if (rounds < 1
          || rounds > MAX_ITERATIONS
          || salt.length < MIN_SALT_BYTES
          || key.length < MIN_KEY_BYTES) {
        return Optional.empty();
      }
      return Optional.of(new PasswordHash(rounds, salt, key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code text} is a well-formed stored hash ({@link #parse(String)} would succeed).
   *
   * @param text the stored hash, or {@code null}
   * @return true if it parses
   */
  public static boolean isWellFormed(String text) {
    return parse(text).isPresent();
  }

  /**
   * The text form, {@code pbkdf2-sha256$<iterations>$<salt>$<key>} in unpadded base64; for text
   * this class wrote, the same string {@link #parse(String)} read.
   *
   * @return the text to store
   */
  public String format() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(key);
  }

  /**
   * The PBKDF2 iteration count of this hash.
   *
   * @return the count, 1 to {@link #MAX_ITERATIONS}
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Whether {@code password} matches this hash, compared in constant time. The caller still owns
   * (and zeroes) {@code password}.
   *
   * @param password the candidate password
   * @return true if it derives to the stored key
   */
  public boolean matches(char[] password) {
    Objects.requireNonNull(password, "password");
    byte[] actual = derive(password, salt, iterations, key.length);
    try {
      return MessageDigest.isEqual(actual, key);
    } finally {
      Arrays.fill(actual, (byte) 0);
    }
  }

  /**
   * Checks a password against stored text. A {@code null} {@code stored} (unknown user) or a
   * malformed one still costs one derivation, with {@code dummyIterations} rounds (see {@link
   * #dummyVerify(char[], int)}), and answers false, so that timing does not tell whether the
   * account exists.
   *
   * @param password the candidate password; the caller still owns (and zeroes) it
   * @param stored the stored hash, or {@code null} for an unknown user
   * @param dummyIterations the rounds of the dummy derivation: the count new hashes use
   * @return true only if {@code stored} is well formed and {@code password} matches it
   * @throws IllegalArgumentException if {@code dummyIterations} is out of range
   */
  public static boolean verify(char[] password, String stored, int dummyIterations) {
    Objects.requireNonNull(password, "password");
    checkIterations(dummyIterations);
    Optional<PasswordHash> parsed = parse(stored);
    if (parsed.isEmpty()) {
      dummyVerify(password, dummyIterations);
      return false;
    }
    return parsed.get().matches(password);
  }

  /**
   * Spends the time of one verification without a stored hash (for example for an unknown user),
   * deriving a {@value #KEY_BYTES}-byte key from {@code password} and discarding it.
   *
   * @param password the candidate password; the caller still owns (and zeroes) it
   * @param iterations the rounds to spend: the count new hashes use
   * @return always false
   * @throws IllegalArgumentException if {@code iterations} is out of range
   */
  public static boolean dummyVerify(char[] password, int iterations) {
    Objects.requireNonNull(password, "password");
    checkIterations(iterations);
    Arrays.fill(derive(password, DUMMY_SALT, iterations, KEY_BYTES), (byte) 0);
    return false;
  }

  /** The scheme and iteration count; never the salt or key. */
  @Override
  public String toString() {
    return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
  }

  private static void checkIterations(int iterations) {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "PBKDF2 iterations must be between 1 and " + MAX_ITERATIONS + ": " + iterations);
    }
  }

  private static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static byte[] derive(char[] password, byte[] salt, int rounds, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, rounds, bytes * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
