package org.openrms.auth.internal.spnego;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;

/**
 * Jazzer fuzz test of the SPNEGO parser and the acceptor's first-token dispatch. A plain {@code mvn
 * test} runs it in regression mode over {@code SpnegoFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn
 * test -pl auth -Dtest=SpnegoFuzzTest} fuzzes for real.
 */
class SpnegoFuzzTest {

  /**
   * Any bytes either parse (and then re-encode to a token that parses to the same values) or give a
   * SecurityContextException; nothing else escapes.
   */
  @FuzzTest(maxDuration = "30s")
  void parse(byte @NotNull [] bytes) {
    try {
      SpnegoTokens.NegTokenInit init = SpnegoTokens.readInit(bytes);
      byte[] again = SpnegoTokens.writeInit(init.mechTypes(), init.mechToken(), init.mechListMic());
      SpnegoTokens.NegTokenInit back = SpnegoTokens.readInit(again);
      assertThat(back.mechTypes()).isEqualTo(init.mechTypes());
      assertThat(back.mechToken()).isEqualTo(init.mechToken());
      assertThat(back.mechListMic()).isEqualTo(init.mechListMic());
    } catch (SecurityContextException expected) {
      assertThat(expected.reason()).isEqualTo(SecurityContextException.Reason.MALFORMED);
    }
    try {
      SpnegoTokens.NegTokenResp resp = SpnegoTokens.readResp(bytes);
      byte[] again =
          SpnegoTokens.writeResp(
              resp.negState(), resp.supportedMech(), resp.responseToken(), resp.mechListMic());
      SpnegoTokens.NegTokenResp back = SpnegoTokens.readResp(again);
      assertThat(back.negState()).isEqualTo(resp.negState());
      assertThat(back.supportedMech()).isEqualTo(resp.supportedMech());
      assertThat(back.responseToken()).isEqualTo(resp.responseToken());
    } catch (SecurityContextException expected) {
      assertThat(expected.reason()).isEqualTo(SecurityContextException.Reason.MALFORMED);
    }
    try {
      Spnego.acceptor(m -> new FakeContext(m, m == Mechanism.NTLM ? 2 : 1, m != Mechanism.NTLM))
          .step(bytes);
    } catch (SecurityContextException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
