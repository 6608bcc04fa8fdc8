package org.openrms.wsman.internal;

import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.openrms.wsman.Namespaces;

/** Resolves QName-valued text ({@code w:TimedOut}) against namespace declarations. */
public final class QNames {
  private QNames() {}

  /**
   * Resolves {@code text} using {@code scopes}, innermost first; a prefix declared nowhere falls
   * back to the standard Windows prefixes. Returns null when the prefix cannot be resolved.
   */
  public static QName resolve(String text, List<Map<String, String>> scopes) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return null;
    }
    int colon = t.indexOf(':');
    String prefix = colon < 0 ? XMLConstants.DEFAULT_NS_PREFIX : t.substring(0, colon);
    String local = colon < 0 ? t : t.substring(colon + 1);
    if (local.isEmpty()) {
      return null;
    }
    for (Map<String, String> scope : scopes) {
      String uri = scope.get(prefix);
      if (uri != null) {
        return new QName(uri, local, prefix);
      }
    }
    for (Map.Entry<String, String> e : Namespaces.standardPrefixes().entrySet()) {
      if (e.getValue().equals(prefix)) {
        return new QName(e.getKey(), local, prefix);
      }
    }
    return null;
  }
}
