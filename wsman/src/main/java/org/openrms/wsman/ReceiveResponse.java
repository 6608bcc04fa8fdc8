package org.openrms.wsman;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;

/**
 * The {@code rsp:ReceiveResponse} body: output chunks in document order, then {@code
 * rsp:CommandState} with {@code rsp:ExitCode} once the command is done.
 *
 * @param streams the {@code rsp:Stream} chunks in order
 * @param commandId the CommandId of {@code rsp:CommandState}, or null
 * @param state the state, or null when the response carries none
 * @param exitCode the exit code (present when {@code state} is DONE), or null
 */
public record ReceiveResponse(
    List<ShellStream> streams, String commandId, CommandState state, Long exitCode) {
  static final QName RECEIVE_RESPONSE = Shells.rsp("ReceiveResponse");
  private static final QName COMMAND_STATE = Shells.rsp("CommandState");
  private static final QName EXIT_CODE = Shells.rsp("ExitCode");

  /** Copies the streams; DONE requires an exit code. */
  public ReceiveResponse {
    streams = List.copyOf(streams);
    if (state == CommandState.DONE && exitCode == null) {
      throw new IllegalArgumentException("a Done command state needs an exit code");
    }
  }

  /** Whether the command has finished. */
  public boolean done() {
    return state == CommandState.DONE;
  }

  /** The concatenated bytes of every chunk of stream {@code name}. */
  public byte[] output(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ShellStream s : streams) {
      if (s.name().equals(name)) {
        out.writeBytes(s.data());
      }
    }
    return out.toByteArray();
  }

  /** The element. */
  public XmlElement toElement() {
    XmlElement.Builder b = XmlElement.builder(RECEIVE_RESPONSE);
    streams.forEach(s -> b.child(s.toElement()));
    if (state != null) {
      XmlElement.Builder cs = XmlElement.builder(COMMAND_STATE);
      if (commandId != null) {
        cs.attribute("CommandId", commandId);
      }
      cs.attribute("State", state.uri());
      if (exitCode != null) {
        cs.child(EXIT_CODE, Long.toString(exitCode));
      }
      b.child(cs.build());
    }
    return b.build();
  }

  /**
   * Reads an {@code rsp:ReceiveResponse}.
   *
   * @throws WsmanFaultException.SchemaValidationError if it is not one, a stream is malformed, or a
   *     Done state has no numeric exit code
   */
  public static ReceiveResponse from(XmlElement e) {
    if (!e.name().equals(RECEIVE_RESPONSE)) {
      throw Shells.schema("expected rsp:ReceiveResponse, got " + e.name());
    }
    List<ShellStream> streams = new ArrayList<>();
    for (XmlElement s : e.children(ShellStream.STREAM)) {
      streams.add(ShellStream.from(s));
    }
    XmlElement cs = e.child(COMMAND_STATE).orElse(null);
    if (cs == null) {
      return new ReceiveResponse(streams, null, null, null);
    }
    String stateUri = cs.attribute("State").orElse("");
    CommandState state =
        CommandState.fromUri(stateUri)
            .orElseThrow(() -> Shells.schema("unknown rsp:CommandState State"));
    Long exit = null;
    if (cs.child(EXIT_CODE).isPresent()) {
      try {
        exit = Long.parseLong(cs.childText(EXIT_CODE).orElse("").strip());
      } catch (NumberFormatException ex) {
        throw Shells.schema("rsp:ExitCode is not a number");
      }
    } else if (state == CommandState.DONE) {
      throw Shells.schema("rsp:CommandState Done without rsp:ExitCode");
    }
    return new ReceiveResponse(streams, cs.attribute("CommandId").orElse(null), state, exit);
  }
}
