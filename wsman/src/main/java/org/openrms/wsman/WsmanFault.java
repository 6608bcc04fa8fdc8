package org.openrms.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.openrms.wsman.internal.QNames;

/**
 * A SOAP 1.2 fault with the WS-Management detail Windows writes: {@code s:Code/s:Value}, an
 * optional {@code s:Subcode/s:Value}, {@code s:Reason/s:Text xml:lang}, and in {@code s:Detail} an
 * optional {@code w:FaultDetail} URI and {@code f:WSManFault Code Machine} with {@code f:Message}.
 *
 * @param code the SOAP code
 * @param subcode the subcode, or null
 * @param reason the reason text
 * @param lang the {@code xml:lang} of the reason
 * @param faultDetail the {@code w:FaultDetail} URI, or null
 * @param wsmanCode the uint32 {@code f:WSManFault/@Code}, or null for no WSManFault element
 * @param machine the {@code Machine} attribute, or null
 * @param message the {@code f:Message} text, or null
 */
public record WsmanFault(
    SoapCode code,
    QName subcode,
    String reason,
    String lang,
    String faultDetail,
    Long wsmanCode,
    String machine,
    String message) {

  /** The reason language Windows writes. */
  public static final String DEFAULT_LANG = "en-US";

  /** {@code w:FaultDetail} for selectors the resource does not expect. */
  public static final String DETAIL_UNEXPECTED_SELECTORS =
      Namespaces.FAULT_DETAIL_PREFIX + "UnexpectedSelectors";

  /** {@code w:FaultDetail} for a selector whose value is wrong. */
  public static final String DETAIL_INVALID_VALUE = Namespaces.FAULT_DETAIL_PREFIX + "InvalidValue";

  /** {@code w:FaultDetail} for a requested MaxEnvelopeSize that is too small or too large. */
  public static final String DETAIL_MAX_ENVELOPE_SIZE =
      Namespaces.FAULT_DETAIL_PREFIX + "MaxEnvelopeSize";

  /** {@code w:FaultDetail} when a response would exceed MaxEnvelopeSize. */
  public static final String DETAIL_MAX_ENVELOPE_SIZE_EXCEEDED =
      Namespaces.FAULT_DETAIL_PREFIX + "MaxEnvelopeSizeExceeded";

  /** {@code w:FaultDetail} for an invalid OperationTimeout or other value. */
  public static final String DETAIL_INVALID_TIMEOUT =
      Namespaces.FAULT_DETAIL_PREFIX + "InvalidTimeout";

  static final QName FAULT = new QName(Namespaces.SOAP, "Fault", "s");
  private static final QName CODE = new QName(Namespaces.SOAP, "Code", "s");
  private static final QName SUBCODE = new QName(Namespaces.SOAP, "Subcode", "s");
  private static final QName VALUE = new QName(Namespaces.SOAP, "Value", "s");
  private static final QName REASON = new QName(Namespaces.SOAP, "Reason", "s");
  private static final QName TEXT = new QName(Namespaces.SOAP, "Text", "s");
  private static final QName DETAIL = new QName(Namespaces.SOAP, "Detail", "s");
  private static final QName FAULT_DETAIL = new QName(Namespaces.WSMAN, "FaultDetail", "w");
  private static final QName WSMAN_FAULT = new QName(Namespaces.WSMAN_FAULT, "WSManFault", "f");
  private static final QName MESSAGE = new QName(Namespaces.WSMAN_FAULT, "Message", "f");
  private static final long UINT32_MAX = 0xFFFF_FFFFL;

  /** Checks the fields. */
  public WsmanFault {
    Objects.requireNonNull(code, "code");
    reason = reason == null ? "" : reason;
    lang = lang == null || lang.isEmpty() ? DEFAULT_LANG : lang;
    if (wsmanCode != null && (wsmanCode < 0 || wsmanCode > UINT32_MAX)) {
      throw new IllegalArgumentException("WSManFault code is not a uint32: " + wsmanCode);
    }
  }

  /** The table entry of this fault. */
  public FaultType type() {
    return FaultType.of(code, subcode);
  }

  /** The WSManFault code as a known constant, if it is one. */
  public Optional<WsmanErrorCode> errorCode() {
    return wsmanCode == null ? Optional.empty() : WsmanErrorCode.fromValue(wsmanCode);
  }

  /** This fault with a {@code Machine} attribute. */
  public WsmanFault withMachine(String newMachine) {
    return new WsmanFault(code, subcode, reason, lang, faultDetail, wsmanCode, newMachine, message);
  }

  /** This fault with a {@code w:FaultDetail} URI. */
  public WsmanFault withFaultDetail(String uri) {
    return new WsmanFault(code, subcode, reason, lang, uri, wsmanCode, machine, message);
  }

  /** This fault with another WSManFault code. */
  public WsmanFault withWsmanCode(long newCode) {
    return new WsmanFault(code, subcode, reason, lang, faultDetail, newCode, machine, message);
  }

  /** The typed exception carrying this fault. */
  public WsmanFaultException toException() {
    return WsmanFaultException.of(this);
  }

  /** The {@code s:Fault} body element. */
  public XmlElement toElement() {
    XmlElement.Builder codeEl = XmlElement.builder(CODE).child(VALUE, prefixed(code.qname()));
    XmlElement.Builder fault = XmlElement.builder(FAULT);
    if (subcode != null) {
      String prefix = subcode.getPrefix().isEmpty() ? "sc" : subcode.getPrefix();
      String standard = Namespaces.standardPrefix(subcode.getNamespaceURI()).orElse(prefix);
      fault.namespace(standard, subcode.getNamespaceURI());
      codeEl.child(
          XmlElement.builder(SUBCODE)
              .child(VALUE, standard + ":" + subcode.getLocalPart())
              .build());
    }
    fault.child(codeEl.build());
    fault.child(
        XmlElement.builder(REASON)
            .child(
                XmlElement.builder(TEXT).attribute(XmlElement.XML_LANG, lang).text(reason).build())
            .build());
    if (faultDetail != null || wsmanCode != null) {
      XmlElement.Builder detail = XmlElement.builder(DETAIL);
      if (wsmanCode != null) {
        XmlElement.Builder wf =
            XmlElement.builder(WSMAN_FAULT).attribute("Code", Long.toString(wsmanCode));
        if (machine != null) {
          wf.attribute("Machine", machine);
        }
        wf.child(MESSAGE, message == null ? "" : message);
        detail.child(wf.build());
      }
      if (faultDetail != null) {
        detail.child(FAULT_DETAIL, faultDetail);
      }
      fault.child(detail.build());
    }
    return fault.build();
  }

  /** A fault envelope answering {@code request}: RelatesTo echoes its MessageID. */
  public Envelope toEnvelope(Envelope request) {
    return Envelope.responseTo(request, type().action()).body(toElement()).build();
  }

  /**
   * Reads the {@code s:Fault} of {@code envelope}, if its body holds one.
   *
   * @throws WsmanFaultException.SchemaValidationError if the fault has no SOAP code
   */
  public static Optional<WsmanFault> from(Envelope envelope) {
    Optional<XmlElement> first = envelope.bodyElement();
    if (first.isEmpty() || !first.get().name().equals(FAULT)) {
      return Optional.empty();
    }
    XmlElement f = first.get();
    List<Map<String, String>> scopes = new ArrayList<>();
    scopes.add(f.namespaces());
    scopes.add(envelope.bodyNamespaces());
    scopes.add(envelope.namespaces());
    XmlElement codeEl = f.child(CODE).orElse(null);
    QName codeName = codeEl == null ? null : resolve(codeEl, VALUE, scopes);
    SoapCode soapCode = codeName == null ? null : SoapCode.fromQName(codeName).orElse(null);
    if (soapCode == null) {
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception(
          "s:Fault without a SOAP 1.2 s:Code/s:Value");
    }
    QName sub = null;
    Optional<XmlElement> subEl = codeEl.child(SUBCODE);
    if (subEl.isPresent()) {
      List<Map<String, String>> inner = new ArrayList<>(scopes);
      inner.add(0, codeEl.namespaces());
      inner.add(0, subEl.get().namespaces());
      sub = resolve(subEl.get(), VALUE, inner);
    }
    Optional<XmlElement> text = f.child(REASON).flatMap(r -> r.child(TEXT));
    String reason = text.map(XmlElement::text).orElse("");
    String lang = text.flatMap(t -> t.attribute(XmlElement.XML_LANG)).orElse(DEFAULT_LANG);
    Optional<XmlElement> detail = f.child(DETAIL);
    String faultDetail =
        detail.flatMap(d -> d.childText(FAULT_DETAIL)).map(String::strip).orElse(null);
    Optional<XmlElement> wf = detail.flatMap(d -> d.child(WSMAN_FAULT));
    Long wsmanCode = wf.flatMap(w -> w.attribute("Code")).map(WsmanFault::parseCode).orElse(null);
    String machine = wf.flatMap(w -> w.attribute("Machine")).orElse(null);
    String message = wf.map(WsmanFault::messageText).orElse(null);
    return Optional.of(
        new WsmanFault(soapCode, sub, reason, lang, faultDetail, wsmanCode, machine, message));
  }

  private static QName resolve(XmlElement parent, QName child, List<Map<String, String>> scopes) {
    Optional<XmlElement> v = parent.child(child);
    if (v.isEmpty()) {
      return null;
    }
    List<Map<String, String>> inner = new ArrayList<>(scopes);
    inner.add(0, parent.namespaces());
    inner.add(0, v.get().namespaces());
    return QNames.resolve(v.get().text(), inner);
  }

  private static String messageText(XmlElement wsmanFault) {
    Optional<XmlElement> m = wsmanFault.child(MESSAGE);
    if (m.isEmpty()) {
      return null;
    }
    if (!m.get().text().isBlank() || m.get().children().isEmpty()) {
      return m.get().text().strip();
    }
    // f:Message/f:ProviderFault/...: the first non-blank text inside.
    return firstText(m.get());
  }

  private static String firstText(XmlElement e) {
    if (!e.text().isBlank()) {
      return e.text().strip();
    }
    for (XmlElement c : e.children()) {
      String t = firstText(c);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static Long parseCode(String text) {
    try {
      long v = Long.parseLong(text.strip());
      return v >= 0 && v <= UINT32_MAX ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String prefixed(QName name) {
    return Namespaces.standardPrefix(name.getNamespaceURI()).orElse(name.getPrefix())
        + ":"
        + name.getLocalPart();
  }
}
