package org.openrms.auth.internal.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.Map;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * Jazzer fuzz tests of the NTLM message parser and of the acceptor fed a hostile AUTHENTICATE. A
 * plain {@code mvn test} runs them in regression mode over {@code NtlmMessageFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 mvn test -pl auth -Dtest=NtlmMessageFuzzTest#parse} fuzzes for real.
 */
class NtlmMessageFuzzTest {
  private static final NtlmAccountStore STORE =
      NtlmAccountStore.of(Map.of("User", NtlmCrypto.ntHash("Password".toCharArray())));
  private static final byte[] NEGOTIATE = NtlmMessages.encodeNegotiate(NtlmFlags.INITIATOR);

  /** Any bytes either parse as one of the three messages or fail as MALFORMED, nothing else. */
  @FuzzTest(maxDuration = "30s")
  void parse(byte @NotNull [] bytes) {
    try {
      assertThat(NtlmMessages.parse(bytes)).isNotNull();
    } catch (SecurityContextException e) {
      assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /**
   * An acceptor given any bytes as the AUTHENTICATE refuses with a SecurityContextException (never
   * another exception) and is not established.
   */
  @FuzzTest(maxDuration = "30s")
  void authenticate(byte @NotNull [] bytes) {
    NtlmAcceptorContext server =
        new NtlmAcceptorContext(STORE, NtlmOptions.defaults(), new ReplayCache(16));
    server.step(NEGOTIATE);
    try {
      server.step(bytes);
      throw new AssertionError("a fuzzed AUTHENTICATE was accepted");
    } catch (SecurityContextException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(server.isEstablished()).isFalse();
    }
  }
}
