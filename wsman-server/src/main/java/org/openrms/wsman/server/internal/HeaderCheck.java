package org.openrms.wsman.server.internal;

import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;

/**
 * SOAP 1.2 mustUnderstand: a header block marked {@code mustUnderstand="true"} (qualified or, as
 * pywinrm writes it, unqualified) that the listener does not process makes the request fail with
 * {@code s:MustUnderstand}. The listener understands the WS-Addressing headers, {@code
 * w:ResourceURI}, {@code w:SelectorSet}, {@code w:OptionSet}, {@code w:MaxEnvelopeSize}, {@code
 * w:OperationTimeout}, {@code w:Locale} and the MS-WSMV {@code p:DataLocale}, {@code p:SessionId},
 * {@code p:OperationID} and {@code p:SequenceId}. It does not implement {@code w:FragmentTransfer}
 * and so refuses it when it is marked mustUnderstand.
 */
final class HeaderCheck {
  private static final Set<QName> UNDERSTOOD =
      Set.of(
          a("To"),
          a("ReplyTo"),
          a("FaultTo"),
          a("From"),
          a("Action"),
          a("MessageID"),
          a("RelatesTo"),
          w("ResourceURI"),
          w("SelectorSet"),
          w("OptionSet"),
          w("MaxEnvelopeSize"),
          w("OperationTimeout"),
          w("Locale"),
          p("DataLocale"),
          p("SessionId"),
          p("OperationID"),
          p("SequenceId"));

  private static final QName NOT_UNDERSTOOD = new QName(Namespaces.SOAP, "NotUnderstood", "s");

  private HeaderCheck() {}

  private static QName a(String local) {
    return new QName(Namespaces.ADDRESSING, local);
  }

  private static QName w(String local) {
    return new QName(Namespaces.WSMAN, local);
  }

  private static QName p(String local) {
    return new QName(Namespaces.WSMV, local);
  }

  /** The first header marked mustUnderstand that is not understood. */
  static Optional<QName> notUnderstood(Envelope envelope) {
    for (XmlElement h : envelope.header().children()) {
      QName n = new QName(h.name().getNamespaceURI(), h.name().getLocalPart());
      if (!UNDERSTOOD.contains(n) && mustUnderstand(h)) {
        return Optional.of(h.name());
      }
    }
    return Optional.empty();
  }

  private static boolean mustUnderstand(XmlElement e) {
    String v =
        e.attribute(Envelope.MUST_UNDERSTAND).or(() -> e.attribute("mustUnderstand")).orElse("");
    return v.strip().equals("true") || v.strip().equals("1");
  }

  /** The SOAP 1.2 {@code s:NotUnderstood qname="…"} header block of the fault. */
  static XmlElement notUnderstoodHeader(QName header) {
    String ns = header.getNamespaceURI();
    String prefix = Namespaces.standardPrefix(ns).orElse("nu");
    XmlElement.Builder b = XmlElement.builder(NOT_UNDERSTOOD);
    if (ns.isEmpty()) {
      return b.attribute("qname", header.getLocalPart()).build();
    }
    return b.namespace(prefix, ns).attribute("qname", prefix + ":" + header.getLocalPart()).build();
  }
}
