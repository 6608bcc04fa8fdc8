package org.openrms.wsman;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openrms.wsman.internal.LimitedInputStream;

/**
 * Parses an {@link Envelope} with StAX, within {@link Limits} checked while reading (too many
 * bytes, too deep, too many elements or attributes stop the parse at once).
 *
 * <p>Every failure is a {@link WsmanFaultException} carrying the fault to answer with:
 *
 * <ul>
 *   <li>not well-formed XML, a DOCTYPE, an entity reference, a root that is not an envelope, no
 *       {@code s:Body}: {@link WsmanFaultException.SchemaValidationError};
 *   <li>an envelope in another namespace (SOAP 1.1): {@link WsmanFaultException.VersionMismatch};
 *   <li>over a limit: {@link WsmanFaultException.EncodingLimit};
 *   <li>no {@code a:Action} or {@code a:MessageID} (when required), a malformed {@code
 *       w:MaxEnvelopeSize} or {@code w:OperationTimeout}: {@link
 *       WsmanFaultException.InvalidMessageInformationHeader}.
 * </ul>
 *
 * <p>Identify messages (body {@code wsmid:Identify} or {@code wsmid:IdentifyResponse}) have no
 * addressing headers and are exempt. Thread-safe and reusable.
 */
public final class EnvelopeReader {
  private static final XMLInputFactory FACTORY = XmlFactories.newInputFactory();
  private static final QName IDENTIFY = new QName(Namespaces.IDENTITY, "Identify");
  private static final QName IDENTIFY_RESPONSE = new QName(Namespaces.IDENTITY, "IdentifyResponse");

  /**
   * Limits of one envelope.
   *
   * @param maxBytes bytes of the encoded envelope
   * @param maxDepth element nesting depth, the envelope being depth 1
   * @param maxElements elements in total
   * @param maxAttributes attributes (with namespace declarations) on one element
   */
  public record Limits(long maxBytes, int maxDepth, int maxElements, int maxAttributes) {
    /** 500 KiB (Windows' MaxEnvelopeSizekb), depth 64, 50 000 elements, 64 attributes. */
    public static final Limits DEFAULT = new Limits(500 * 1024, 64, 50_000, 64);

    /** Checks the values. */
    public Limits {
      if (maxBytes <= 0 || maxDepth < 3 || maxElements < 3 || maxAttributes < 1) {
        throw new IllegalArgumentException("limits too small");
      }
    }
  }

  private final Limits limits;
  private final boolean requireAddressing;

  /** A reader with {@link Limits#DEFAULT} that requires Action and MessageID. */
  public EnvelopeReader() {
    this(Limits.DEFAULT, true);
  }

  /**
   * A reader.
   *
   * @param limits the limits
   * @param requireAddressing whether a missing Action or MessageID is a fault
   */
  public EnvelopeReader(Limits limits, boolean requireAddressing) {
    this.limits = limits;
    this.requireAddressing = requireAddressing;
  }

  /** The limits. */
  public Limits limits() {
    return limits;
  }

  /** Parses {@code bytes}; too many bytes are refused before parsing. */
  public Envelope read(byte[] bytes) {
    if (bytes.length > limits.maxBytes) {
      throw tooLarge();
    }
    return read(new ByteArrayInputStream(bytes));
  }

