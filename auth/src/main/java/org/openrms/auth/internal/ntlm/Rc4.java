package org.openrms.auth.internal.ntlm;

import java.util.Arrays;

/**
 * An RC4 keystream (the "RC4 handle" of MS-NLMP 3.4): keyed once, then applied to successive
 * messages, the state carrying over. Written here rather than taken from the JDK's {@code ARCFOUR}
 * cipher so that the state can be copied (to undo a failed unseal) and zeroed on close.
 */
final class Rc4 {
  private final int[] s = new int[256];
  private int i;
  private int j;

  /** A handle keyed with {@code key} (not kept). */
  Rc4(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("empty RC4 key");
    }
    for (int k = 0; k < 256; k++) {
      s[k] = k;
    }
    for (int k = 0, m = 0; k < 256; k++) {
      m = (m + s[k] + (key[k % key.length] & 0xff)) & 0xff;
      swap(k, m);
    }
  }

  private Rc4(Rc4 other) {
    System.arraycopy(other.s, 0, s, 0, 256);
    i = other.i;
    j = other.j;
  }

  /** {@code RC4K(key, data)}: a one-off encryption with a fresh handle. */
  static byte[] once(byte[] key, byte[] data) {
    Rc4 rc4 = new Rc4(key);
    try {
      return rc4.apply(data);
    } finally {
      rc4.zero();
    }
  }

  /** Encrypts (or decrypts) {@code data} into a new array, advancing the stream. */
  byte[] apply(byte[] data) {
    byte[] out = new byte[data.length];
    for (int k = 0; k < data.length; k++) {
      i = (i + 1) & 0xff;
      j = (j + s[i]) & 0xff;
      swap(i, j);
      out[k] = (byte) (data[k] ^ s[(s[i] + s[j]) & 0xff]);
    }
    return out;
  }

  /** A copy at the same stream position. */
  Rc4 copy() {
    return new Rc4(this);
  }

  /** Takes over {@code other}'s position (undoes the use of this handle since the copy). */
  void restore(Rc4 other) {
    System.arraycopy(other.s, 0, s, 0, 256);
    i = other.i;
    j = other.j;
  }

  /** Zeroes the state; the handle is unusable afterwards. */
  void zero() {
    Arrays.fill(s, 0);
    i = 0;
    j = 0;
  }

  /** Whether the state is all zeros (after {@link #zero()}); for tests. */
  boolean isZeroed() {
    return Arrays.stream(s).allMatch(v -> v == 0);
  }

  private void swap(int a, int b) {
    int t = s[a];
    s[a] = s[b];
    s[b] = t;
  }
}
