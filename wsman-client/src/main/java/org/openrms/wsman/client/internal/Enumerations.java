package org.openrms.wsman.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.client.EnumerationFlag;

/**
 * The WS-Enumeration bodies a client sends (Enumerate with the WS-Management extensions, Pull,
 * Release) and reads (EnumerateResponse, PullResponse, with items and EndOfSequence in either the
 * {@code w:} or the {@code n:} namespace, as Windows and DSP0226 differ).
 */
public final class Enumerations {
  /** {@code w:EnumerationMode} values. */
  public static final String MODE_EPR = "EnumerateEPR";

  /** {@code w:EnumerationMode} value for objects with their EPRs. */
  public static final String MODE_OBJECT_AND_EPR = "EnumerateObjectAndEPR";

  private Enumerations() {}

  static QName n(String local) {
    return new QName(Namespaces.ENUMERATION, local, "n");
  }

  static QName w(String local) {
    return new QName(Namespaces.WSMAN, local, "w");
  }

  /**
   * The {@code n:Enumerate} of {@code Session.enumerate}: the filter is sent as XML if it starts
   * with {@code <} unless {@link EnumerationFlag#NON_XML_TEXT}; {@link EnumerationFlag#RETURN_EPR}
   * and {@link EnumerationFlag#RETURN_OBJECT_AND_EPR} choose the enumeration mode.
   *
   * @param filter the filter, or null or empty for all items
   * @throws IllegalArgumentException if an XML filter is not one well-formed element
   */
  public static XmlElement enumerate(
      String filter, String dialect, Set<EnumerationFlag> flags, int maxElements) {
    Object filterValue = null;
    if (filter != null && !filter.isEmpty()) {
      boolean xml = !flags.contains(EnumerationFlag.NON_XML_TEXT) && filter.strip().startsWith("<");
      filterValue = xml ? XmlText.parse(filter) : filter;
    }
    String mode =
        flags.contains(EnumerationFlag.RETURN_EPR)
            ? MODE_EPR
            : flags.contains(EnumerationFlag.RETURN_OBJECT_AND_EPR) ? MODE_OBJECT_AND_EPR : null;
    return enumerate(filterValue, dialect, mode, maxElements);
  }

  /**
   * {@code n:Enumerate}: {@code w:Filter} (with its Dialect), {@code w:EnumerationMode}, {@code
   * w:OptimizeEnumeration} and {@code w:MaxElements}, in the DSP0226 order.
   *
   * @param filter the filter: text, or an element, or null for none
   * @param dialect the filter dialect, or null
   * @param mode the enumeration mode, or null for objects only
   * @param maxElements the items wanted in the response (optimized enumeration)
   */
  public static XmlElement enumerate(Object filter, String dialect, String mode, int maxElements) {
    XmlElement.Builder b = XmlElement.builder(n("Enumerate"));
    if (filter != null) {
      XmlElement.Builder f = XmlElement.builder(w("Filter"));
      if (dialect != null) {
        f.attribute("Dialect", dialect);
      }
      if (filter instanceof XmlElement e) {
        f.child(e);
      } else {
        f.text(filter.toString());
      }
      b.child(f.build());
    }
    if (mode != null) {
      b.child(w("EnumerationMode"), mode);
    }
    b.child(XmlElement.of(w("OptimizeEnumeration")));
    b.child(w("MaxElements"), Integer.toString(maxElements));
    return b.build();
  }

  /** {@code n:Pull} of {@code context} for up to {@code maxElements} items. */
  public static XmlElement pull(String context, int maxElements) {
    return XmlElement.builder(n("Pull"))
        .child(n("EnumerationContext"), context)
        .child(n("MaxElements"), Integer.toString(maxElements))
        .build();
  }

  /** {@code n:Release} of {@code context}. */
  public static XmlElement release(String context) {
    return XmlElement.builder(n("Release")).child(n("EnumerationContext"), context).build();
  }

  /**
   * A batch of an EnumerateResponse or PullResponse.
   *
   * @param context the context for the next Pull, or null when the service sent none
   * @param items the items in order
   * @param end whether EndOfSequence was present
   */
  public record Batch(String context, List<XmlElement> items, boolean end) {}

  /**
   * Reads an {@code n:EnumerateResponse} or {@code n:PullResponse}.
   *
   * @throws org.openrms.wsman.WsmanFaultException.SchemaValidationError if it is neither
   */
  public static Batch batch(XmlElement response) {
    QName name = response.name();
    if (!name.equals(n("EnumerateResponse")) && !name.equals(n("PullResponse"))) {
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception(
          "expected n:EnumerateResponse or n:PullResponse, got " + name);
    }
    String context = response.childText(n("EnumerationContext")).map(String::strip).orElse(null);
    List<XmlElement> items = new ArrayList<>();
    response
        .child(w("Items"))
        .or(() -> response.child(n("Items")))
        .ifPresent(i -> items.addAll(i.children()));
    boolean end =
        response.child(w("EndOfSequence")).isPresent()
            || response.child(n("EndOfSequence")).isPresent();
    return new Batch(context == null || context.isEmpty() ? null : context, items, end);
  }
}
