package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Jazzer fuzz test of the envelope parser. A plain {@code mvn test} runs it in regression mode over
 * {@code EnvelopeReaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test -pl wsman
 * -Dtest=EnvelopeReaderFuzzTest} fuzzes for real.
 */
class EnvelopeReaderFuzzTest {
  private static final EnvelopeReader READER =
      new EnvelopeReader(new EnvelopeReader.Limits(64 * 1024, 32, 2_000, 32), true);

  /**
   * Any bytes either parse (and then re-serialise and parse again) or give a WsmanFaultException.
   */
  @FuzzTest(maxDuration = "30s")
  void read(byte @NotNull [] bytes) {
    Envelope e;
    try {
      e = READER.read(bytes);
    } catch (WsmanFaultException expected) {
      assertThat(expected.fault()).isNotNull();
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    try {
      e.fault();
      e.selectors();
      e.options();
    } catch (WsmanFaultException expected) {
      return;
    }
    byte[] again = new EnvelopeWriter().toBytes(e);
    Envelope back =
        new EnvelopeReader(new EnvelopeReader.Limits(1 << 20, 40, 4_000, 64), true).read(again);
    assertThat(back.header()).isEqualTo(e.header());
    assertThat(back.body().children()).isEqualTo(e.body().children());
  }
}
