package org.openrms.rms.server.internal.wsman;

import javax.xml.namespace.QName;
import org.openrms.rms.server.RightsManagement;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.XmlElement;
import org.openrms.wsman.server.ResourceRequest;

/** Names and small parsing helpers shared by the management resources. */
final class Xml {
  private Xml() {}

  static QName u(String local) {
    return new QName(RightsManagement.NAMESPACE, local, "u");
  }

  /** The request body's root element, which must be {@code expected}. */
  static XmlElement body(ResourceRequest request, QName expected) {
    XmlElement body =
        request
            .body()
            .orElseThrow(
                () ->
                    FaultType.SCHEMA_VALIDATION_ERROR.exception(
                        "The request body must hold a " + expected.getLocalPart() + " element."));
    if (!body.name().equals(expected)) {
      throw FaultType.SCHEMA_VALIDATION_ERROR.exception(
          "The request body must hold a "
              + expected.getLocalPart()
              + " element in "
              + expected.getNamespaceURI()
              + ", not "
              + body.name().getLocalPart());
    }
    return body;
  }

  /** {@code true}/{@code false} (also 1/0, as xs:boolean), or a schema fault naming the field. */
  static Boolean bool(XmlElement parent, String local) {
    return parent
        .childText(u(local))
        .map(String::strip)
        .map(
            t ->
                switch (t) {
                  case "true", "1" -> Boolean.TRUE;
                  case "false", "0" -> Boolean.FALSE;
                  default ->
                      throw FaultType.SCHEMA_VALIDATION_ERROR.exception(
                          local + " must be true or false");
                })
        .orElse(null);
  }

  static WsmanFaultException noSuchLogin(String login) {
    return FaultType.INVALID_SELECTORS.exception("There is no account with the Login " + login);
  }
}
