package org.openrms.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * WS-Enumeration as WS-Management uses it (DSP0226 §8, MS-WSMV 3.1.4.8–3.1.4.10): the element names
 * of Enumerate, Pull and Release and their responses, with the WS-Management extensions ({@code
 * w:Filter}, {@code w:EnumerationMode}, {@code w:OptimizeEnumeration}, {@code w:MaxElements},
 * {@code w:Items}, {@code w:EndOfSequence}), and small builders and readers for both sides. An
 * optimized EnumerateResponse carries its items and end in the {@code w:} namespace, a PullResponse
 * in the {@code n:} namespace; {@link #batch} reads either.
 */
public final class Enumeration {
  /** {@code n:Enumerate}. */
  public static final QName ENUMERATE = n("Enumerate");

  /** {@code n:EnumerateResponse}. */
  public static final QName ENUMERATE_RESPONSE = n("EnumerateResponse");

  /** {@code n:Pull}. */
  public static final QName PULL = n("Pull");

  /** {@code n:PullResponse}. */
  public static final QName PULL_RESPONSE = n("PullResponse");

  /** {@code n:Release}. */
  public static final QName RELEASE = n("Release");

  /** {@code n:EnumerationContext}, in Pull, Release and both responses. */
  public static final QName ENUMERATION_CONTEXT = n("EnumerationContext");

  /** {@code n:MaxElements} of a Pull. */
  public static final QName N_MAX_ELEMENTS = n("MaxElements");

  /** {@code n:Items} of a PullResponse. */
  public static final QName N_ITEMS = n("Items");

  /** {@code n:EndOfSequence} of a PullResponse. */
  public static final QName N_END_OF_SEQUENCE = n("EndOfSequence");

  /** {@code w:Filter} of an Enumerate, with its {@code Dialect} attribute. */
  public static final QName W_FILTER = w("Filter");

  /** {@code w:EnumerationMode} of an Enumerate. */
  public static final QName W_ENUMERATION_MODE = w("EnumerationMode");

  /** {@code w:OptimizeEnumeration}: items in the EnumerateResponse itself. */
  public static final QName W_OPTIMIZE_ENUMERATION = w("OptimizeEnumeration");

  /** {@code w:MaxElements} of an optimized Enumerate. */
  public static final QName W_MAX_ELEMENTS = w("MaxElements");

  /** {@code w:Items} of an optimized EnumerateResponse. */
  public static final QName W_ITEMS = w("Items");

  /** {@code w:EndOfSequence} of an optimized EnumerateResponse. */
  public static final QName W_END_OF_SEQUENCE = w("EndOfSequence");

  /** {@code w:EnumerationMode} for endpoint references only. */
  public static final String MODE_EPR = "EnumerateEPR";

  /** {@code w:EnumerationMode} for objects with their endpoint references. */
  public static final String MODE_OBJECT_AND_EPR = "EnumerateObjectAndEPR";

  private Enumeration() {}

  private static QName n(String local) {
    return new QName(Namespaces.ENUMERATION, local, "n");
  }

  private static QName w(String local) {
    return new QName(Namespaces.WSMAN, local, "w");
  }

  /** A {@code w:Filter} holding text (such as a WQL query) in {@code dialect} (null for none). */
  public static XmlElement filter(String dialect, String text) {
    return filterBuilder(dialect).text(text).build();
  }

  /** A {@code w:Filter} holding an element (such as a selector filter) in {@code dialect}. */
  public static XmlElement filter(String dialect, XmlElement content) {
    return filterBuilder(dialect).child(content).build();
  }

  private static XmlElement.Builder filterBuilder(String dialect) {
    XmlElement.Builder f = XmlElement.builder(W_FILTER);
    if (dialect != null) {
      f.attribute("Dialect", dialect);
    }
    return f;
  }

  /**
   * An optimized {@code n:Enumerate}, its children in the DSP0226 order.
   *
   * @param filter a {@link #filter} element, or null for all items
   * @param mode {@link #MODE_EPR}, {@link #MODE_OBJECT_AND_EPR}, or null for objects only
   * @param maxElements the items wanted in the EnumerateResponse
   */
  public static XmlElement enumerate(XmlElement filter, String mode, int maxElements) {
    XmlElement.Builder b = XmlElement.builder(ENUMERATE);
    if (filter != null) {
      b.child(filter);
    }
    if (mode != null) {
      b.child(W_ENUMERATION_MODE, mode);
    }
    b.child(XmlElement.of(W_OPTIMIZE_ENUMERATION));
    b.child(W_MAX_ELEMENTS, Integer.toString(maxElements));
    return b.build();
  }

  /** {@code n:Pull} of {@code context} for up to {@code maxElements} items. */
  public static XmlElement pull(String context, int maxElements) {
    return XmlElement.builder(PULL)
        .child(ENUMERATION_CONTEXT, context)
        .child(N_MAX_ELEMENTS, Integer.toString(maxElements))
        .build();
  }

  /** {@code n:Release} of {@code context}. */
  public static XmlElement release(String context) {
    return XmlElement.builder(RELEASE).child(ENUMERATION_CONTEXT, context).build();
  }

  /** The stripped {@code n:EnumerationContext} of a Pull, Release or response, if not empty. */
  public static Optional<String> context(XmlElement element) {
    return element.childText(ENUMERATION_CONTEXT).map(String::strip).filter(s -> !s.isEmpty());
  }

  /**
   * An {@code n:EnumerateResponse}: the context alone for a plain Enumerate ({@code items} null);
   * for an optimized one also {@code w:Items} and, at the end, {@code w:EndOfSequence}.
   *
   * @param context the context of the following Pulls; written empty when null
   */
  public static XmlElement enumerateResponse(String context, List<XmlElement> items, boolean end) {
    XmlElement.Builder out =
        XmlElement.builder(ENUMERATE_RESPONSE)
            .child(ENUMERATION_CONTEXT, context == null ? "" : context);
    if (items != null) {
      out.child(items(W_ITEMS, items));
      if (end) {
        out.child(XmlElement.of(W_END_OF_SEQUENCE));
      }
    }
    return out.build();
  }

  /**
   * An {@code n:PullResponse}: the context (null at the end, when none is sent), {@code n:Items},
   * and {@code n:EndOfSequence} at the end.
   */
  public static XmlElement pullResponse(String context, List<XmlElement> items, boolean end) {
    XmlElement.Builder out = XmlElement.builder(PULL_RESPONSE);
    if (context != null) {
      out.child(ENUMERATION_CONTEXT, context);
    }
    out.child(items(N_ITEMS, items));
    if (end) {
      out.child(XmlElement.of(N_END_OF_SEQUENCE));
    }
    return out.build();
  }

  private static XmlElement items(QName name, List<XmlElement> items) {
    XmlElement.Builder b = XmlElement.builder(name);
    items.forEach(b::child);
    return b.build();
  }

  /**
   * A batch of an EnumerateResponse or PullResponse.
   *
   * @param context the context for the next Pull, or null when the service sent none (or an empty
   *     one)
   * @param items the items in order
   * @param end whether EndOfSequence was present
   */
  public record Batch(String context, List<XmlElement> items, boolean end) {
    /** A batch; the item list is copied. */
    public Batch {
      items = List.copyOf(items);
    }
  }

  /**
   * Reads an {@code n:EnumerateResponse} or {@code n:PullResponse}, with its items and
   * EndOfSequence in the {@code w:} or the {@code n:} namespace (Windows and DSP0226 differ).
   *
   * @throws WsmanFaultException.SchemaValidationError if it is neither
   */
  public static Batch batch(XmlElement response) {
    QName name = response.name();
    if (!name.equals(ENUMERATE_RESPONSE) && !name.equals(PULL_RESPONSE)) {
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception(
          "expected n:EnumerateResponse or n:PullResponse, got " + name);
    }
    List<XmlElement> items = new ArrayList<>();
    response
        .child(W_ITEMS)
        .or(() -> response.child(N_ITEMS))
        .ifPresent(i -> items.addAll(i.children()));
    boolean end =
        response.child(W_END_OF_SEQUENCE).isPresent()
            || response.child(N_END_OF_SEQUENCE).isPresent();
    return new Batch(context(response).orElse(null), items, end);
  }
}
