package org.openrms.rms.server;

/**
 * A sane check of e-mail addresses: the RFC 5322 {@code addr-spec} without comments, folding white
 * space or obsolete forms, limited to ASCII, with the length limits of RFC 5321.
 *
 * <p>Accepted: a local part that is a {@code dot-atom} ({@code first.last+tag}) or a {@code
 * quoted-string} ({@code "john doe"}); a domain that is a host name of at least two labels
 * (letters, digits and hyphens, no label starting or ending with a hyphen, at most 63 characters
 * each) or an address literal such as {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}.
 */
public final class EmailAddresses {
  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private EmailAddresses() {}

  /** {@code true} if {@code address} is a valid address as described above; false for null. */
  public static boolean isValid(String address) {
    if (address == null || address.isEmpty() || address.length() > 254) {
      return false;
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      return false;
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    return local.length() <= 64 && validLocalPart(local) && validDomain(domain);
  }

  private static boolean validLocalPart(String local) {
    if (local.startsWith("\"")) {
      return validQuotedString(local);
    }
    return validDotAtom(local);
  }

  private static boolean validDotAtom(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '.' && !isAtext(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAtext(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ATEXT_SPECIALS.indexOf(c) >= 0;
  }

  private static boolean validQuotedString(String s) {
    if (s.length() < 3 || !s.endsWith("\"")) {
      return false;
    }
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
        if (i >= s.length() - 1 || !isVcharOrSpace(s.charAt(i))) {
          return false;
        }
      } else if (c == '"' || !isVcharOrSpace(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVcharOrSpace(char c) {
    return c >= 0x20 && c <= 0x7E;
  }

  private static boolean validDomain(String domain) {
    if (domain.startsWith("[")) {
      return validAddressLiteral(domain);
    }
    if (domain.length() > 253) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (!validLabel(label)) {
        return false;
      }
    }
    // the top-level label of a host name is never all digits
    return !labels[labels.length - 1].chars().allMatch(EmailAddresses::isAsciiDigit);
  }

  private static boolean validLabel(String label) {
    if (label.isEmpty() || label.length() > 63) {
      return false;
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean validAddressLiteral(String s) {
    if (!s.endsWith("]") || s.length() < 3) {
      return false;
    }
    String inner = s.substring(1, s.length() - 1);
    if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
      String v6 = inner.substring(5);
      return !v6.isEmpty()
          && v6.chars()
              .allMatch(
                  c ->
                      isAsciiDigit(c)
                          || (c >= 'a' && c <= 'f')
                          || (c >= 'A' && c <= 'F')
                          || c == ':'
                          || c == '.');
    }
    String[] parts = inner.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(EmailAddresses::isAsciiDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
