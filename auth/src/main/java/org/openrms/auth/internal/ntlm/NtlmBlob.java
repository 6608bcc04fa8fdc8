package org.openrms.auth.internal.ntlm;

import java.util.Arrays;

/**
 * The NTLMv2 client blob, the "temp" of MS-NLMP 3.3.2 (NTLMv2_CLIENT_CHALLENGE, 2.2.2.7): {@code 01
 * 01 | Z(6) | timestamp | clientChallenge | Z(4) | AV pairs | Z(4)}.
 *
 * @param timestamp the client's time as a FILETIME (100 ns since 1601-01-01 UTC)
 * @param clientChallenge 8 random bytes
 * @param pairs the AV pairs (the server's TargetInfo plus the client's additions)
 */
record NtlmBlob(long timestamp, byte[] clientChallenge, AvPairs pairs) {
  private static final int HEADER = 28;

  byte[] encode() {
    byte[] av = pairs.encode();
    byte[] out = new byte[HEADER + av.length + 4];
    out[0] = 1;
    out[1] = 1;
    Wire.putLe64(out, 8, timestamp);
    System.arraycopy(clientChallenge, 0, out, 16, 8);
    System.arraycopy(av, 0, out, HEADER, av.length);
    return out;
  }

  /** Reads the blob that follows the 16-byte NTProofStr in an NtChallengeResponse. */
  static NtlmBlob parse(byte[] temp) {
    if (temp.length < HEADER + 4) {
      throw Wire.malformed("NTLMv2 client challenge too short");
    }
    if (temp[0] != 1 || temp[1] != 1) {
      throw Wire.malformed("unknown NTLMv2 client challenge version");
    }
    long timestamp = Wire.u64(temp, 8);
    byte[] challenge = Arrays.copyOfRange(temp, 16, 24);
    AvPairs pairs = AvPairs.parse(temp, HEADER, null);
    return new NtlmBlob(timestamp, challenge, pairs);
  }
}
