package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Jazzer fuzz test of the encrypted message decoder. A plain {@code mvn test} runs it in regression
 * mode over {@code EncryptedMessageFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test -pl wsman
 * -Dtest=EncryptedMessageFuzzTest} fuzzes for real.
 */
class EncryptedMessageFuzzTest {
  private static final String CT =
      "multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";"
          + "boundary=\"Encrypted Boundary\"";
  private static final int MAX = 64 * 1024;

  /**
   * Any body either decodes into bounded parts that re-encode and decode the same, or is refused.
   */
  @FuzzTest(maxDuration = "30s")
  void decode(byte @NotNull [] body) {
    EncryptedMessage m;
    try {
      m = EncryptedMessage.decode(CT, body, MAX);
    } catch (EncryptedMessageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(m.sealed().header().length).isBetween(1, EncryptedMessage.MAX_HEADER_LENGTH);
    assertThat(m.sealed().header().length + m.sealed().data().length).isLessThan(body.length);
    assertThat(m.originalLength()).isBetween(0, MAX);
    EncryptedMessage again = EncryptedMessage.decode(m.contentType(), m.encode(), MAX);
    assertThat(again.sealed().header()).isEqualTo(m.sealed().header());
    assertThat(again.sealed().data()).isEqualTo(m.sealed().data());
    assertThat(again.originalLength()).isEqualTo(m.originalLength());
  }
}
