package org.openrms.wsman;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.namespace.QName;

/**
 * Builds an {@link Envelope}. Typed headers replace an earlier value in place, so the header order
 * is the order of first use ({@link Envelope#request} starts with pywinrm's order); selectors and
 * options accumulate into one {@code w:SelectorSet} and one {@code w:OptionSet}. Not thread-safe.
 */
public final class EnvelopeBuilder {
  final Map<String, String> namespaces = new LinkedHashMap<>();
  final Map<QName, String> attributes = new LinkedHashMap<>();
  final Map<QName, XmlElement> headers = new LinkedHashMap<>();
  private final Map<String, String> selectors = new LinkedHashMap<>();
  private final List<WsmanOption> options = new ArrayList<>();
  private boolean optionSetMustUnderstand;
  final List<XmlElement> body = new ArrayList<>();

  EnvelopeBuilder() {}

  private EnvelopeBuilder put(QName name, String text, boolean mustUnderstand) {
    XmlElement.Builder e = XmlElement.builder(name).text(text);
    if (mustUnderstand) {
      e.attribute(Envelope.MUST_UNDERSTAND, "true");
    }
    headers.put(name, e.build());
    return this;
  }

  /** Declares a namespace on the root. */
  public EnvelopeBuilder namespace(String prefix, String uri) {
    namespaces.put(prefix, uri);
    return this;
  }

  /** Sets a root attribute, such as {@code xml:lang}. */
  public EnvelopeBuilder attribute(QName name, String value) {
    attributes.put(name, value);
    return this;
  }

  /** {@code a:To}. */
  public EnvelopeBuilder to(String uri) {
    return put(Envelope.TO, uri, false);
  }

  /** {@code a:ReplyTo/a:Address} (mustUnderstand). */
  public EnvelopeBuilder replyTo(String address) {
    headers.put(
        Envelope.REPLY_TO,
        XmlElement.builder(Envelope.REPLY_TO)
            .child(
                XmlElement.builder(Envelope.ADDRESS)
                    .attribute(Envelope.MUST_UNDERSTAND, "true")
                    .text(address)
                    .build())
            .build());
    return this;
  }

  /** {@code a:ReplyTo} with the anonymous role. */
  public EnvelopeBuilder replyToAnonymous() {
    return replyTo(Namespaces.ANONYMOUS);
  }

  /** {@code a:MessageID}. */
  public EnvelopeBuilder messageId(String id) {
    return put(Envelope.MESSAGE_ID, id, false);
  }

  /** {@code a:MessageID} = {@code uuid:} + a random lowercase UUID. */
  public EnvelopeBuilder randomMessageId() {
    return messageId("uuid:" + UUID.randomUUID());
  }

  /** {@code a:RelatesTo}. */
  public EnvelopeBuilder relatesTo(String id) {
    return put(Envelope.RELATES_TO, id, false);
  }

  /** {@code a:Action} (mustUnderstand). */
  public EnvelopeBuilder action(String uri) {
    return put(Envelope.ACTION, uri, true);
  }

  /** {@code w:ResourceURI} (mustUnderstand). */
  public EnvelopeBuilder resourceUri(String uri) {
    return put(Envelope.RESOURCE_URI, uri, true);
  }

  /** Adds a {@code w:Selector} to the {@code w:SelectorSet}. */
  public EnvelopeBuilder selector(String name, String value) {
    headers.putIfAbsent(Envelope.SELECTOR_SET, XmlElement.of(Envelope.SELECTOR_SET));
    selectors.put(name, value);
    return this;
  }

  /** Adds a {@code w:Option} to the {@code w:OptionSet}. */
  public EnvelopeBuilder option(WsmanOption option) {
    headers.putIfAbsent(Envelope.OPTION_SET, XmlElement.of(Envelope.OPTION_SET));
    options.add(option);
    return this;
  }

  /** Adds a {@code w:Option} the service may ignore. */
  public EnvelopeBuilder option(String name, String value) {
    return option(WsmanOption.of(name, value));
  }

  /** Marks the {@code w:OptionSet} mustUnderstand. */
  public EnvelopeBuilder optionSetMustUnderstand(boolean value) {
    this.optionSetMustUnderstand = value;
    return this;
  }

  /** {@code w:MaxEnvelopeSize} in bytes. */
  public EnvelopeBuilder maxEnvelopeSize(long bytes, boolean mustUnderstand) {
    return put(Envelope.MAX_ENVELOPE_SIZE, Long.toString(bytes), mustUnderstand);
  }

  /** {@code w:OperationTimeout}. */
  public EnvelopeBuilder operationTimeout(Duration timeout) {
    return put(Envelope.OPERATION_TIMEOUT, Durations.format(timeout), false);
  }

  /** {@code w:Locale xml:lang} (not mustUnderstand). */
  public EnvelopeBuilder locale(String lang) {
    headers.put(Envelope.LOCALE, localeElement(Envelope.LOCALE, lang));
    return this;
  }

  /** {@code p:DataLocale xml:lang} (not mustUnderstand). */
  public EnvelopeBuilder dataLocale(String lang) {
    headers.put(Envelope.DATA_LOCALE, localeElement(Envelope.DATA_LOCALE, lang));
    return this;
  }

  private static XmlElement localeElement(QName name, String lang) {
    return XmlElement.builder(name)
        .attribute(XmlElement.XML_LANG, lang)
        .attribute(Envelope.MUST_UNDERSTAND, "false")
        .build();
  }

  /** {@code p:SessionId} (not mustUnderstand). */
  public EnvelopeBuilder sessionId(String id) {
    return put(Envelope.SESSION_ID, id, false);
  }

  /** {@code w:FragmentTransfer} (mustUnderstand). */
  public EnvelopeBuilder fragmentTransfer(String path) {
    return put(Envelope.FRAGMENT_TRANSFER, path, true);
  }

  /** Adds or replaces any other header. */
  public EnvelopeBuilder header(XmlElement element) {
    headers.put(element.name(), element);
    return this;
  }

  /** Appends body elements. */
  public EnvelopeBuilder body(XmlElement... elements) {
    body.addAll(List.of(elements));
    return this;
  }

  /** The envelope. */
  public Envelope build() {
    List<XmlElement> hs = new ArrayList<>();
    for (Map.Entry<QName, XmlElement> e : headers.entrySet()) {
      if (e.getKey().equals(Envelope.SELECTOR_SET) && !selectors.isEmpty()) {
        XmlElement.Builder set = e.getValue().toBuilder();
        selectors.forEach(
            (n, v) ->
                set.child(
                    XmlElement.builder(Envelope.SELECTOR).attribute("Name", n).text(v).build()));
        hs.add(set.build());
      } else if (e.getKey().equals(Envelope.OPTION_SET) && !options.isEmpty()) {
        XmlElement.Builder set = e.getValue().toBuilder();
        if (optionSetMustUnderstand) {
          set.attribute(Envelope.MUST_UNDERSTAND, "true");
        }
        for (WsmanOption o : options) {
          XmlElement.Builder oe = XmlElement.builder(Envelope.OPTION).attribute("Name", o.name());
          if (o.mustComply()) {
            oe.attribute("MustComply", "true");
          }
          set.child(oe.text(o.value()).build());
        }
        hs.add(set.build());
      } else {
        hs.add(e.getValue());
      }
    }
    XmlElement h = new XmlElement(Envelope.HEADER, Map.of(), Map.of(), "", hs);
    XmlElement b = new XmlElement(Envelope.BODY, Map.of(), Map.of(), "", body);
    return new Envelope(namespaces, attributes, h, b);
  }
}
