package org.openrms.wsman.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The client's list of trusted hosts, written as WinRM's {@code TrustedHosts} setting: entries
 * separated by commas, each a host name, an IP address or a pattern where {@code *} stands for any
 * run of characters ({@code *.corp.com}, {@code 10.0.0.*}, or {@code *} for every host).
 *
 * <p>Matching is case-insensitive and against the host as written in the connection string; nothing
 * is resolved, so {@code server1} does not match {@code server1.corp.com}. IPv6 entries may be
 * written with or without brackets. An empty list (the Windows default) trusts nobody.
 */
public final class TrustedHosts {
  private static final TrustedHosts NONE = new TrustedHosts(List.of(), "");

  private final List<String> patterns;
  private final String text;

  private TrustedHosts(List<String> patterns, String text) {
    this.patterns = patterns;
    this.text = text;
  }

  /** The empty list: no host is trusted. */
  public static TrustedHosts none() {
    return NONE;
  }

  /**
   * Parses a {@code TrustedHosts} value such as {@code "server1,*.corp.com,10.0.0.*"}. Blanks
   * around entries and empty entries are ignored.
   *
   * @throws IllegalArgumentException for an entry with whitespace inside it
   */
  public static TrustedHosts parse(String value) {
    Objects.requireNonNull(value, "value");
    List<String> out = new ArrayList<>();
    for (String raw : value.split(",")) {
      String p = raw.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (p.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("trusted-hosts entry '" + p + "' contains whitespace");
      }
      out.add(normalise(p));
    }
    return new TrustedHosts(List.copyOf(out), value);
  }

  private static String normalise(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h;
  }

  /** True if {@code host} (as in the connection string, brackets optional) matches an entry. */
  public boolean isTrusted(String host) {
    String h = normalise(host);
    for (String p : patterns) {
      if (glob(p, 0, h, 0)) {
        return true;
      }
    }
    return false;
  }

  private static boolean glob(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (glob(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  /** The entries, lower-cased, brackets removed. */
  public List<String> patterns() {
    return patterns;
  }

  /** The value as given to {@link #parse}. */
  @Override
  public String toString() {
    return text;
  }
}
