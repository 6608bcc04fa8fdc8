package org.openrms.rms.server.internal.ldap;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Security identifiers between their string form ({@code S-1-5-21-…}) and the binary form Active
 * Directory stores in {@code objectSid} (MS-DTYP §2.4.2.2): revision, sub-authority count, a 48-bit
 * big-endian identifier authority, then 32-bit little-endian sub-authorities.
 */
public final class Sids {
  private static final Pattern FORM = Pattern.compile("S-1-\\d{1,15}(-\\d{1,10}){1,15}");

  private Sids() {}

  /** The binary SID, or empty if {@code sid} is not a well-formed SID string. */
  public static Optional<byte[]> toBinary(String sid) {
    if (sid == null || !FORM.matcher(sid).matches()) {
      return Optional.empty();
    }
    String[] parts = sid.split("-");
    long authority = Long.parseLong(parts[2]);
    if (authority >= (1L << 48)) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write(parts.length - 3);
    for (int shift = 40; shift >= 0; shift -= 8) {
      out.write((int) (authority >>> shift) & 0xFF);
    }
    for (int i = 3; i < parts.length; i++) {
      long sub = Long.parseLong(parts[i]);
      if (sub > 0xFFFF_FFFFL) {
        return Optional.empty();
      }
      for (int shift = 0; shift < 32; shift += 8) {
        out.write((int) (sub >>> shift) & 0xFF);
      }
    }
    return Optional.of(out.toByteArray());
  }

  /** The string form of a binary SID, or empty if the bytes are not one. */
  public static Optional<String> toText(byte[] sid) {
    if (sid == null || sid.length < 8 || sid[0] != 1) {
      return Optional.empty();
    }
    int count = sid[1] & 0xFF;
    if (count > 15 || sid.length != 8 + 4 * count) {
      return Optional.empty();
    }
    long authority = 0;
    for (int i = 2; i < 8; i++) {
      authority = (authority << 8) | (sid[i] & 0xFF);
    }
    StringBuilder s = new StringBuilder("S-1-").append(authority);
    for (int i = 0; i < count; i++) {
      long sub = 0;
      for (int b = 3; b >= 0; b--) {
        sub = (sub << 8) | (sid[8 + 4 * i + b] & 0xFF);
      }
      s.append('-').append(sub);
    }
    return Optional.of(s.toString());
  }
}
