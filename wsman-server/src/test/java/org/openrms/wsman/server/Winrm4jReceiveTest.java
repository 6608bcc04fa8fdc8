package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.ReceiveResponse;

/**
 * winrm4j 0.12.3 (JAXB) writes the CommandId of {@code rsp:DesiredStream} as a shell-namespace
 * attribute ({@code ns2:CommandId}), where pywinrm writes it unqualified; both name the command.
 * The request below has the shape winrm4j sends (found by interop-tests): {@code soap:} prefix,
 * default namespace declarations, no mustUnderstand, {@code urn:uuid:} MessageID.
 */
class Winrm4jReceiveTest {
  private static WsmanListener listener;

  @BeforeAll
  static void start() {
    listener = TestListeners.start(b -> {});
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  @AfterEach
  void noLeaks() {
    assertThat(listener.openShells()).isZero();
    assertThat(listener.liveProcesses()).isZero();
  }

  private static String receive(String messageId, String shellId, String commandId) {
    String wsman =
        " xmlns=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
            + " xmlns:ns2=\"http://schemas.microsoft.com/wbem/wsman/1/windows/shell\""
            + " xmlns:ns3=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\"";
    String addressing = " xmlns=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\"";
    return "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Header>"
        + "<Action"
        + addressing
        + ">http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive"
        + "</Action><MessageID"
        + addressing
        + ">"
        + messageId
        + "</MessageID>"
        + "<To"
        + addressing
        + ">http://127.0.0.1:5985/wsman</To>"
        + "<ReplyTo"
        + addressing
        + "><Address>"
        + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</Address></ReplyTo>"
        + "<ResourceURI"
        + wsman
        + ">http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd"
        + "</ResourceURI><MaxEnvelopeSize"
        + wsman
        + ">153600</MaxEnvelopeSize>"
        + "<OperationTimeout"
        + wsman
        + ">PT60S</OperationTimeout>"
        + "<Locale"
        + wsman
        + " xml:lang=\"en-US\"/>"
        + "<SelectorSet"
        + wsman
        + "><Selector Name=\"ShellId\">"
        + shellId
        + "</Selector>"
        + "</SelectorSet></soap:Header><soap:Body><ns2:Receive"
        + wsman
        + ">"
        + "<ns2:DesiredStream ns2:CommandId=\""
        + commandId
        + "\">stdout stderr</ns2:DesiredStream>"
        + "</ns2:Receive></soap:Body></soap:Envelope>";
  }

  @Test
  void aShellQualifiedCommandIdOnDesiredStreamNamesTheCommand() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shellId = c.create();
      String commandId = c.command(shellId, "echo out; exit 3");
      StringBuilder out = new StringBuilder();
      ReceiveResponse r;
      do {
        String messageId = "urn:uuid:" + UUID.randomUUID();
        RawConnection.Answer a =
            c.connection.post(
                receive(messageId, shellId, commandId).getBytes(StandardCharsets.UTF_8),
                "Authorization",
                c.authorization);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        org.openrms.wsman.Envelope e = TestListeners.parse(a);
        assertThat(e.relatesTo()).contains(messageId);
        r = ReceiveResponse.from(e.bodyElement().orElseThrow());
        out.append(new String(r.output("stdout"), StandardCharsets.UTF_8));
      } while (!r.done());
      assertThat(out).hasToString("out\n");
      assertThat(r.exitCode()).isEqualTo(3L);
      c.delete(shellId);
    }
  }
}
