package org.openrms.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.List;

/**
 * Jazzer fuzz tests of the parsers that read data a server or a store file supplies. A plain {@code
 * mvn test} runs them in regression mode over the inputs in {@code ParserFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1 mvn test -pl core -Dtest=ParserFuzzTest#pemChain} fuzzes for real.
 */
class ParserFuzzTest {

  /** Any text either decodes to certificates or fails with IllegalArgumentException. */
  @FuzzTest(maxDuration = "30s")
  void pemChain(@NotNull String text) {
    try {
      List<?> chain = Pem.decodeChain(text);
      assertThat(chain).isNotEmpty();
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /** Any bytes either decode as a wrapped UTF8String or fail with IllegalArgumentException. */
  @FuzzTest(maxDuration = "30s")
  void wrappedUtf8Extension(byte @NotNull [] der) {
    try {
      String value = CertificateExtensions.decodeWrappedUtf8(der, "1.2.3");
      assertThat(value).isNotNull();
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).contains("1.2.3");
    }
  }
}
