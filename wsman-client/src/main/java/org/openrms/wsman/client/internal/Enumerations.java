package org.openrms.wsman.client.internal;

import java.util.Set;
import org.openrms.wsman.Enumeration;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.client.EnumerationFlag;

/**
 * The Enumerate body of {@code Session.enumerate}, from the scripting API's filter text and {@link
 * EnumerationFlag}s; the WS-Enumeration messages themselves are {@link Enumeration}'s.
 */
public final class Enumerations {
  private Enumerations() {}

  /**
   * An optimized {@code n:Enumerate}: the filter is sent as XML if it starts with {@code <} unless
   * {@link EnumerationFlag#NON_XML_TEXT}; {@link EnumerationFlag#RETURN_EPR} and {@link
   * EnumerationFlag#RETURN_OBJECT_AND_EPR} choose the enumeration mode.
   *
   * @param filter the filter, or null or empty for all items
   * @param dialect the filter dialect, or null
   * @param maxElements the items wanted in the response
   * @throws IllegalArgumentException if an XML filter is not one well-formed element
   */
  public static XmlElement enumerate(
      String filter, String dialect, Set<EnumerationFlag> flags, int maxElements) {
    XmlElement f = null;
    if (filter != null && !filter.isEmpty()) {
      boolean xml = !flags.contains(EnumerationFlag.NON_XML_TEXT) && filter.strip().startsWith("<");
      f =
          xml
              ? Enumeration.filter(dialect, XmlText.parse(filter))
              : Enumeration.filter(dialect, filter);
    }
    String mode =
        flags.contains(EnumerationFlag.RETURN_EPR)
            ? Enumeration.MODE_EPR
            : flags.contains(EnumerationFlag.RETURN_OBJECT_AND_EPR)
                ? Enumeration.MODE_OBJECT_AND_EPR
                : null;
    return Enumeration.enumerate(f, mode, maxElements);
  }
}
