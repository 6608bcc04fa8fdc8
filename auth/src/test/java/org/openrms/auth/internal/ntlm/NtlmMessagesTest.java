package org.openrms.auth.internal.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrms.auth.internal.ntlm.NtlmCryptoTest.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openrms.auth.SecurityContextException;

class NtlmMessagesTest {
  /** MS-NLMP 4.2.4.3: the CHALLENGE_MESSAGE of the NTLMv2 example. */
  static final byte[] SPEC_CHALLENGE =
      hex(
          "4e544c4d53535000 02000000 0c000c00 38000000 33828ae2 0123456789abcdef"
              + " 0000000000000000 24002400 44000000 0600701700 00000f"
              + " 530065007200760065007200"
              + " 02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000");

  @Test
  void parsesTheSpecChallenge() {
    NtlmMessages.Challenge c = NtlmMessages.parseChallenge(SPEC_CHALLENGE);
    assertThat(c.flags()).isEqualTo(0xe28a8233);
    assertThat(c.targetName()).isEqualTo("Server");
    assertThat(c.serverChallenge()).isEqualTo(hex("0123456789abcdef"));
    assertThat(c.targetInfo().string(AvPairs.NB_DOMAIN_NAME)).contains("Domain");
    assertThat(c.targetInfo().string(AvPairs.NB_COMPUTER_NAME)).contains("Server");
    assertThat(c.targetInfo().encode()).isEqualTo(Arrays.copyOfRange(SPEC_CHALLENGE, 68, 104));
  }

  @Test
  void challengeRoundTrip() {
    byte[] encoded =
        NtlmMessages.encodeChallenge(
            0xe28a8233, "Server", hex("0123456789abcdef"), NtlmCryptoTest.SPEC_PAIRS);
    NtlmMessages.Challenge c = NtlmMessages.parseChallenge(encoded);
    assertThat(c.targetName()).isEqualTo("Server");
    assertThat(c.targetInfo().encode()).isEqualTo(NtlmCryptoTest.SPEC_PAIRS.encode());
  }

  @Test
  void authenticateRoundTripKeepsMicSlot() {
    byte[] auth =
        NtlmMessages.encodeAuthenticate(
            NtlmFlags.INITIATOR,
            new byte[24],
            new byte[48],
            "Domain",
            "User",
            "COMPUTER",
            new byte[16]);
    NtlmMessages.putMic(auth, hex("00112233445566778899aabbccddeeff"));
    NtlmMessages.Authenticate a = NtlmMessages.parseAuthenticate(auth);
    assertThat(a.user()).isEqualTo("User");
    assertThat(a.domain()).isEqualTo("Domain");
    assertThat(a.workstation()).isEqualTo("COMPUTER");
    assertThat(a.mic()).isEqualTo(hex("00112233445566778899aabbccddeeff"));
    assertThat(Arrays.copyOfRange(a.withZeroMic(), 72, 88)).containsOnly(0);
  }

  @Test
  void rejectsBadInputAsMalformed() {
    byte[][] bad = {
      new byte[0],
      "NTLMSSP".getBytes(),
      hex("4e544c4d5353500004000000"),
      Arrays.copyOf(SPEC_CHALLENGE, 40),
      patched(SPEC_CHALLENGE, 44, 0xff), // TargetInfo offset beyond the end
      patched(SPEC_CHALLENGE, 12, 0x0b), // odd-length UTF-16 target name
      Arrays.copyOf(SPEC_CHALLENGE, SPEC_CHALLENGE.length - 4), // no MsvAvEOL
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> NtlmMessages.parse(b))
          .isInstanceOfSatisfying(
              SecurityContextException.class,
              e -> assertThat(e.reason()).isEqualTo(SecurityContextException.Reason.MALFORMED));
    }
  }

  private static byte[] patched(byte[] b, int at, int value) {
    byte[] copy = b.clone();
    copy[at] = (byte) value;
    return copy;
  }
}
