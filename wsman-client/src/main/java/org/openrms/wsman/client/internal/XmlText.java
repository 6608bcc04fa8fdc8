package org.openrms.wsman.client.internal;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.XmlFactories;

/**
 * Converts between XML text, as the scripting API passes resources around, and {@link XmlElement}.
 * Parsing goes through the hardened {@link EnvelopeReader} (no DTD, no entities, limits); writing
 * declares every namespace where it is first needed, so a fragment stands alone.
 */
public final class XmlText {
  private static final XMLOutputFactory OUTPUT = XmlFactories.newOutputFactory();
  private static final EnvelopeReader READER =
      new EnvelopeReader(new EnvelopeReader.Limits(64L << 20, 64, 2_000_000, 256), false);

  private XmlText() {}

  /**
   * Parses one XML element (an XML declaration in front is allowed).
   *
   * @throws IllegalArgumentException if the text is not exactly one well-formed element
   */
  public static XmlElement parse(String xml) {
    String s = xml.strip();
    if (s.startsWith("<?xml")) {
      int end = s.indexOf("?>");
      s = end < 0 ? s : s.substring(end + 2).strip();
    }
    String wrapped =
        "<s:Envelope xmlns:s=\""
            + Namespaces.SOAP
            + "\"><s:Header></s:Header><s:Body>"
            + s
            + "</s:Body></s:Envelope>";
    Envelope e;
    try {
      e = READER.read(wrapped.getBytes(StandardCharsets.UTF_8));
    } catch (WsmanFaultException ex) {
      throw new IllegalArgumentException("not well-formed XML: " + ex.getMessage(), ex);
    }
    List<XmlElement> children = e.body().children();
    if (children.size() != 1 || !e.body().text().isBlank()) {
      throw new IllegalArgumentException(
          "expected one XML element, got " + children.size() + " elements");
    }
    return children.get(0);
  }

  /** The element as XML text, with no XML declaration. */
  public static String write(XmlElement element) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out);
      Deque<Map<String, String>> scope = new ArrayDeque<>();
      scope.push(Map.of("xml", XMLConstants.XML_NS_URI));
      write(w, element, scope);
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static void write(XMLStreamWriter w, XmlElement e, Deque<Map<String, String>> scope)
      throws XMLStreamException {
    Map<String, String> declared = new HashMap<>();
    Map<String, String> pending = new java.util.LinkedHashMap<>();
    e.namespaces().forEach(pending::put);
    String prefix = prefixFor(e.name(), scope, pending, false);
    w.writeStartElement(prefix, e.name().getLocalPart(), e.name().getNamespaceURI());
    Map<QName, String> attrPrefixes = new java.util.LinkedHashMap<>();
    for (QName a : e.attributes().keySet()) {
      if (!a.getNamespaceURI().isEmpty()) {
        attrPrefixes.put(a, prefixFor(a, scope, pending, true));
      }
    }
    for (Map.Entry<String, String> d : pending.entrySet()) {
      if (d.getKey().isEmpty()) {
        w.writeDefaultNamespace(d.getValue());
      } else {
        w.writeNamespace(d.getKey(), d.getValue());
      }
      declared.put(d.getKey(), d.getValue());
    }
    for (Map.Entry<QName, String> a : e.attributes().entrySet()) {
      QName n = a.getKey();
      if (n.getNamespaceURI().isEmpty()) {
        w.writeAttribute(n.getLocalPart(), a.getValue());
      } else {
        w.writeAttribute(attrPrefixes.get(n), n.getNamespaceURI(), n.getLocalPart(), a.getValue());
      }
    }
    scope.push(declared);
    if (!e.text().isEmpty()) {
      w.writeCharacters(e.text());
    }
    for (XmlElement c : e.children()) {
      write(w, c, scope);
    }
    scope.pop();
    w.writeEndElement();
  }

  private static String prefixFor(
      QName name,
      Deque<Map<String, String>> scope,
      Map<String, String> pending,
      boolean attribute) {
    String uri = name.getNamespaceURI();
    String wanted =
        !name.getPrefix().isEmpty()
            ? name.getPrefix()
            : Namespaces.standardPrefix(uri).orElse(uri.isEmpty() ? "" : "ns");
    if (attribute && wanted.isEmpty()) {
      wanted = "ns";
    }
    String candidate = wanted;
    for (int i = 1; ; i++) {
      String bound =
          pending.containsKey(candidate) ? pending.get(candidate) : lookup(scope, candidate);
      if (uri.equals(bound)) {
        return candidate;
      }
      if (bound == null && !(candidate.isEmpty() && !uri.isEmpty() && attribute)) {
        pending.put(candidate, uri);
        return candidate;
      }
      if (candidate.isEmpty() && uri.isEmpty()) {
        // The default namespace is bound to something else: undeclare it here.
        pending.put("", "");
        return "";
      }
      candidate = wanted + i;
    }
  }

  private static String lookup(Deque<Map<String, String>> scope, String prefix) {
    for (Map<String, String> m : scope) {
      String v = m.get(prefix);
      if (v != null) {
        return v;
      }
    }
    return prefix.isEmpty() ? "" : null;
  }
}
