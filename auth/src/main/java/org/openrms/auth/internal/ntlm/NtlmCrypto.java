package org.openrms.auth.internal.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The NTLMv2 one-way functions and key derivations of MS-NLMP 3.3.2 and 3.4.5, on byte arrays the
 * caller owns (and zeroes). HMAC-MD5 is computed here over the JDK's MD5 so that the padded key
 * blocks can be zeroed.
 */
public final class NtlmCrypto {
  private static final byte[] CLIENT_SIGN =
      magic("session key to client-to-server signing key magic constant");
  private static final byte[] SERVER_SIGN =
      magic("session key to server-to-client signing key magic constant");
  private static final byte[] CLIENT_SEAL =
      magic("session key to client-to-server sealing key magic constant");
  private static final byte[] SERVER_SEAL =
      magic("session key to server-to-client sealing key magic constant");

  private NtlmCrypto() {}

  /**
   * NTOWFv1, the NT hash: {@code MD4(UTF-16LE(password))}.
   *
   * @param password the password; the caller still owns (and zeroes) it
   * @return the 16-byte hash
   */
  public static byte[] ntHash(char[] password) {
    byte[] utf16 = new byte[password.length * 2];
    for (int k = 0; k < password.length; k++) {
      utf16[2 * k] = (byte) password[k];
      utf16[2 * k + 1] = (byte) (password[k] >>> 8);
    }
    try {
      return Md4.digest(utf16);
    } finally {
      Arrays.fill(utf16, (byte) 0);
    }
  }

  /**
   * NTOWFv2 from the NT hash: {@code HMAC_MD5(ntHash, UTF-16LE(UPPER(user) + domain))}.
   *
   * @param ntHash the NT hash (NTOWFv1)
   * @param user the user name as the AUTHENTICATE message carries it
   * @param domain the domain name as the AUTHENTICATE message carries it (may be empty)
   * @return the 16-byte response key
   */
  public static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
    return hmacMd5(ntHash, Wire.utf16(user.toUpperCase(Locale.ROOT) + domain));
  }

  /** HMAC-MD5 (RFC 2104) of the concatenation of {@code parts}. */
  static byte[] hmacMd5(byte[] key, byte[]... parts) {
    byte[] k = key.length > 64 ? md5(key) : key;
    byte[] ipad = new byte[64];
    byte[] opad = new byte[64];
    try {
      for (int n = 0; n < 64; n++) {
        byte kb = n < k.length ? k[n] : 0;
        ipad[n] = (byte) (kb ^ 0x36);
        opad[n] = (byte) (kb ^ 0x5c);
      }
      MessageDigest md = md5Digest();
      md.update(ipad);
      for (byte[] p : parts) {
        md.update(p);
      }
      byte[] inner = md.digest();
      md.update(opad);
      md.update(inner);
      return md.digest();
    } finally {
      Arrays.fill(ipad, (byte) 0);
      Arrays.fill(opad, (byte) 0);
    }
  }

  /** MD5 of the concatenation of {@code parts}. */
  static byte[] md5(byte[]... parts) {
    MessageDigest md = md5Digest();
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /**
   * The NTLMv2 response of MS-NLMP 3.3.2: {@code NTProofStr || temp}, where {@code NTProofStr =
   * HMAC_MD5(responseKey, serverChallenge || temp)}.
   *
   * @param responseKey NTOWFv2
   * @param serverChallenge the 8-byte challenge of the CHALLENGE message
   * @param temp the client blob ({@link NtlmBlob#encode})
   * @return the NtChallengeResponse
   */
  public static byte[] ntlmv2Response(byte[] responseKey, byte[] serverChallenge, byte[] temp) {
    byte[] proof = hmacMd5(responseKey, serverChallenge, temp);
    byte[] out = Arrays.copyOf(proof, 16 + temp.length);
    System.arraycopy(temp, 0, out, 16, temp.length);
    return out;
  }

  /**
   * The LMv2 response: {@code HMAC_MD5(responseKey, serverChallenge || clientChallenge) ||
   * clientChallenge}.
   */
  public static byte[] lmv2Response(
      byte[] responseKey, byte[] serverChallenge, byte[] clientChallenge) {
    byte[] mac = hmacMd5(responseKey, serverChallenge, clientChallenge);
    byte[] out = Arrays.copyOf(mac, 24);
    System.arraycopy(clientChallenge, 0, out, 16, 8);
    return out;
  }

  /**
   * The NTLMv2 session base key, which is also KXKEY: {@code HMAC_MD5(responseKey, NTProofStr)}.
   */
  public static byte[] sessionBaseKey(byte[] responseKey, byte[] ntProofStr) {
    return hmacMd5(responseKey, ntProofStr);
  }

  /** {@code RC4K(key, data)}: encrypts the random session key with KXKEY, or decrypts it. */
  public static byte[] rc4k(byte[] key, byte[] data) {
    return Rc4.once(key, data);
  }

  /**
   * SIGNKEY with extended session security.
   *
   * @param exportedSessionKey the exported session key
   * @param client true for the client-to-server key, false for server-to-client
   */
  public static byte[] signKey(byte[] exportedSessionKey, boolean client) {
    return md5(exportedSessionKey, client ? CLIENT_SIGN : SERVER_SIGN);
  }

  /**
   * SEALKEY with extended session security and NEGOTIATE_128 (the only strength we negotiate).
   *
   * @param exportedSessionKey the exported session key
   * @param client true for the client-to-server key, false for server-to-client
   */
  public static byte[] sealKey(byte[] exportedSessionKey, boolean client) {
    return md5(exportedSessionKey, client ? CLIENT_SEAL : SERVER_SEAL);
  }

  /** The MIC: {@code HMAC_MD5(exportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE)}. */
  static byte[] mic(byte[] exportedSessionKey, byte[] negotiate, byte[] challenge, byte[] auth) {
    return hmacMd5(exportedSessionKey, negotiate, challenge, auth);
  }

  private static byte[] magic(String s) {
    byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(ascii, ascii.length + 1);
  }

  private static MessageDigest md5Digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }
}
