package org.openrms.auth.internal.kerberos;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * The RFC 3961 simplified profile with AES (RFC 3962): aes128-cts-hmac-sha1-96 (etype 17) and
 * aes256-cts-hmac-sha1-96 (etype 18). Key derivation (n-fold, DK), encryption with a 16-byte
 * confounder in AES-CBC with ciphertext stealing (the JDK's {@code AES/CTS/NoPadding} is the
 * Kerberos variant, checked against the RFC 3962 vectors) and the HMAC-SHA1-96 checksum.
 */
public final class AesSha1 {
  /** aes128-cts-hmac-sha1-96. */
  public static final int AES128 = 17;

  /** aes256-cts-hmac-sha1-96. */
  public static final int AES256 = 18;

  /** Cipher block and confounder size. */
  public static final int BLOCK = 16;

  /** HMAC-SHA1-96 length. */
  public static final int MAC = 12;

  private AesSha1() {}

  /** Whether {@code etype} is one of the two this class implements. */
  public static boolean supports(int etype) {
    return etype == AES128 || etype == AES256;
  }

  /** RFC 3961 §5.1 n-fold of {@code in} to {@code outBytes} bytes. */
  public static byte[] nfold(byte[] in, int outBytes) {
    int inBytes = in.length;
    int lcm = inBytes / gcd(inBytes, outBytes) * outBytes;
    int inBits = inBytes * 8;
    byte[] out = new byte[outBytes];
    int carry = 0;
    for (int i = lcm - 1; i >= 0; i--) {
      // the most significant bit of byte i of the concatenation of rotated copies
      int msbit =
          ((inBits - 1) + (inBits + 13) * (i / inBytes) + ((inBytes - i % inBytes) << 3)) % inBits;
      int hi = in[((inBytes - 1) - (msbit >>> 3)) % inBytes] & 0xff;
      int lo = in[(inBytes - (msbit >>> 3)) % inBytes] & 0xff;
      carry += (((hi << 8) | lo) >>> ((msbit & 7) + 1)) & 0xff;
      carry += out[i % outBytes] & 0xff;
      out[i % outBytes] = (byte) carry;
      carry >>>= 8;
    }
    for (int i = outBytes - 1; carry != 0 && i >= 0; i--) {
      carry += out[i] & 0xff;
      out[i] = (byte) carry;
      carry >>>= 8;
    }
    return out;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** RFC 3961 §5.1 DK(base, usage | kind): the derived key, as long as the base key. */
  public static byte[] derive(byte[] baseKey, int usage, int kind) {
    byte[] constant = {
      (byte) (usage >>> 24), (byte) (usage >>> 16), (byte) (usage >>> 8), (byte) usage, (byte) kind
    };
    byte[] block = nfold(constant, BLOCK);
    byte[] out = new byte[baseKey.length];
    try {
      Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(baseKey, "AES"));
      for (int filled = 0; filled < out.length; filled += BLOCK) {
        block = ecb.doFinal(block);
        System.arraycopy(block, 0, out, filled, Math.min(BLOCK, out.length - filled));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    } finally {
      Arrays.fill(block, (byte) 0);
    }
    return out;
  }

  /**
   * Encrypts {@code confounder | plaintext} under Ke and appends HMAC-SHA1-96 under Ki of the same
   * bytes: {@code AES-CTS(Ke, conf | P) | HMAC(Ki, conf | P)[0..12]}.
   */
  public static byte[] encrypt(byte[] ke, byte[] ki, byte[] confounder, byte[] plaintext) {
    byte[] input = new byte[BLOCK + plaintext.length];
    System.arraycopy(confounder, 0, input, 0, BLOCK);
    System.arraycopy(plaintext, 0, input, BLOCK, plaintext.length);
    try {
      byte[] ct = cts(Cipher.ENCRYPT_MODE, ke, input);
      byte[] mac = hmac(ki, input, 0, input.length);
      byte[] out = Arrays.copyOf(ct, ct.length + MAC);
      System.arraycopy(mac, 0, out, ct.length, MAC);
      return out;
    } finally {
      Arrays.fill(input, (byte) 0);
    }
  }

  /**
   * Decrypts what {@link #encrypt} produced and checks the HMAC (in constant time); returns the
   * plaintext without the confounder.
   *
   * @throws SecurityContextException {@code TAMPERED} if the checksum does not verify
   */
  public static byte[] decrypt(byte[] ke, byte[] ki, byte[] data) {
    if (data.length < BLOCK + MAC) {
      throw new SecurityContextException(Reason.MALFORMED, "ciphertext too short");
    }
    int ctLen = data.length - MAC;
    byte[] plain = cts(Cipher.DECRYPT_MODE, ke, Arrays.copyOf(data, ctLen));
    byte[] mac = hmac(ki, plain, 0, plain.length);
    byte[] got = Arrays.copyOfRange(data, ctLen, data.length);
    if (!MessageDigest.isEqual(Arrays.copyOf(mac, MAC), got)) {
      Arrays.fill(plain, (byte) 0);
      throw new SecurityContextException(Reason.TAMPERED, "the message checksum does not verify");
    }
    byte[] out = Arrays.copyOfRange(plain, BLOCK, plain.length);
    Arrays.fill(plain, (byte) 0);
    return out;
  }

  /** HMAC-SHA1-96 of a range (the checksum of MIC tokens and of encryption). */
  public static byte[] hmac96(byte[] key, byte[] data) {
    return Arrays.copyOf(hmac(key, data, 0, data.length), MAC);
  }

  private static byte[] hmac(byte[] key, byte[] data, int off, int len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      mac.update(data, off, len);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  private static byte[] cts(int mode, byte[] key, byte[] input) {
    try {
      Cipher c = Cipher.getInstance("AES/CTS/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[BLOCK]));
      return c.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTS unavailable", e);
    }
  }
}
