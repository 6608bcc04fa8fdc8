package org.openrms.auth.internal.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * Little-endian reading and writing of NTLM messages (MS-NLMP 2.2): integers, the {@code
 * len/maxLen/offset} field descriptors that point into a message's payload, and UTF-16LE strings.
 * Every read is bounds-checked; a bad message gives {@link Reason#MALFORMED}.
 */
final class Wire {
  /** "NTLMSSP\0", the first eight bytes of every message. */
  static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};

  private Wire() {}

  static SecurityContextException malformed(String what) {
    return new SecurityContextException(Reason.MALFORMED, "malformed NTLM message: " + what);
  }

  static int u16(byte[] b, int off) {
    check(b, off, 2);
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
  }

  static int u32(byte[] b, int off) {
    check(b, off, 4);
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  static long u64(byte[] b, int off) {
    return (u32(b, off) & 0xffffffffL) | (long) u32(b, off + 4) << 32;
  }

  static byte[] slice(byte[] b, int off, int len) {
    check(b, off, len);
    return Arrays.copyOfRange(b, off, off + len);
  }

  /** The bytes a {@code len/maxLen/offset} descriptor at {@code at} points to. */
  static byte[] field(byte[] b, int at) {
    int len = u16(b, at);
    long offset = u32(b, at + 4) & 0xffffffffL;
    if (len == 0) {
      return new byte[0];
    }
    if (offset > b.length || len > b.length - offset) {
      throw malformed("a field points outside the message");
    }
    return Arrays.copyOfRange(b, (int) offset, (int) offset + len);
  }

  /** The offset of a non-empty field, or {@link Integer#MAX_VALUE} for an empty one. */
  static int fieldOffset(byte[] b, int at) {
    return u16(b, at) == 0 ? Integer.MAX_VALUE : u32(b, at + 4);
  }

  /** Checks the signature and the message type; {@code b} is at least {@code minLength} long. */
  static void header(byte[] b, int type, int minLength) {
    if (b == null || b.length < minLength) {
      throw malformed("too short");
    }
    if (!Arrays.equals(b, 0, 8, SIGNATURE, 0, 8)) {
      throw malformed("no NTLMSSP signature");
    }
    if (u32(b, 8) != type) {
      throw malformed("expected message type " + type + ", got " + u32(b, 8));
    }
  }

  static String utf16(byte[] b) {
    if (b.length % 2 != 0) {
      throw malformed("odd-length UTF-16 string");
    }
    try {
      return StandardCharsets.UTF_16LE
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("invalid UTF-16 string");
    }
  }

  static byte[] utf16(String s) {
    return s.getBytes(StandardCharsets.UTF_16LE);
  }

  private static void check(byte[] b, int off, int len) {
    if (off < 0 || len < 0 || off > b.length - len) {
      throw malformed("truncated");
    }
  }

  /**
   * Builds a message: a fixed-size header written in place, and a payload appended after it whose
   * fields the header describes.
   */
  static final class Builder {
    private final byte[] header;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    Builder(int type, int headerLength) {
      header = new byte[headerLength];
      System.arraycopy(SIGNATURE, 0, header, 0, 8);
      put32(8, type);
    }

    Builder put16(int at, int v) {
      header[at] = (byte) v;
      header[at + 1] = (byte) (v >>> 8);
      return this;
    }

    Builder put32(int at, int v) {
      put16(at, v);
      return put16(at + 2, v >>> 16);
    }

    Builder putBytes(int at, byte[] v) {
      System.arraycopy(v, 0, header, at, v.length);
      return this;
    }

    /** Appends {@code value} to the payload and writes its descriptor at {@code at}. */
    Builder field(int at, byte[] value) {
      if (value.length > 0xffff) {
        throw new IllegalArgumentException("NTLM field longer than 65535 bytes");
      }
      put16(at, value.length);
      put16(at + 2, value.length);
      put32(at + 4, header.length + payload.size());
      payload.writeBytes(value);
      return this;
    }

    byte[] build() {
      byte[] out = Arrays.copyOf(header, header.length + payload.size());
      byte[] p = payload.toByteArray();
      System.arraycopy(p, 0, out, header.length, p.length);
      Arrays.fill(p, (byte) 0);
      return out;
    }
  }

  static void putLe64(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  static void putLe32(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
