package org.openrms.auth.internal.ntlm;

import java.util.Arrays;

/**
 * The MD4 message digest (RFC 1320), which the JDK does not provide; NTLM needs it only for the NT
 * hash, {@code MD4(UTF-16LE(password))}. One-shot and stateless: every buffer it fills is zeroed
 * before it returns, since its input is usually a password.
 */
public final class Md4 {
  private static final int[] S1 = {3, 7, 11, 19};
  private static final int[] S2 = {3, 5, 9, 13};
  private static final int[] S3 = {3, 9, 11, 15};
  private static final int[] ORDER3 = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};

  private Md4() {}

  /**
   * The 16-byte MD4 digest of {@code data}.
   *
   * @param data the message
   * @return its digest
   */
  public static byte[] digest(byte[] data) {
    long bitLength = (long) data.length * 8;
    int padded = ((data.length + 8) / 64 + 1) * 64;
    byte[] m = Arrays.copyOf(data, padded);
    m[data.length] = (byte) 0x80;
    Wire.putLe64(m, padded - 8, bitLength);
    int[] state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    int[] x = new int[16];
    try {
      for (int block = 0; block < padded; block += 64) {
        for (int i = 0; i < 16; i++) {
          x[i] = Wire.u32(m, block + 4 * i);
        }
        compress(state, x);
      }
      byte[] out = new byte[16];
      for (int i = 0; i < 4; i++) {
        Wire.putLe32(out, 4 * i, state[i]);
      }
      return out;
    } finally {
      Arrays.fill(m, (byte) 0);
      Arrays.fill(x, 0);
      Arrays.fill(state, 0);
    }
  }

  private static void compress(int[] state, int[] x) {
    int a = state[0];
    int b = state[1];
    int c = state[2];
    int d = state[3];
    // Round 1: F(x,y,z) = xy | ~x z, words in order, no constant.
    for (int i = 0; i < 16; i++) {
      int t = a + ((b & c) | (~b & d)) + x[i];
      a = d;
      d = c;
      c = b;
      b = Integer.rotateLeft(t, S1[i % 4]);
    }
    // Round 2: G(x,y,z) = xy | xz | yz, words by column, constant sqrt(2).
    for (int i = 0; i < 16; i++) {
      int k = (i % 4) * 4 + i / 4;
      int t = a + ((b & c) | (b & d) | (c & d)) + x[k] + 0x5a827999;
      a = d;
      d = c;
      c = b;
      b = Integer.rotateLeft(t, S2[i % 4]);
    }
    // Round 3: H(x,y,z) = x ^ y ^ z, words in bit-reversed order, constant sqrt(3).
    for (int i = 0; i < 16; i++) {
      int t = a + (b ^ c ^ d) + x[ORDER3[i]] + 0x6ed9eba1;
      a = d;
      d = c;
      c = b;
      b = Integer.rotateLeft(t, S3[i % 4]);
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
  }
}
