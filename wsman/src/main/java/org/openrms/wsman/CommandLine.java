package org.openrms.wsman;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * The {@code rsp:CommandLine} body of a WinRS Command: {@code rsp:Command} and one {@code
 * rsp:Arguments} per argument (pywinrm sends all arguments joined by spaces in one element).
 *
 * @param command the command
 * @param arguments the arguments in order
 */
public record CommandLine(String command, List<String> arguments) {
  static final QName COMMAND_LINE = Shells.rsp("CommandLine");
  private static final QName COMMAND = Shells.rsp("Command");
  private static final QName ARGUMENTS = Shells.rsp("Arguments");

  /** Copies the arguments. */
  public CommandLine {
    Objects.requireNonNull(command, "command");
    arguments = List.copyOf(arguments);
  }

  /** The element. */
  public XmlElement toElement() {
    XmlElement.Builder b = XmlElement.builder(COMMAND_LINE).child(COMMAND, command);
    for (String a : arguments) {
      b.child(ARGUMENTS, a);
    }
    return b.build();
  }

  /**
   * Reads an {@code rsp:CommandLine}.
   *
   * @throws WsmanFaultException.SchemaValidationError if it is not one or has no command
   */
  public static CommandLine from(XmlElement e) {
    if (!e.name().equals(COMMAND_LINE)) {
      throw Shells.schema("expected rsp:CommandLine, got " + e.name());
    }
    String command =
        e.childText(COMMAND).orElseThrow(() -> Shells.schema("rsp:Command is missing"));
    List<String> args = new ArrayList<>();
    for (XmlElement a : e.children(ARGUMENTS)) {
      args.add(a.text());
    }
    return new CommandLine(command, args);
  }

  /** The command line as one string: the command and the arguments joined by spaces. */
  public String joined() {
    return arguments.isEmpty() ? command : command + " " + String.join(" ", arguments);
  }
}
