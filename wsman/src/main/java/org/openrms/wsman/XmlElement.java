package org.openrms.wsman;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;

/**
 * An immutable XML element: qualified name, namespace declarations made on it, attributes (in
 * document order), text and child elements. Enough to represent and re-serialise any WS-Management
 * body without a DOM.
 *
 * <p>Text is the element's character content. When an element has children, whitespace between them
 * is dropped on reading; text that is not whitespace is kept (concatenated) and written before the
 * children. Namespace declarations are kept so that QName-valued text ({@code w:TimedOut}) can be
 * resolved; the writer chooses element prefixes itself.
 *
 * @param name qualified name (the prefix is only a hint)
 * @param namespaces prefix to URI declarations made on this element
 * @param attributes attributes in order; unqualified attributes have an empty namespace
 * @param text character content, never null
 * @param children child elements in order
 */
public record XmlElement(
    QName name,
    Map<String, String> namespaces,
    Map<QName, String> attributes,
    String text,
    List<XmlElement> children) {

  /** The {@code xml:lang} attribute name. */
  public static final QName XML_LANG = new QName(XMLConstants.XML_NS_URI, "lang", "xml");

  /** Copies every collection, so the record is deeply immutable. */
  public XmlElement {
    Objects.requireNonNull(name, "name");
    namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    text = text == null ? "" : text;
    children = List.copyOf(children);
  }

  /** An element with only a name. */
  public static XmlElement of(QName name) {
    return new XmlElement(name, Map.of(), Map.of(), "", List.of());
  }

  /** An element holding text. */
  public static XmlElement text(QName name, String text) {
    return new XmlElement(name, Map.of(), Map.of(), text, List.of());
  }

  /** A builder for an element named {@code name}. */
  public static Builder builder(QName name) {
    return new Builder(name);
  }

  /** A builder that starts as a copy of this element. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.namespaces.putAll(namespaces);
    b.attributes.putAll(attributes);
    b.text = text;
    b.children.addAll(children);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XmlElement e
        && name.equals(e.name)
        && attributes.equals(e.attributes)
        && text.equals(e.text)
        && children.equals(e.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, attributes, text, children);
  }

  /** The value of attribute {@code attr}, if present. */
  public Optional<String> attribute(QName attr) {
    return Optional.ofNullable(attributes.get(attr));
  }

  /** The value of the unqualified attribute {@code localName}, if present. */
  public Optional<String> attribute(String localName) {
    return attribute(new QName(localName));
  }

  /** The first child named {@code childName}. */
  public Optional<XmlElement> child(QName childName) {
    for (XmlElement c : children) {
      if (c.name.equals(childName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Every child named {@code childName}, in order. */
  public List<XmlElement> children(QName childName) {
    List<XmlElement> out = new ArrayList<>();
    for (XmlElement c : children) {
      if (c.name.equals(childName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text of the first child named {@code childName}. */
  public Optional<String> childText(QName childName) {
    return child(childName).map(XmlElement::text);
  }

  /** Mutable builder of an {@link XmlElement}. */
  public static final class Builder {
    private final QName name;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final Map<QName, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private String text = "";

    private Builder(QName name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Declares {@code prefix} for {@code uri} on this element. */
    public Builder namespace(String prefix, String uri) {
      namespaces.put(prefix, uri);
      return this;
    }

    /** Sets an attribute. */
    public Builder attribute(QName attr, String value) {
      attributes.put(attr, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets an unqualified attribute. */
    public Builder attribute(String localName, String value) {
      return attribute(new QName(localName), value);
    }

    /** Sets the text. */
    public Builder text(String value) {
      this.text = value;
      return this;
    }

    /** Appends a child. */
    public Builder child(XmlElement child) {
      children.add(Objects.requireNonNull(child, "child"));
      return this;
    }

    /** Appends a child holding text. */
    public Builder child(QName childName, String childText) {
      return child(XmlElement.text(childName, childText));
    }

    /** The element. */
    public XmlElement build() {
      return new XmlElement(name, namespaces, attributes, text, children);
    }
  }
}
