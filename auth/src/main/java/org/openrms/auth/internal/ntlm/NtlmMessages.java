package org.openrms.auth.internal.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The three NTLM messages of MS-NLMP 2.2.1 — NEGOTIATE, CHALLENGE and AUTHENTICATE — as parsed
 * records that keep their raw bytes (the MIC covers them exactly as sent), and their encoders.
 * Parsing is bounds-checked and fails only with {@code SecurityContextException(MALFORMED)}.
 */
public final class NtlmMessages {
  static final int NEGOTIATE = 1;
  static final int CHALLENGE = 2;
  static final int AUTHENTICATE = 3;

  /** The VERSION structure we send: 10.0 build 17763, NTLMSSP_REVISION_W2K3. */
  static final byte[] VERSION = {10, 0, 0x63, 0x45, 0, 0, 0, 0x0f};

  static final int MIC_OFFSET = 72;
  private static final int AUTH_HEADER = 88;

  private NtlmMessages() {}

  /** A parsed NEGOTIATE_MESSAGE. */
  record Negotiate(int flags, byte[] raw) {}

  /** A parsed CHALLENGE_MESSAGE. */
  record Challenge(
      int flags, String targetName, byte[] serverChallenge, AvPairs targetInfo, byte[] raw) {}

  /** A parsed AUTHENTICATE_MESSAGE; {@code mic} is null when the layout leaves no room for one. */
  record Authenticate(
      int flags,
      byte[] lmResponse,
      byte[] ntResponse,
      String domain,
      String user,
      String workstation,
      byte[] encryptedSessionKey,
      byte[] mic,
      byte[] raw) {

    /** The raw message with the MIC field zeroed, as the MIC is computed over it. */
    byte[] withZeroMic() {
      byte[] copy = raw.clone();
      Arrays.fill(copy, MIC_OFFSET, MIC_OFFSET + 16, (byte) 0);
      return copy;
    }
  }

  /**
   * Parses any of the three messages, by its type; for the fuzz test and diagnostics.
   *
   * @param token the message
   * @return the parsed record
   * @throws org.openrms.auth.SecurityContextException (MALFORMED) if it is not well formed
   */
  public static Record parse(byte[] token) {
    if (token == null || token.length < 12 || !Arrays.equals(token, 0, 8, Wire.SIGNATURE, 0, 8)) {
      throw Wire.malformed("not an NTLMSSP message");
    }
    switch (Wire.u32(token, 8)) {
      case NEGOTIATE:
        return parseNegotiate(token);
      case CHALLENGE:
        return parseChallenge(token);
      case AUTHENTICATE:
        Authenticate a = parseAuthenticate(token);
        if (a.ntResponse().length > 24) {
          NtlmBlob.parse(Arrays.copyOfRange(a.ntResponse(), 16, a.ntResponse().length));
        }
        return a;
      default:
        throw Wire.malformed("unknown message type");
    }
  }

  static byte[] encodeNegotiate(int flags) {
    return new Wire.Builder(NEGOTIATE, 40)
        .put32(12, flags | NtlmFlags.VERSION)
        .field(16, new byte[0])
        .field(24, new byte[0])
        .putBytes(32, VERSION)
        .build();
  }

  static Negotiate parseNegotiate(byte[] b) {
    Wire.header(b, NEGOTIATE, 16);
    int flags = Wire.u32(b, 12);
    if (b.length >= 32) {
      Wire.field(b, 16);
      Wire.field(b, 24);
    }
    return new Negotiate(flags, b.clone());
  }

  static byte[] encodeChallenge(
      int flags, String targetName, byte[] serverChallenge, AvPairs targetInfo) {
    return new Wire.Builder(CHALLENGE, 56)
        .field(12, Wire.utf16(targetName))
        .put32(20, flags | NtlmFlags.TARGET_INFO | NtlmFlags.VERSION)
        .putBytes(24, serverChallenge)
        .field(40, targetInfo.encode())
        .putBytes(48, VERSION)
        .build();
  }

  static Challenge parseChallenge(byte[] b) {
    Wire.header(b, CHALLENGE, 32);
    int flags = Wire.u32(b, 20);
    String targetName = string(flags, Wire.field(b, 12));
    byte[] challenge = Wire.slice(b, 24, 8);
    AvPairs info = AvPairs.of(List.of());
    if (b.length >= 48) {
      byte[] raw = Wire.field(b, 40);
      if (raw.length > 0) {
        info = AvPairs.parse(raw);
      }
    }
    return new Challenge(flags, targetName, challenge, info, b.clone());
  }

  /** Encodes an AUTHENTICATE message with room for a MIC (zero until {@link #putMic}). */
  static byte[] encodeAuthenticate(
      int flags,
      byte[] lmResponse,
      byte[] ntResponse,
      String domain,
      String user,
      String workstation,
      byte[] encryptedSessionKey) {
    return new Wire.Builder(AUTHENTICATE, AUTH_HEADER)
        .field(12, lmResponse)
        .field(20, ntResponse)
        .field(28, Wire.utf16(domain))
        .field(36, Wire.utf16(user))
        .field(44, Wire.utf16(workstation))
        .field(52, encryptedSessionKey)
        .put32(60, flags | NtlmFlags.VERSION)
        .putBytes(64, VERSION)
        .build();
  }

  static void putMic(byte[] authenticate, byte[] mic) {
    System.arraycopy(mic, 0, authenticate, MIC_OFFSET, 16);
  }

  static Authenticate parseAuthenticate(byte[] b) {
    Wire.header(b, AUTHENTICATE, 64);
    int flags = Wire.u32(b, 60);
    int payloadStart = b.length;
    for (int at = 12; at <= 52; at += 8) {
      payloadStart = Math.min(payloadStart, Wire.fieldOffset(b, at));
    }
    byte[] mic = payloadStart >= AUTH_HEADER ? Wire.slice(b, MIC_OFFSET, 16) : null;
    return new Authenticate(
        flags,
        Wire.field(b, 12),
        Wire.field(b, 20),
        string(flags, Wire.field(b, 28)),
        string(flags, Wire.field(b, 36)),
        string(flags, Wire.field(b, 44)),
        Wire.field(b, 52),
        mic,
        b.clone());
  }

  private static String string(int flags, byte[] raw) {
    return (flags & NtlmFlags.UNICODE) != 0
        ? Wire.utf16(raw)
        : new String(raw, StandardCharsets.ISO_8859_1);
  }
}
