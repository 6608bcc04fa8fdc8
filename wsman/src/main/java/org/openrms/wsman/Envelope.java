package org.openrms.wsman;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.namespace.QName;

/**
 * An immutable SOAP 1.2 envelope: root namespace declarations and attributes, an {@code s:Header}
 * and an {@code s:Body}, each an {@link XmlElement}. Typed accessors read the WS-Addressing and
 * WS-Management headers; the builder writes them in the order pywinrm and Windows use.
 *
 * <p>Accessors that parse a value ({@link #maxEnvelopeSize()}, {@link #operationTimeout()}) throw
 * {@link WsmanFaultException.InvalidMessageInformationHeader} when it is malformed.
 */
public final class Envelope {
  /** {@code s:Envelope}. */
  public static final QName ENVELOPE = new QName(Namespaces.SOAP, "Envelope", "s");

  /** {@code s:Header}. */
  public static final QName HEADER = new QName(Namespaces.SOAP, "Header", "s");

  /** {@code s:Body}. */
  public static final QName BODY = new QName(Namespaces.SOAP, "Body", "s");

  /** {@code s:mustUnderstand}; an unqualified {@code mustUnderstand} (pywinrm) is accepted too. */
  public static final QName MUST_UNDERSTAND = new QName(Namespaces.SOAP, "mustUnderstand", "s");

  static final QName TO = a("To");
  static final QName ACTION = a("Action");
  static final QName MESSAGE_ID = a("MessageID");
  static final QName RELATES_TO = a("RelatesTo");
  static final QName REPLY_TO = a("ReplyTo");
  static final QName ADDRESS = a("Address");
  static final QName RESOURCE_URI = w("ResourceURI");
  static final QName SELECTOR_SET = w("SelectorSet");
  static final QName SELECTOR = w("Selector");
  static final QName OPTION_SET = w("OptionSet");
  static final QName OPTION = w("Option");
  static final QName MAX_ENVELOPE_SIZE = w("MaxEnvelopeSize");
  static final QName OPERATION_TIMEOUT = w("OperationTimeout");
  static final QName LOCALE = w("Locale");
  static final QName FRAGMENT_TRANSFER = w("FragmentTransfer");
  static final QName DATA_LOCALE = new QName(Namespaces.WSMV, "DataLocale", "p");
  static final QName SESSION_ID = new QName(Namespaces.WSMV, "SessionId", "p");

  private final Map<String, String> namespaces;
  private final Map<QName, String> attributes;
  private final XmlElement header;
  private final XmlElement body;

  /** An envelope of these parts; {@code header} and {@code body} must be s:Header and s:Body. */
  public Envelope(
      Map<String, String> namespaces,
      Map<QName, String> attributes,
      XmlElement header,
      XmlElement body) {
    this.namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    this.header = Objects.requireNonNull(header, "header");
    this.body = Objects.requireNonNull(body, "body");
    if (!header.name().equals(HEADER) || !body.name().equals(BODY)) {
      throw new IllegalArgumentException("header and body must be s:Header and s:Body");
    }
  }

  private static QName a(String local) {
    return new QName(Namespaces.ADDRESSING, local, "a");
  }

  private static QName w(String local) {
    return new QName(Namespaces.WSMAN, local, "w");
  }

  /** Namespace declarations made on {@code s:Envelope}. */
  public Map<String, String> namespaces() {
    return namespaces;
  }

  /** Attributes of {@code s:Envelope}, such as {@code xml:lang}. */
  public Map<QName, String> attributes() {
    return attributes;
  }

  /** The {@code s:Header} element. */
  public XmlElement header() {
    return header;
  }

  /** The {@code s:Body} element. */
  public XmlElement body() {
    return body;
  }

  /** Namespace declarations made on {@code s:Body}. */
  public Map<String, String> bodyNamespaces() {
    return body.namespaces();
  }

  /** The first element of the body, if any (an empty body is valid, e.g. Delete). */
  public Optional<XmlElement> bodyElement() {
    return body.children().isEmpty() ? Optional.empty() : Optional.of(body.children().get(0));
  }

  /** The first header named {@code name}. */
  public Optional<XmlElement> header(QName name) {
    return header.child(name);
  }

  private Optional<String> headerText(QName name) {
    return header(name).map(e -> e.text().strip());
  }

  /** {@code a:To}. */
  public Optional<String> to() {
    return headerText(TO);
  }

  /** {@code a:Action}. */
  public Optional<String> action() {
    return headerText(ACTION);
  }

  /** {@code a:MessageID}. */
  public Optional<String> messageId() {
    return headerText(MESSAGE_ID);
  }

  /** {@code a:RelatesTo}. */
  public Optional<String> relatesTo() {
    return headerText(RELATES_TO);
  }

  /** {@code a:ReplyTo/a:Address}. */
  public Optional<String> replyTo() {
    return header(REPLY_TO).flatMap(r -> r.childText(ADDRESS)).map(String::strip);
  }

  /** {@code w:ResourceURI}. */
  public Optional<String> resourceUri() {
    return headerText(RESOURCE_URI);
  }

  /** {@code w:SelectorSet} as an ordered name to value map (empty when absent). */
  public Map<String, String> selectors() {
    Map<String, String> out = new LinkedHashMap<>();
    header(SELECTOR_SET)
        .ifPresent(
            set -> {
              for (XmlElement s : set.children(SELECTOR)) {
                out.putIfAbsent(s.attribute("Name").orElse(""), s.text().strip());
              }
            });
    return Collections.unmodifiableMap(out);
  }

