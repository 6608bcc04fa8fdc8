package org.openrms.wsman;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * The {@code rsp:Shell} body of a WinRS Create.
 *
 * @param inputStreams {@code rsp:InputStreams}, e.g. "stdin"
 * @param outputStreams {@code rsp:OutputStreams}, e.g. "stdout stderr"
 * @param workingDirectory {@code rsp:WorkingDirectory}, or null
 * @param environment {@code rsp:Environment/rsp:Variable Name} in order
 * @param idleTimeout {@code rsp:IdleTimeOut}, or null
 */
public record ShellCreate(
    String inputStreams,
    String outputStreams,
    String workingDirectory,
    Map<String, String> environment,
    Duration idleTimeout) {
  static final QName SHELL = Shells.rsp("Shell");
  static final QName RESOURCE_URI = Shells.rsp("ResourceUri");
  private static final QName INPUT = Shells.rsp("InputStreams");
  private static final QName OUTPUT = Shells.rsp("OutputStreams");
  private static final QName WORKING_DIRECTORY = Shells.rsp("WorkingDirectory");
  private static final QName ENVIRONMENT = Shells.rsp("Environment");
  private static final QName VARIABLE = Shells.rsp("Variable");
  private static final QName IDLE_TIMEOUT = Shells.rsp("IdleTimeOut");

  /** Copies the environment. */
  public ShellCreate {
    Objects.requireNonNull(inputStreams, "inputStreams");
    Objects.requireNonNull(outputStreams, "outputStreams");
    environment =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(environment == null ? Map.of() : environment));
  }

  /** What pywinrm sends: stdin in, stdout and stderr out, nothing else. */
  public static ShellCreate standard() {
    return new ShellCreate("stdin", "stdout stderr", null, Map.of(), null);
  }

  /** The element. */
  public XmlElement toElement() {
    XmlElement.Builder b = XmlElement.builder(SHELL);
    if (workingDirectory != null) {
      b.child(WORKING_DIRECTORY, workingDirectory);
    }
    if (!environment.isEmpty()) {
      XmlElement.Builder env = XmlElement.builder(ENVIRONMENT);
      environment.forEach(
          (k, v) -> env.child(XmlElement.builder(VARIABLE).attribute("Name", k).text(v).build()));
      b.child(env.build());
    }
    if (idleTimeout != null) {
      b.child(IDLE_TIMEOUT, Durations.format(idleTimeout));
    }
    b.child(INPUT, inputStreams).child(OUTPUT, outputStreams);
    return b.build();
  }

  /**
   * Reads an {@code rsp:Shell}.
   *
   * @throws WsmanFaultException.SchemaValidationError if it is not one, or IdleTimeOut is invalid
   */
  public static ShellCreate from(XmlElement shell) {
    if (!shell.name().equals(SHELL)) {
      throw Shells.schema("expected rsp:Shell, got " + shell.name());
    }
    Map<String, String> env = new LinkedHashMap<>();
    shell
        .child(ENVIRONMENT)
        .ifPresent(
            e -> {
              for (XmlElement v : e.children(VARIABLE)) {
                env.put(v.attribute("Name").orElse(""), v.text());
              }
            });
    Duration idle;
    try {
      idle = shell.childText(IDLE_TIMEOUT).map(Durations::parse).orElse(null);
    } catch (IllegalArgumentException e) {
      throw Shells.schema("rsp:IdleTimeOut is not an xs:duration");
    }
    return new ShellCreate(
        shell.childText(INPUT).map(String::strip).orElse(""),
        shell.childText(OUTPUT).map(String::strip).orElse(""),
        shell.childText(WORKING_DIRECTORY).orElse(null),
        env,
        idle);
  }
}
