package org.openrms.wsman;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * The one place that creates XML parsers and writers. Every factory it returns is hardened: no DTD
 * processing, no external entities or DTDs or schemas, no entity expansion, secure processing on,
 * no XInclude. Resolving anything external fails instead of fetching it.
 */
public final class XmlFactories {
  private XmlFactories() {}

  /**
   * A StAX input factory that rejects DTDs (a DOCTYPE makes {@link EnvelopeReader} fail) and never
   * resolves entities.
   */
  public static XMLInputFactory newInputFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
    f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
    setIfSupported(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    setIfSupported(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resource refused: " + systemId);
        });
    return f;
  }

  /** A StAX output factory (not repairing namespaces: the writer declares them itself). */
  public static XMLOutputFactory newOutputFactory() {
    XMLOutputFactory f = XMLOutputFactory.newFactory();
    f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.FALSE);
    return f;
  }

  /**
   * A namespace-aware DOM factory that refuses any DOCTYPE, for code that needs a DOM (none of this
   * module does).
   */
  public static DocumentBuilderFactory newDocumentBuilderFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    try {
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
    }
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static void setIfSupported(XMLInputFactory f, String name, Object value) {
    if (f.isPropertySupported(name)) {
      f.setProperty(name, value);
    }
  }
}
