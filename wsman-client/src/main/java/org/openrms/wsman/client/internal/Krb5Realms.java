package org.openrms.wsman.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether the JDK's Kerberos configuration can reach a KDC of a realm, read the way the JDK finds
 * it: the system properties {@code java.security.krb5.realm} and {@code java.security.krb5.kdc},
 * else the file of {@code java.security.krb5.conf}, else {@code KRB5_CONFIG}, else {@code
 * /etc/krb5.conf}. A realm counts when its {@code [realms]} entry names a {@code kdc}. DNS lookup
 * of KDCs is not consulted: Negotiate then uses NTLM.
 */
final class Krb5Realms {
  private Krb5Realms() {}

  /** Whether Negotiate should use Kerberos for {@code user}: {@code user@REALM} with a KDC. */
  static boolean isKerberosUser(String user) {
    int at = user.lastIndexOf('@');
    if (at <= 0 || at == user.length() - 1 || user.indexOf('\\') >= 0) {
      return false;
    }
    return hasKdc(user.substring(at + 1));
  }

  /** Whether a KDC is configured for {@code realm} (compared without case). */
  static boolean hasKdc(String realm) {
    String propRealm = System.getProperty("java.security.krb5.realm");
    if (propRealm != null && System.getProperty("java.security.krb5.kdc") != null) {
      return propRealm.equalsIgnoreCase(realm);
    }
    String file = System.getProperty("java.security.krb5.conf");
    if (file == null) {
      file = System.getenv("KRB5_CONFIG");
    }
    if (file == null) {
      file = "/etc/krb5.conf";
    }
    try {
      return hasKdc(Files.readAllLines(Path.of(file.split(":")[0]), StandardCharsets.UTF_8), realm);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether the krb5.conf {@code lines} give {@code realm} a KDC. */
  static boolean hasKdc(List<String> lines, String realm) {
    String section = "";
    boolean inRealm = false;
    int depth = 0;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
        inRealm = false;
        depth = 0;
        continue;
      }
      if (!section.equals("realms")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (depth == 0 && eq > 0 && line.endsWith("{")) {
        inRealm = line.substring(0, eq).strip().equalsIgnoreCase(realm);
        depth = 1;
      } else if (line.endsWith("{")) {
        depth++;
      } else if (line.startsWith("}")) {
        depth = Math.max(0, depth - 1);
        if (depth == 0) {
          inRealm = false;
        }
      } else if (inRealm && depth == 1 && eq > 0) {
        String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        if (key.equals("kdc") && !line.substring(eq + 1).isBlank()) {
          return true;
        }
      }
    }
    return false;
  }
}
