package org.openrms.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * WinRS ({@code rsp:}) body helpers for the messages that are too small for their own type:
 * Receive, CommandResponse, SignalResponse, the Create response, and finding the ShellId and
 * CommandId the way clients do.
 */
public final class Shells {
  /** The WinRS options pywinrm sends on Create. */
  public static final String OPTION_NOPROFILE = "WINRS_NOPROFILE";

  /** Codepage option of Create (pywinrm: 437). */
  public static final String OPTION_CODEPAGE = "WINRS_CODEPAGE";

  /** Option of Command. */
  public static final String OPTION_CONSOLEMODE_STDIN = "WINRS_CONSOLEMODE_STDIN";

  /** Option of Command. */
  public static final String OPTION_SKIP_CMD_SHELL = "WINRS_SKIP_CMD_SHELL";

  /** The ShellId selector name. */
  public static final String SELECTOR_SHELL_ID = "ShellId";

  static final QName RECEIVE = rsp("Receive");
  static final QName DESIRED_STREAM = rsp("DesiredStream");
  static final QName COMMAND_RESPONSE = rsp("CommandResponse");
  static final QName COMMAND_ID = rsp("CommandId");
  static final QName SIGNAL_RESPONSE = rsp("SignalResponse");
  static final QName SEND_RESPONSE = rsp("SendResponse");
  static final QName SHELL_ID = rsp("ShellId");
  static final QName RESOURCE_CREATED = new QName(Namespaces.TRANSFER, "ResourceCreated", "x");
  static final QName REFERENCE_PARAMETERS =
      new QName(Namespaces.ADDRESSING, "ReferenceParameters", "a");

  private Shells() {}

  static QName rsp(String local) {
    return new QName(Namespaces.SHELL, local, "rsp");
  }

  static WsmanFaultException schema(String message) {
    return FaultType.SCHEMA_VALIDATION_ERROR.exception(message);
  }

  /**
   * {@code rsp:Receive/rsp:DesiredStream CommandId} holding {@code streams} (e.g. "stdout stderr").
   */
  public static XmlElement receive(String commandId, String streams) {
    XmlElement.Builder d = XmlElement.builder(DESIRED_STREAM);
    if (commandId != null) {
      d.attribute("CommandId", commandId);
    }
    return XmlElement.builder(RECEIVE).child(d.text(streams).build()).build();
  }

  /** The CommandId of a Receive's DesiredStream, if any. */
  public static Optional<String> receiveCommandId(XmlElement receive) {
    return receive.child(DESIRED_STREAM).flatMap(d -> d.attribute("CommandId"));
  }

  /** {@code rsp:CommandResponse/rsp:CommandId}. */
  public static XmlElement commandResponse(String commandId) {
    return XmlElement.builder(COMMAND_RESPONSE).child(COMMAND_ID, commandId).build();
  }

  /** The CommandId of a CommandResponse. */
  public static Optional<String> commandId(XmlElement commandResponse) {
    return commandResponse.childText(COMMAND_ID).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** An empty {@code rsp:SignalResponse}. */
  public static XmlElement signalResponse() {
    return XmlElement.of(SIGNAL_RESPONSE);
  }

  /** An empty {@code rsp:SendResponse}. */
  public static XmlElement sendResponse() {
    return XmlElement.of(SEND_RESPONSE);
  }

  /**
   * The body of a Create response as Windows writes it: {@code x:ResourceCreated} (address and
   * reference parameters with the ShellId selector) and the created {@code rsp:Shell}.
   */
  public static List<XmlElement> createResponse(String address, String shellId, ShellCreate shell) {
    XmlElement selectorSet =
        XmlElement.builder(Envelope.SELECTOR_SET)
            .child(
                XmlElement.builder(Envelope.SELECTOR)
                    .attribute("Name", SELECTOR_SHELL_ID)
                    .text(shellId)
                    .build())
            .build();
    XmlElement created =
        XmlElement.builder(RESOURCE_CREATED)
            .child(Envelope.ADDRESS, address)
            .child(
                XmlElement.builder(REFERENCE_PARAMETERS)
                    .child(Envelope.RESOURCE_URI, Namespaces.RESOURCE_CMD_SHELL)
                    .child(selectorSet)
                    .build())
            .build();
    XmlElement.Builder s = XmlElement.builder(ShellCreate.SHELL).child(SHELL_ID, shellId);
    s.child(ShellCreate.RESOURCE_URI, Namespaces.RESOURCE_CMD_SHELL);
    for (XmlElement c : shell.toElement().children()) {
      s.child(c);
    }
    List<XmlElement> out = new ArrayList<>();
    out.add(created);
    out.add(s.build());
    return out;
  }

  /**
   * The ShellId of a Create response, found as pywinrm finds it (the first element with {@code
   * Name="ShellId"}), else as an {@code rsp:ShellId} element (winrm-rs, pypsrp).
   */
  public static Optional<String> shellId(Envelope createResponse) {
    Optional<String> bySelector = find(createResponse.body(), true);
    return bySelector.isPresent() ? bySelector : find(createResponse.body(), false);
  }

  private static Optional<String> find(XmlElement e, boolean selector) {
    if (selector
        ? e.attribute("Name").map(SELECTOR_SHELL_ID::equals).orElse(false)
        : e.name().equals(SHELL_ID)) {
      return Optional.of(e.text().strip());
    }
    for (XmlElement c : e.children()) {
      Optional<String> found = find(c, selector);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