  /** {@code w:OptionSet} options in order (empty when absent). */
  public List<WsmanOption> options() {
    List<WsmanOption> out = new ArrayList<>();
    header(OPTION_SET)
        .ifPresent(
            set -> {
              for (XmlElement o : set.children(OPTION)) {
                boolean comply = o.attribute("MustComply").map(Envelope::isTrue).orElse(false);
                out.add(new WsmanOption(o.attribute("Name").orElse(""), o.text(), comply));
              }
            });
    return List.copyOf(out);
  }

  /** The value of option {@code name}, if present. */
  public Optional<String> option(String name) {
    return options().stream()
        .filter(o -> o.name().equals(name))
        .map(WsmanOption::value)
        .findFirst();
  }

  /** Whether {@code w:OptionSet} is marked mustUnderstand. */
  public boolean optionSetMustUnderstand() {
    return header(OPTION_SET).map(Envelope::mustUnderstand).orElse(false);
  }

  /** {@code w:MaxEnvelopeSize} in bytes. */
  public OptionalLong maxEnvelopeSize() {
    Optional<String> text = headerText(MAX_ENVELOPE_SIZE);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long v = Long.parseLong(text.get());
      if (v <= 0) {
        throw new NumberFormatException("not positive");
      }
      return OptionalLong.of(v);
    } catch (NumberFormatException e) {
      throw invalidHeader("w:MaxEnvelopeSize is not a positive integer: " + clip(text.get()), e);
    }
  }

  /** Whether {@code w:MaxEnvelopeSize} is marked mustUnderstand. */
  public boolean maxEnvelopeSizeMustUnderstand() {
    return header(MAX_ENVELOPE_SIZE).map(Envelope::mustUnderstand).orElse(false);
  }

  /** {@code w:OperationTimeout}. */
  public Optional<Duration> operationTimeout() {
    Optional<String> text = headerText(OPERATION_TIMEOUT);
    try {
      return text.map(Durations::parse);
    } catch (IllegalArgumentException e) {
      throw invalidHeader("w:OperationTimeout is not an xs:duration: " + clip(text.get()), e);
    }
  }

  /** The {@code xml:lang} of {@code w:Locale}. */
  public Optional<String> locale() {
    return header(LOCALE).flatMap(e -> e.attribute(XmlElement.XML_LANG));
  }

  /** The {@code xml:lang} of {@code p:DataLocale}. */
  public Optional<String> dataLocale() {
    return header(DATA_LOCALE).flatMap(e -> e.attribute(XmlElement.XML_LANG));
  }

  /** {@code p:SessionId}. */
  public Optional<String> sessionId() {
    return headerText(SESSION_ID);
  }

  /** {@code w:FragmentTransfer}: the fragment path. */
  public Optional<String> fragmentTransfer() {
    return headerText(FRAGMENT_TRANSFER);
  }

  /** Whether the body is an {@code s:Fault}. */
  public boolean isFault() {
    return bodyElement().map(e -> e.name().equals(WsmanFault.FAULT)).orElse(false);
  }

  /** The fault in the body, if any. */
  public Optional<WsmanFault> fault() {
    return WsmanFault.from(this);
  }

  /** A builder starting from this envelope. */
  public EnvelopeBuilder toBuilder() {
    EnvelopeBuilder b = new EnvelopeBuilder();
    b.namespaces.putAll(namespaces);
    b.attributes.putAll(attributes);
    for (XmlElement h : header.children()) {
      b.headers.put(h.name(), h);
    }
    b.body.addAll(body.children());
    return b;
  }

  /** An empty builder. */
  public static EnvelopeBuilder builder() {
    return new EnvelopeBuilder();
  }

  /**
   * A request builder as pywinrm and Windows start one: To, anonymous ReplyTo, a random MessageID,
   * ResourceURI and Action (both mustUnderstand).
   */
  public static EnvelopeBuilder request(String to, String resourceUri, String action) {
    return new EnvelopeBuilder()
        .to(to)
        .replyToAnonymous()
        .randomMessageId()
        .resourceUri(resourceUri)
        .action(action);
  }

  /**
   * A response builder: Action, a new MessageID, To anonymous and RelatesTo = the request's
   * MessageID (always echoed when the request had one), and {@code xml:lang="en-US"} on the root.
   */
  public static EnvelopeBuilder responseTo(Envelope request, String action) {
    EnvelopeBuilder b = new EnvelopeBuilder().attribute(XmlElement.XML_LANG, "en-US");
    if (action != null) {
      b.action(action);
    }
    b.randomMessageId().to(Namespaces.ANONYMOUS);
    request.messageId().ifPresent(b::relatesTo);
    return b;
  }

  static boolean mustUnderstand(XmlElement e) {
    return e.attribute(MUST_UNDERSTAND)
        .or(() -> e.attribute("mustUnderstand"))
        .map(Envelope::isTrue)
        .orElse(false);
  }

  private static boolean isTrue(String v) {
    String s = v.strip();
    return s.equals("true") || s.equals("1");
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  private static WsmanFaultException invalidHeader(String message, Throwable cause) {
    return FaultType.INVALID_MESSAGE_INFORMATION_HEADER.exception(message, cause);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e
        && namespaces.equals(e.namespaces)
        && attributes.equals(e.attributes)
        && header.equals(e.header)
        && body.equals(e.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespaces, attributes, header, body);
  }

  @Override
  public String toString() {
    return "Envelope[action="
        + action().orElse("-")
        + ", messageId="
        + messageId().orElse("-")
        + "]";
  }
}