  /** Parses {@code in} (not closed), reading no more than {@link Limits#maxBytes()}. */
  public Envelope read(InputStream in) {
    LimitedInputStream limited = new LimitedInputStream(in, limits.maxBytes);
    XMLStreamReader r = null;
    try {
      r = create(limited);
      Envelope e = new Parse(r).envelope();
      check(e);
      return e;
    } catch (XMLStreamException e) {
      if (limited.exceeded()) {
        throw tooLarge();
      }
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception("malformed XML: " + describe(e), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the parser's buffers
        }
      }
    }
  }

  /**
   * The {@code a:MessageID} of a request that could not be read as a whole (malformed after its
   * header, over a limit, missing another header), so that the fault can still carry RelatesTo.
   * Scans the envelope's header only, with the same hardened parser, and gives up silently at a
   * DOCTYPE, an entity, the body, any error or after a few hundred elements. An id longer than 256
   * characters is not echoed.
   */
  public static java.util.Optional<String> recoverMessageId(byte[] bytes) {
    XMLStreamReader r = null;
    try {
      r = create(new ByteArrayInputStream(bytes));
      int depth = 0;
      for (int seen = 0; r.hasNext() && seen < 512; ) {
        int ev = r.next();
        if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
          return java.util.Optional.empty();
        }
        if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
          continue;
        }
        if (ev != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        seen++;
        depth++;
        QName name = r.getName();
        if (depth == 2 && !name.equals(Envelope.HEADER)) {
          return java.util.Optional.empty();
        }
        if (depth == 3 && name.equals(Envelope.MESSAGE_ID)) {
          String id = r.getElementText().strip();
          return id.isEmpty() || id.length() > 256
              ? java.util.Optional.empty()
              : java.util.Optional.of(id);
        }
      }
      return java.util.Optional.empty();
    } catch (XMLStreamException | RuntimeException e) {
      return java.util.Optional.empty();
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
  }

  /**
   * The JDK parser sometimes fails with a RuntimeException instead of an XMLStreamException (a
   * MissingResourceException for a bad character in a skipped DTD, found by fuzzing): parser calls
   * go through here and {@link Parse#next()} so that such failures count as malformed XML.
   */
  private static XMLStreamReader create(InputStream in) throws XMLStreamException {
    try {
      return FACTORY.createXMLStreamReader(in);
    } catch (RuntimeException e) {
      throw new XMLStreamException(e.toString(), e);
    }
  }

  private WsmanFaultException tooLarge() {
    return FaultType.ENCODING_LIMIT.exception(
        FaultType.ENCODING_LIMIT
            .fault("the envelope is larger than " + limits.maxBytes + " bytes")
            .withWsmanCode(WsmanErrorCode.ENVELOPE_TOO_LARGE.value()),
        null);
  }

  private static String describe(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replace('\n', ' ').strip();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  private void check(Envelope e) {
    QName first = e.bodyElement().map(XmlElement::name).orElse(null);
    boolean identify = IDENTIFY.equals(first) || IDENTIFY_RESPONSE.equals(first);
    if (requireAddressing && !identify) {
      if (e.action().filter(a -> !a.isEmpty()).isEmpty()) {
        throw FaultType.MESSAGE_INFORMATION_HEADER_REQUIRED.exception("a:Action is missing");
      }
      if (e.messageId().filter(a -> !a.isEmpty()).isEmpty()) {
        throw FaultType.MESSAGE_INFORMATION_HEADER_REQUIRED.exception("a:MessageID is missing");
      }
    }
    e.maxEnvelopeSize();
    e.operationTimeout();
  }

  /** One parse: the reader and its counters. */
  private final class Parse {
    private final XMLStreamReader r;
    private int elements;

    Parse(XMLStreamReader r) {
      this.r = r;
    }

    Envelope envelope() throws XMLStreamException {
      int ev = nextTag();
      if (ev != XMLStreamConstants.START_ELEMENT) {
        throw schema("the document has no root element");
      }
      QName root = r.getName();
      if (!root.equals(Envelope.ENVELOPE)) {
        if (root.getLocalPart().equals("Envelope")) {
          throw FaultType.VERSION_MISMATCH.exception(
              "the envelope namespace is " + root.getNamespaceURI() + ", not SOAP 1.2");
        }
        throw schema("the root element is " + root + ", not a SOAP 1.2 s:Envelope");
      }
      XmlElement env = element(1);
      XmlElement header = null;
      XmlElement body = null;
      for (XmlElement c : env.children()) {
        if (c.name().equals(Envelope.HEADER) && header == null && body == null) {
          header = c;
        } else if (c.name().equals(Envelope.BODY) && body == null) {
          body = c;
        } else {
          throw schema("unexpected " + c.name() + " in s:Envelope");
        }
      }
      if (body == null) {
        throw schema("s:Body is missing");
      }
      if (!env.text().isBlank()) {
        throw schema("text in s:Envelope");
      }
      if (header == null) {
        header = XmlElement.of(Envelope.HEADER);
      }
      // Anything after the root element (other than comments and whitespace) is an error.
      while (hasNext()) {
        int n = next();
        if (n == XMLStreamConstants.DTD || n == XMLStreamConstants.ENTITY_REFERENCE) {
          throw schema("DTDs and entity references are not allowed");
        }
      }
      return new Envelope(env.namespaces(), env.attributes(), header, body);
    }

    private int next() throws XMLStreamException {
      try {
        return r.next();
      } catch (RuntimeException e) {
        throw new XMLStreamException(e.toString(), e);
      }
    }

    private boolean hasNext() throws XMLStreamException {
      try {
        return r.hasNext();
      } catch (RuntimeException e) {
        throw new XMLStreamException(e.toString(), e);
      }
    }

    private int nextTag() throws XMLStreamException {
      while (hasNext()) {
        int ev = next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT:
            return ev;
          case XMLStreamConstants.DTD:
            throw schema("a DOCTYPE is not allowed in a WS-Management message");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw schema("entity references are not allowed");
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.SPACE:
            if (!r.isWhiteSpace()) {
              throw schema("text outside the root element");
            }
            break;
          default:
            break;
        }
      }
      return XMLStreamConstants.END_DOCUMENT;
    }

    /** Reads the element at the cursor (a START_ELEMENT) up to its END_ELEMENT. */
    private XmlElement element(int depth) throws XMLStreamException {
      if (depth > limits.maxDepth) {
        throw limit("the envelope is nested deeper than " + limits.maxDepth + " elements");
      }
      if (++elements > limits.maxElements) {
        throw limit("the envelope has more than " + limits.maxElements + " elements");
      }
      int nsCount = r.getNamespaceCount();
      int attrCount = r.getAttributeCount();
      if (nsCount + attrCount > limits.maxAttributes) {
        throw limit("an element has more than " + limits.maxAttributes + " attributes");
      }
      QName name = r.getName();
      Map<String, String> ns = new LinkedHashMap<>();
      for (int i = 0; i < nsCount; i++) {
        String p = r.getNamespacePrefix(i);
        ns.put(p == null ? "" : p, r.getNamespaceURI(i) == null ? "" : r.getNamespaceURI(i));
      }
      Map<QName, String> attrs = new LinkedHashMap<>();
      for (int i = 0; i < attrCount; i++) {
        attrs.put(r.getAttributeName(i), r.getAttributeValue(i));
      }
      StringBuilder text = new StringBuilder();
      List<XmlElement> children = new ArrayList<>();
      while (true) {
        int ev = next();
        switch (ev) {
          case XMLStreamConstants.START_ELEMENT:
            children.add(element(depth + 1));
            break;
          case XMLStreamConstants.END_ELEMENT:
            String t = text.toString();
            if (!children.isEmpty() && t.isBlank()) {
              t = "";
            }
            return new XmlElement(name, ns, attrs, t, children);
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            text.append(r.getText());
            break;
          case XMLStreamConstants.ENTITY_REFERENCE:
          case XMLStreamConstants.DTD:
            throw schema("entity references are not allowed");
          default:
            break;
        }
      }
    }

    private WsmanFaultException schema(String message) {
      return FaultType.SCHEMA_VALIDATION_ERROR.exception(message);
    }

    private WsmanFaultException limit(String message) {
      return FaultType.ENCODING_LIMIT.exception(message);
    }
  }
}
