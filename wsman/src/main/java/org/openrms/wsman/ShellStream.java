package org.openrms.wsman;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;

/**
 * One {@code rsp:Stream} of a Send or ReceiveResponse: base64 data of a named stream.
 *
 * @param name {@code stdin}, {@code stdout} or {@code stderr}
 * @param commandId the {@code CommandId} attribute, or null
 * @param data the decoded bytes (copied)
 * @param end the {@code End="true"} attribute: the last chunk of the stream
 */
public record ShellStream(String name, String commandId, byte[] data, boolean end) {
  static final QName STREAM = Shells.rsp("Stream");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Copies the data. */
  public ShellStream {
    Objects.requireNonNull(name, "name");
    data = data == null ? new byte[0] : data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The element. */
  public XmlElement toElement() {
    XmlElement.Builder b = XmlElement.builder(STREAM).attribute("Name", name);
    if (commandId != null) {
      b.attribute("CommandId", commandId);
    }
    if (end) {
      b.attribute("End", "true");
    }
    return b.text(Base64.getEncoder().encodeToString(data)).build();
  }

  /**
   * Reads an {@code rsp:Stream}.
   *
   * @throws WsmanFaultException.SchemaValidationError if Name is missing or the text is not base64
   */
  public static ShellStream from(XmlElement e) {
    String name = e.attribute("Name").orElseThrow(() -> Shells.schema("rsp:Stream without Name"));
    byte[] data;
    try {
      data = Base64.getDecoder().decode(WHITESPACE.matcher(e.text()).replaceAll(""));
    } catch (IllegalArgumentException ex) {
      throw Shells.schema("rsp:Stream text is not base64");
    }
    boolean end =
        e.attribute("End")
            .map(v -> v.strip().equals("true") || v.strip().equals("1"))
            .orElse(false);
    return new ShellStream(name, e.attribute("CommandId").orElse(null), data, end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShellStream s
        && name.equals(s.name)
        && Objects.equals(commandId, s.commandId)
        && Arrays.equals(data, s.data)
        && end == s.end;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, commandId, Arrays.hashCode(data), end);
  }

  @Override
  public String toString() {
    return "ShellStream[" + name + ", " + data.length + " bytes" + (end ? ", end" : "") + "]";
  }
}
