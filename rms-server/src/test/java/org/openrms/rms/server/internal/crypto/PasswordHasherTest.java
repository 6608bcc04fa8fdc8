package org.openrms.rms.server.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1_000, new SecureRandom());

  @Test
  void hashIsSelfDescribingAndSalted() {
    String a = hasher.hash("pw".toCharArray());
    String b = hasher.hash("pw".toCharArray());
    assertThat(a).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(a).isNotEqualTo(b);
    assertThat(hasher.verify("pw".toCharArray(), a)).isTrue();
    assertThat(hasher.verify("pw".toCharArray(), b)).isTrue();
    assertThat(hasher.verify("pW".toCharArray(), a)).isFalse();
  }

  @Test
  void verifiesHashesMadeWithAnotherIterationCount() {
    String old = new PasswordHasher(1_500, new SecureRandom()).hash("pw".toCharArray());
    assertThat(hasher.verify("pw".toCharArray(), old)).isTrue();
  }

  @Test
  void unknownUserAndCorruptHashesNeverVerify() {
    assertThat(hasher.verify("not a real password".toCharArray(), null)).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), "garbage")).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), "pbkdf2-sha256$1000$%%%$AAAA")).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), "md5$1$AAAA$AAAA")).isFalse();
  }
}
