package org.openrms.wsman;

import java.util.Optional;
import javax.xml.namespace.QName;

/** The SOAP 1.2 fault codes ({@code s:Code/s:Value}). */
public enum SoapCode {
  /** The envelope is not SOAP 1.2. */
  VERSION_MISMATCH("VersionMismatch"),
  /** A mandatory header was not understood. */
  MUST_UNDERSTAND("MustUnderstand"),
  /** An unsupported data encoding. */
  DATA_ENCODING_UNKNOWN("DataEncodingUnknown"),
  /** The sender's message is wrong. */
  SENDER("Sender"),
  /** The receiver failed to process a correct message. */
  RECEIVER("Receiver");

  private final QName qname;

  SoapCode(String localName) {
    this.qname = new QName(Namespaces.SOAP, localName, "s");
  }

  /** The qualified name written as {@code s:Value} text. */
  public QName qname() {
    return qname;
  }

  /** The code named {@code name}, if it is a SOAP 1.2 code. */
  public static Optional<SoapCode> fromQName(QName name) {
    for (SoapCode c : values()) {
      if (c.qname.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
