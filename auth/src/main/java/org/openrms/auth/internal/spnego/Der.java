package org.openrms.auth.internal.spnego;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.openrms.auth.SecurityContextException;

/**
 * The small subset of ASN.1 DER that SPNEGO needs: definite lengths, single-byte tags, OBJECT
 * IDENTIFIER, OCTET STRING, ENUMERATED, BIT STRING and constructed types. Every malformed input
 * becomes {@link SecurityContextException.Reason#MALFORMED}; nothing else escapes.
 */
public final class Der {
  /** SEQUENCE (constructed). */
  public static final int SEQUENCE = 0x30;

  /** OBJECT IDENTIFIER. */
  public static final int OID = 0x06;

  /** OCTET STRING. */
  public static final int OCTET_STRING = 0x04;

  /** ENUMERATED. */
  public static final int ENUMERATED = 0x0a;

  /** BIT STRING. */
  public static final int BIT_STRING = 0x03;

  private Der() {}

  /** A context-specific constructed tag {@code [n]}. */
  public static int context(int n) {
    return 0xa0 | n;
  }

  static SecurityContextException malformed(String what) {
    return new SecurityContextException(SecurityContextException.Reason.MALFORMED, what);
  }

  /** Reads TLVs from a byte range; each read checks the bounds of its enclosing element. */
  public static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    /** A reader over all of {@code buf}. */
    public Reader(byte[] buf) {
      this(buf, 0, buf.length);
    }

    private Reader(byte[] buf, int from, int end) {
      this.buf = buf;
      this.pos = from;
      this.end = end;
    }

    /** Whether bytes remain. */
    public boolean hasMore() {
      return pos < end;
    }

    /** The tag of the next element, without consuming it, or -1 at the end. */
    public int peekTag() {
      return pos < end ? buf[pos] & 0xff : -1;
    }

    /** The offset of the next element in the underlying array. */
    public int position() {
      return pos;
    }

    /** Fails unless every byte was read. */
    public void expectEnd(String what) {
      if (pos != end) {
        throw malformed(what + ": trailing bytes");
      }
    }

    /** Reads one element with {@code tag} and returns a reader over its content. */
    public Reader read(int tag, String what) {
      int[] span = element(tag, what);
      return new Reader(buf, span[0], span[1]);
    }

    /** Reads one element with {@code tag} and returns a copy of its content. */
    public byte[] readBytes(int tag, String what) {
      int[] span = element(tag, what);
      byte[] out = new byte[span[1] - span[0]];
      System.arraycopy(buf, span[0], out, 0, out.length);
      return out;
    }

    /** Reads one element with {@code tag} and returns it whole (tag, length and content). */
    public byte[] readEncoded(int tag, String what) {
      int start = pos;
      element(tag, what);
      byte[] out = new byte[pos - start];
      System.arraycopy(buf, start, out, 0, out.length);
      return out;
    }

    /** Reads an OBJECT IDENTIFIER in dotted form. */
    public String readOid(String what) {
      return decodeOid(readBytes(OID, what), what);
    }

    /** Reads an ENUMERATED of one to four bytes. */
    public int readEnumerated(String what) {
      byte[] v = readBytes(ENUMERATED, what);
      if (v.length == 0 || v.length > 4) {
        throw malformed(what + ": bad ENUMERATED length");
      }
      int value = v[0]; // sign-extended, as DER integers are
      for (int i = 1; i < v.length; i++) {
        value = (value << 8) | (v[i] & 0xff);
      }
      return value;
    }

    /** Reads the tag and length at the current position; returns {contentStart, contentEnd}. */
    private int[] element(int tag, String what) {
      if (pos >= end) {
        throw malformed(what + ": missing");
      }
      int actual = buf[pos] & 0xff;
      if (actual != tag) {
        throw malformed(what + ": unexpected tag 0x" + Integer.toHexString(actual));
      }
      int p = pos + 1;
      if (p >= end) {
        throw malformed(what + ": missing length");
      }
      int first = buf[p++] & 0xff;
      long length;
      if (first < 0x80) {
        length = first;
      } else {
        int count = first & 0x7f;
        if (count == 0 || count > 4) {
          throw malformed(what + ": unsupported length form");
        }
        if (end - p < count) {
          throw malformed(what + ": truncated length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (buf[p++] & 0xff);
        }
      }
      if (length > end - p) {
        throw malformed(what + ": length beyond the enclosing element");
      }
      int contentEnd = p + (int) length;
      pos = contentEnd;
      return new int[] {p, contentEnd};
    }
  }

  /** Decodes OID content octets to dotted form. */
  static String decodeOid(byte[] v, String what) {
    if (v.length == 0 || v.length > 64) {
      throw malformed(what + ": bad OBJECT IDENTIFIER length");
    }
    List<Long> arcs = new ArrayList<>();
    long value = 0;
    int bytesInArc = 0;
    for (byte b : v) {
      if (bytesInArc == 0 && (b & 0xff) == 0x80) {
        throw malformed(what + ": non-minimal OBJECT IDENTIFIER arc");
      }
      if (++bytesInArc > 8) {
        throw malformed(what + ": OBJECT IDENTIFIER arc too large");
      }
      value = (value << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        arcs.add(value);
        value = 0;
        bytesInArc = 0;
      }
    }
    if (bytesInArc != 0) {
      throw malformed(what + ": truncated OBJECT IDENTIFIER");
    }
    StringBuilder sb = new StringBuilder();
    long first = arcs.get(0);
    int top = first < 40 ? 0 : first < 80 ? 1 : 2;
    sb.append(top).append('.').append(first - 40L * top);
    for (int i = 1; i < arcs.size(); i++) {
      sb.append('.').append(arcs.get(i));
    }
    return sb.toString();
  }

  /** Encodes a dotted OID's content octets. */
  static byte[] encodeOid(String dotted) {
    String[] parts = dotted.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("OID needs two arcs: " + dotted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long first = Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]);
    writeArc(out, first);
    for (int i = 2; i < parts.length; i++) {
      writeArc(out, Long.parseLong(parts[i]));
    }
    return out.toByteArray();
  }

  private static void writeArc(ByteArrayOutputStream out, long arc) {
    if (arc < 0) {
      throw new IllegalArgumentException("negative OID arc");
    }
    int groups = 1;
    while (groups < 10 && (arc >>> (7 * groups)) != 0) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      int b = (int) ((arc >>> (7 * g)) & 0x7f);
      out.write(g == 0 ? b : b | 0x80);
    }
  }

  /** Encodes one element: tag, definite length, content. */
  public static byte[] tlv(int tag, byte[] content) {
    int n = content.length;
    int lenBytes = n < 0x80 ? 0 : n <= 0xff ? 1 : n <= 0xffff ? 2 : n <= 0xffffff ? 3 : 4;
    byte[] out = new byte[2 + lenBytes + n];
    out[0] = (byte) tag;
    if (lenBytes == 0) {
      out[1] = (byte) n;
    } else {
      out[1] = (byte) (0x80 | lenBytes);
      for (int i = 0; i < lenBytes; i++) {
        out[2 + i] = (byte) (n >>> (8 * (lenBytes - 1 - i)));
      }
    }
    System.arraycopy(content, 0, out, 2 + lenBytes, n);
    return out;
  }

  /** Encodes an OBJECT IDENTIFIER element. */
  public static byte[] oid(String dotted) {
    return tlv(OID, encodeOid(dotted));
  }

  /** Concatenates encoded elements. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
