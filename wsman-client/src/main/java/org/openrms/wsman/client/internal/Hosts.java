package org.openrms.wsman.client.internal;

import java.util.Locale;

/**
 * Syntax checks for the address part of a connection string: host names, IPv4 and IPv6 literals.
 * Pure string work; nothing is resolved.
 */
public final class Hosts {
  private Hosts() {}

  /** True if every character is a digit or a dot (so the text means to be an IPv4 address). */
  public static boolean looksLikeIpv4(String host) {
    return !host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  /** True for a dotted-quad IPv4 address with four decimal octets 0..255. */
  public static boolean isIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * The 16 bytes of an IPv6 literal (without brackets), or {@code null} if it is not one. Accepts
   * {@code ::} compression and a trailing dotted IPv4 part; zone ids are not accepted.
   */
  public static byte[] parseIpv6(String text) {
    if (text.isEmpty() || text.indexOf("::") != text.lastIndexOf("::")) {
      return null;
    }
    int dbl = text.indexOf("::");
    String head = dbl < 0 ? text : text.substring(0, dbl);
    String tail = dbl < 0 ? "" : text.substring(dbl + 2);
    int[] h = groups(head, dbl < 0);
    int[] t = dbl < 0 ? new int[0] : groups(tail, true);
    if (h == null || t == null) {
      return null;
    }
    int total = h.length + t.length;
    if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      out[2 * i] = (byte) (h[i] >> 8);
      out[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int at = 8 - t.length + i;
      out[2 * at] = (byte) (t[i] >> 8);
      out[2 * at + 1] = (byte) t[i];
    }
    return out;
  }

  /** Parses colon-separated hex groups; the last may be dotted IPv4 when {@code lastMayBeV4}. */
  private static int[] groups(String text, boolean lastMayBeV4) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int extra = 0;
    String last = parts[parts.length - 1];
    boolean v4 = lastMayBeV4 && last.contains(".");
    if (v4) {
      if (!isIpv4(last)) {
        return null;
      }
      extra = 1;
    }
    int[] out = new int[parts.length + extra];
    for (int i = 0; i < parts.length - (v4 ? 1 : 0); i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      for (int k = 0; k < p.length(); k++) {
        if (Character.digit(p.charAt(k), 16) < 0) {
          return null;
        }
      }
      out[i] = Integer.parseInt(p, 16);
    }
    if (v4) {
      String[] o = last.split("\\.");
      out[parts.length - 1] = (Integer.parseInt(o[0]) << 8) | Integer.parseInt(o[1]);
      out[parts.length] = (Integer.parseInt(o[2]) << 8) | Integer.parseInt(o[3]);
    }
    return out;
  }

  /**
   * Checks a DNS host name: labels of letters, digits, {@code -} and {@code _}, separated by dots,
   * none empty (a single trailing dot is allowed).
   *
   * @return {@code null} if valid, otherwise what is wrong
   */
  public static String hostNameProblem(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.isEmpty()) {
      return "empty host";
    }
    if (h.length() > 253) {
      return "host name longer than 253 characters";
    }
    for (String label : h.split("\\.", -1)) {
      if (label.isEmpty()) {
        return "empty label in host name '" + host + "'";
      }
      if (label.length() > 63) {
        return "label longer than 63 characters in host name '" + host + "'";
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_';
        if (!ok) {
          return "character '" + c + "' not allowed in host name '" + host + "'";
        }
      }
    }
    return null;
  }

  /**
   * True for the loopback destinations of the default-authentication rule: {@code localhost},
   * {@code 127.0.0.1} and the IPv6 loopback {@code ::1} (in any of its spellings).
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("127.0.0.1")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    byte[] v6 = h.contains(":") ? parseIpv6(h) : null;
    if (v6 == null) {
      return false;
    }
    for (int i = 0; i < 15; i++) {
      if (v6[i] != 0) {
        return false;
      }
    }
    return v6[15] == 1;
  }
}
