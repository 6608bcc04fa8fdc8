package org.openrms.rms.client.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869) on the JDK's {@code HmacSHA256}. */
final class Hkdf {
  private static final int HASH_LEN = 32;

  private Hkdf() {}

  /**
   * Derives {@code length} bytes (at most 255 * 32). The caller owns (and should zero) the result.
   *
   * @param ikm input keying material
   * @param salt the salt; empty means a block of zeros, as the RFC says
   * @param info context and application specific information
   */
  static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length)
      throws GeneralSecurityException {
    if (length < 1 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("HKDF-SHA256 output length must be 1..8160");
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LEN] : salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    try {
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      int done = 0;
      for (int i = 1; done < length; i++) {
        mac.update(t);
        mac.update(info);
        mac.update((byte) i);
        Arrays.fill(t, (byte) 0);
        t = mac.doFinal();
        int n = Math.min(HASH_LEN, length - done);
        System.arraycopy(t, 0, out, done, n);
        done += n;
      }
      return out;
    } finally {
      Arrays.fill(prk, (byte) 0);
      Arrays.fill(t, (byte) 0);
    }
  }
}
