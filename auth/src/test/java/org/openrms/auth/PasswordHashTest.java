package org.openrms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The password hash. The first three tests came from rms-server's {@code PasswordHasherTest}; the
 * bounds are the wsman-server ones, now shared.
 */
class PasswordHashTest {
  private static final int ITERATIONS = 1_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** PBKDF2-HMAC-SHA256("password", "saltsaltsaltsalt", 1000 rounds, 32 bytes), unpadded base64. */
  private static final String FIXED_KEY = "8nX7hwFEzIB8aPajJTYK8weHQc5Ngz0pFVAKvSu4jQA";

  private static String hash(String password, int iterations) {
    return PasswordHash.hash(password.toCharArray(), iterations, RANDOM);
  }

  private static boolean verify(String password, String stored) {
    return PasswordHash.verify(password.toCharArray(), stored, ITERATIONS);
  }

  @Test
  void hashIsSelfDescribingAndSalted() {
    String a = hash("pw", ITERATIONS);
    String b = hash("pw", ITERATIONS);
    assertThat(a).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(a).isNotEqualTo(b);
    assertThat(verify("pw", a)).isTrue();
    assertThat(verify("pw", b)).isTrue();
    assertThat(verify("pW", a)).isFalse();
  }

  @Test
  void verifiesHashesMadeWithAnotherIterationCount() {
    String old = hash("pw", 1_500);
    assertThat(verify("pw", old)).isTrue();
    assertThat(PasswordHash.parse(old).orElseThrow().iterations()).isEqualTo(1_500);
  }

  @Test
  void unknownUserAndCorruptHashesNeverVerify() {
    assertThat(verify("not a real password", null)).isFalse();
    assertThat(verify("pw", "garbage")).isFalse();
    assertThat(verify("pw", "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
    assertThat(verify("pw", "pbkdf2-sha256$1000$%%%$AAAA")).isFalse();
    assertThat(verify("pw", "md5$1$AAAA$AAAA")).isFalse();
  }

  @Test
  void storedStringsReadBackUnchanged() {
    String stored = hash("pw", ITERATIONS);
    PasswordHash parsed = PasswordHash.parse(stored).orElseThrow();
    assertThat(parsed.format()).isEqualTo(stored);
    assertThat(parsed.matches("pw".toCharArray())).isTrue();
    assertThat(parsed.matches("pw ".toCharArray())).isFalse();
    assertThat(parsed.toString()).contains("1000").doesNotContain(stored.split("\\$")[3]);
  }

  @Test
  void aFixedVectorFromBeforeTheMergeStillVerifies() {
    // In the format both former implementations wrote; and the same with base64 padding, which
    // both also read.
    String salt =
        Base64.getEncoder()
            .withoutPadding()
            .encodeToString("saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII));
    String stored = "pbkdf2-sha256$1000$" + salt + "$" + FIXED_KEY;
    assertThat(PasswordHash.isWellFormed(stored)).isTrue();
    assertThat(verify("password", stored)).isTrue();
    assertThat(verify("passwore", stored)).isFalse();
    assertThat(PasswordHash.parse(stored).orElseThrow().format()).isEqualTo(stored);
    assertThat(verify("password", "pbkdf2-sha256$1000$" + salt + "==$" + FIXED_KEY + "=")).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "garbage",
        "pbkdf2-sha256$1$bad",
        "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pbkdf2-sha256$-1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pbkdf2-sha256$+1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pbkdf2-sha256$10000001$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pbkdf2-sha256$99999999999$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pbkdf2-sha256$1000$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // empty salt
        "pbkdf2-sha256$1000$AAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 7-byte salt
        "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$", // empty key
        "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAA", // 15-byte key
        "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$",
        "PBKDF2-SHA256$1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      })
  void malformedTextDoesNotParseAndNeverVerifies(String stored) {
    assertThat(PasswordHash.parse(stored)).isEmpty();
    assertThat(PasswordHash.isWellFormed(stored)).isFalse();
    assertThat(verify("", stored)).isFalse();
  }

  @Test
  void theSmallestAcceptedShapesParse() {
    assertThat(
            PasswordHash.isWellFormed(
                "pbkdf2-sha256$10000000$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")) // 8-byte salt,
        // 16-byte key
        .isTrue();
  }

  @Test
  void iterationCountsOutOfRangeAreRefused() {
    char[] pw = "pw".toCharArray();
    assertThatThrownBy(() -> PasswordHash.create(pw, 0, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.hash(pw, PasswordHash.MAX_ITERATIONS + 1, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.verify(pw, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.dummyVerify(pw, -5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCallerKeepsAndZeroesThePassword() {
    char[] pw = "pw".toCharArray();
    String stored = PasswordHash.hash(pw, ITERATIONS, RANDOM);
    assertThat(pw).containsExactly('p', 'w');
    assertThat(PasswordHash.verify(pw, stored, ITERATIONS)).isTrue();
    assertThat(pw).containsExactly('p', 'w');
    assertThat(PasswordHash.dummyVerify(pw, ITERATIONS)).isFalse();
    assertThat(pw).containsExactly('p', 'w');
  }

  @Test
  void anEmptyPasswordHashesAndVerifies() {
    String stored = hash("", ITERATIONS);
    assertThat(verify("", stored)).isTrue();
    assertThat(verify("x", stored)).isFalse();
  }
}
