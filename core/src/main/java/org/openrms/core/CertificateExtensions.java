package org.openrms.core;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/** Reads the small string-valued X.509 extensions OpenRMS defines, with the JDK only. */
public final class CertificateExtensions {
  private static final int OCTET_STRING = 0x04;
  private static final int UTF8_STRING = 0x0C;

  private CertificateExtensions() {}

  /**
   * The value of a UTF8String extension, or empty if the certificate lacks it.
   *
   * @throws IllegalArgumentException if the extension is present but not a DER UTF8String
   */
  public static Optional<String> utf8(X509Certificate cert, String oid) {
    byte[] wrapped = cert.getExtensionValue(oid);
    if (wrapped == null) {
      return Optional.empty();
    }
    return Optional.of(decodeWrappedUtf8(wrapped, oid));
  }

  /**
   * Decodes the value {@link X509Certificate#getExtensionValue(String)} returns for a UTF8String
   * extension: a DER OCTET STRING that wraps a DER UTF8String.
   *
   * @param oid named in the error message only
   * @throws IllegalArgumentException if the bytes are not exactly that structure
   */
  public static String decodeWrappedUtf8(byte[] wrapped, String oid) {
    byte[] inner = contents(wrapped, OCTET_STRING, oid);
    return new String(contents(inner, UTF8_STRING, oid), StandardCharsets.UTF_8);
  }

  /** Encodes a string as a DER UTF8String (the inner extension value). */
  public static byte[] derUtf8(String value) {
    byte[] text = value.getBytes(StandardCharsets.UTF_8);
    byte[] len = length(text.length);
    byte[] out = new byte[1 + len.length + text.length];
    out[0] = UTF8_STRING;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(text, 0, out, 1 + len.length, text.length);
    return out;
  }

  private static byte[] length(int n) {
    if (n < 0x80) {
      return new byte[] {(byte) n};
    }
    if (n < 0x100) {
      return new byte[] {(byte) 0x81, (byte) n};
    }
    return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
  }

  private static byte[] contents(byte[] der, int tag, String oid) {
    if (der.length < 2 || (der[0] & 0xFF) != tag) {
      throw new IllegalArgumentException("extension " + oid + " is not the expected DER type");
    }
    int first = der[1] & 0xFF;
    int offset;
    int len;
    if (first < 0x80) {
      offset = 2;
      len = first;
    } else {
      int count = first & 0x7F;
      if (count < 1 || count > 3 || der.length < 2 + count) {
        throw new IllegalArgumentException("extension " + oid + " has a bad DER length");
      }
      len = 0;
      for (int i = 0; i < count; i++) {
        len = (len << 8) | (der[2 + i] & 0xFF);
      }
      offset = 2 + count;
    }
    if (offset + len != der.length) {
      throw new IllegalArgumentException("extension " + oid + " has a bad DER length");
    }
    return Arrays.copyOfRange(der, offset, offset + len);
  }
}
