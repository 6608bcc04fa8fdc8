package org.openrms.wsman;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an {@link Envelope} with StAX straight to an output stream, the way Windows and pywinrm
 * shape it: an XML declaration, then one line with no whitespace; the standard prefixes ({@code s},
 * {@code a}, {@code w}, {@code p}, {@code rsp} …) all declared on {@code s:Envelope}; empty
 * elements as start and end tag pairs, never self-closing. UTF-8 by default; UTF-16 on request.
 *
 * <p>Thread-safe and reusable.
 */
public final class EnvelopeWriter {
  private static final XMLOutputFactory FACTORY = XmlFactories.newOutputFactory();

  private final Charset charset;

  /** A UTF-8 writer. */
  public EnvelopeWriter() {
    this(StandardCharsets.UTF_8);
  }

  /** A writer in {@code charset}: UTF-8 or UTF-16. */
  public EnvelopeWriter(Charset charset) {
    if (!charset.equals(StandardCharsets.UTF_8) && !charset.equals(StandardCharsets.UTF_16)) {
      throw new IllegalArgumentException("WS-Management uses UTF-8 or UTF-16, not " + charset);
    }
    this.charset = charset;
  }

  /** The charset written. */
  public Charset charset() {
    return charset;
  }

  /** The envelope as bytes. */
  public byte[] toBytes(Envelope envelope) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    write(envelope, out);
    return out.toByteArray();
  }

  /**
   * Writes {@code envelope} to {@code out}; {@code out} is flushed, not closed.
   *
   * @throws java.io.UncheckedIOException if {@code out} fails
   */
  public void write(Envelope envelope, OutputStream out) {
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, charset.name());
      Map<String, String> prefixes = assignPrefixes(envelope);
      w.writeStartDocument(charset.name().toLowerCase(java.util.Locale.ROOT), "1.0");
      Deque<Map<String, String>> scope = new ArrayDeque<>();
      Map<String, String> rootBindings = new HashMap<>();
      prefixes.forEach((uri, prefix) -> rootBindings.put(prefix, uri));
      scope.push(rootBindings);
      QName root = Envelope.ENVELOPE;
      w.writeStartElement(
          prefixes.get(root.getNamespaceURI()), root.getLocalPart(), root.getNamespaceURI());
      for (Map.Entry<String, String> e : prefixes.entrySet()) {
        w.writeNamespace(e.getValue(), e.getKey());
      }
      writeAttributes(w, envelope.attributes(), prefixes);
      writeElement(w, envelope.header(), prefixes, scope);
      writeElement(w, envelope.body(), prefixes, scope);
      w.writeEndElement();
      w.writeEndDocument();
      w.flush();
      w.close();
      out.flush();
    } catch (XMLStreamException e) {
      throw new java.io.UncheckedIOException(new java.io.IOException("cannot write envelope", e));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writeElement(
      XMLStreamWriter w,
      XmlElement e,
      Map<String, String> prefixes,
      Deque<Map<String, String>> scope)
      throws XMLStreamException {
    QName n = e.name();
    String uri = n.getNamespaceURI();
    if (uri.isEmpty()) {
      w.writeStartElement(n.getLocalPart());
    } else {
      w.writeStartElement(prefixes.get(uri), n.getLocalPart(), uri);
    }
    // Declarations kept for QName-valued text, unless the prefix is already bound in scope.
    Map<String, String> local = new HashMap<>();
    for (Map.Entry<String, String> d : e.namespaces().entrySet()) {
      if (d.getKey().isEmpty() || bound(scope, d.getKey()) != null) {
        continue;
      }
      w.writeNamespace(d.getKey(), d.getValue());
      local.put(d.getKey(), d.getValue());
    }
    scope.push(local);
    writeAttributes(w, e.attributes(), prefixes);
    if (!e.text().isEmpty()) {
      w.writeCharacters(e.text());
    }
    for (XmlElement c : e.children()) {
      writeElement(w, c, prefixes, scope);
    }
    scope.pop();
    w.writeEndElement();
  }

  private static String bound(Deque<Map<String, String>> scope, String prefix) {
    for (Map<String, String> m : scope) {
      String u = m.get(prefix);
      if (u != null) {
        return u;
      }
    }
    return null;
  }

  private static void writeAttributes(
      XMLStreamWriter w, Map<QName, String> attributes, Map<String, String> prefixes)
      throws XMLStreamException {
    for (Map.Entry<QName, String> a : attributes.entrySet()) {
      QName n = a.getKey();
      String uri = n.getNamespaceURI();
      if (uri.isEmpty()) {
        w.writeAttribute(n.getLocalPart(), a.getValue());
      } else if (uri.equals(XMLConstants.XML_NS_URI)) {
        w.writeAttribute("xml", uri, n.getLocalPart(), a.getValue());
      } else {
        w.writeAttribute(prefixes.get(uri), uri, n.getLocalPart(), a.getValue());
      }
    }
  }

  /** Namespace URI to prefix for every namespace used, standard prefixes first. */
  private static Map<String, String> assignPrefixes(Envelope envelope) {
    Map<String, String> used = new LinkedHashMap<>();
    // s, a and w always: fault and subcode text refer to them.
    used.put(Namespaces.SOAP, "s");
    used.put(Namespaces.ADDRESSING, "a");
    used.put(Namespaces.WSMAN, "w");
    Map<String, String> hints = new LinkedHashMap<>();
    envelope.namespaces().forEach((p, u) -> hints.putIfAbsent(u, p));
    collect(envelope.header(), hints);
    collect(envelope.body(), hints);
    for (QName a : envelope.attributes().keySet()) {
      hint(a, hints);
    }
    int[] counter = {0};
    for (Map.Entry<String, String> e : hints.entrySet()) {
      String uri = e.getKey();
      if (used.containsKey(uri)) {
        continue;
      }
      String prefix = Namespaces.standardPrefix(uri).orElse(e.getValue());
      if (prefix.isEmpty()
          || prefix.startsWith("xml")
          || used.containsValue(prefix)
          || isStandardPrefix(prefix, uri)) {
        do {
          prefix = "ns" + ++counter[0];
        } while (used.containsValue(prefix));
      }
      used.put(uri, prefix);
    }
    return used;
  }

  private static boolean isStandardPrefix(String prefix, String uri) {
    return Namespaces.standardPrefixes().containsValue(prefix)
        && !prefix.equals(Namespaces.standardPrefix(uri).orElse(null));
  }

  private static void collect(XmlElement e, Map<String, String> hints) {
    hint(e.name(), hints);
    for (QName a : e.attributes().keySet()) {
      hint(a, hints);
    }
    for (XmlElement c : e.children()) {
      collect(c, hints);
    }
  }

  private static void hint(QName n, Map<String, String> hints) {
    String uri = n.getNamespaceURI();
    if (!uri.isEmpty() && !uri.equals(XMLConstants.XML_NS_URI)) {
      hints.putIfAbsent(uri, n.getPrefix());
    }
  }
}
