package org.openrms.wsman;

import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * The {@code rsp:Signal CommandId} body with its {@code rsp:Code} URI.
 *
 * @param commandId the command signalled, or null for the shell
 * @param code the signal
 */
public record Signal(String commandId, SignalCode code) {
  static final QName SIGNAL = Shells.rsp("Signal");
  private static final QName CODE = Shells.rsp("Code");

  /** Checks the code. */
  public Signal {
    Objects.requireNonNull(code, "code");
  }

  /** The element. */
  public XmlElement toElement() {
    XmlElement.Builder b = XmlElement.builder(SIGNAL);
    if (commandId != null) {
      b.attribute("CommandId", commandId);
    }
    return b.child(CODE, code.uri()).build();
  }

  /**
   * Reads an {@code rsp:Signal}.
   *
   * @throws WsmanFaultException.SchemaValidationError if it is not one or the code is unknown
   */
  public static Signal from(XmlElement e) {
    if (!e.name().equals(SIGNAL)) {
      throw Shells.schema("expected rsp:Signal, got " + e.name());
    }
    SignalCode code =
        SignalCode.fromUri(e.childText(CODE).orElse(""))
            .orElseThrow(() -> Shells.schema("unknown rsp:Signal code"));
    return new Signal(e.attribute("CommandId").orElse(null), code);
  }
}
