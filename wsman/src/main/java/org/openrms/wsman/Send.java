package org.openrms.wsman;

import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;

/**
 * The {@code rsp:Send} body: stdin chunks, the last one with {@code End="true"}.
 *
 * @param streams the chunks
 */
public record Send(List<ShellStream> streams) {
  static final QName SEND = Shells.rsp("Send");

  /** Copies the chunks. */
  public Send {
    streams = List.copyOf(streams);
  }

  /** One stdin chunk for {@code commandId}. */
  public static Send stdin(String commandId, byte[] data, boolean end) {
    return new Send(List.of(new ShellStream("stdin", commandId, data, end)));
  }

  /** The element. */
  public XmlElement toElement() {
    XmlElement.Builder b = XmlElement.builder(SEND);
    streams.forEach(s -> b.child(s.toElement()));
    return b.build();
  }

  /**
   * Reads an {@code rsp:Send}.
   *
   * @throws WsmanFaultException.SchemaValidationError if it is not one
   */
  public static Send from(XmlElement e) {
    if (!e.name().equals(SEND)) {
      throw Shells.schema("expected rsp:Send, got " + e.name());
    }
    List<ShellStream> out = new ArrayList<>();
    for (XmlElement s : e.children(ShellStream.STREAM)) {
      out.add(ShellStream.from(s));
    }
    return new Send(out);
  }
}
