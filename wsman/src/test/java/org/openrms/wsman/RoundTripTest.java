package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message kind survives write then read, in UTF-8 and UTF-16. */
class RoundTripTest {
  private static final String TO = "http://host:5985/wsman";

  static Stream<Arguments> messages() {
    Envelope get =
        Envelope.request(
                TO, Namespaces.RESOURCE_WMI_PREFIX + "root/cimv2/Win32_Service", Actions.GET)
            .selector("Name", "WinRM")
            .selector("Other", "x&<y>\"'")
            .fragmentTransfer("Status")
            .sessionId("uuid:11111111-0000-4000-8000-000000000000")
            .build();
    Envelope request = Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.CREATE).build();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "C:\\bin");
    env.put("LANG", "en_US.UTF-8");
    Envelope create =
        Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.CREATE)
            .maxEnvelopeSize(153600, true)
            .operationTimeout(Duration.ofMillis(1500))
            .option(new WsmanOption("WINRS_CODEPAGE", "65001", true))
            .optionSetMustUnderstand(true)
            .body(
                new ShellCreate("stdin", "stdout stderr", "C:\\temp", env, Duration.ofMinutes(5))
                    .toElement())
            .build();
    XmlElement[] createdBody =
        Shells.createResponse(TO, "S-1", ShellCreate.standard()).toArray(new XmlElement[0]);
    return Stream.of(
        Arguments.of("get", get),
        Arguments.of(
            "get response",
            Envelope.responseTo(get, Actions.GET_RESPONSE)
                .body(
                    XmlElement.builder(new QName("urn:custom", "Service", "svc"))
                        .attribute(new QName("urn:custom", "kind", "svc"), "auto")
                        .child(new QName("urn:custom", "State"), "Running")
                        .build())
                .build()),
        Arguments.of(
            "put",
            Envelope.request(TO, "urn:r", Actions.PUT)
                .body(XmlElement.text(new QName("urn:r", "V"), "1"))
                .build()),
        Arguments.of(
            "delete",
            Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.DELETE)
                .selector("ShellId", "S-1")
                .build()),
        Arguments.of("create shell", create),
        Arguments.of(
            "create response",
            Envelope.responseTo(request, Actions.CREATE_RESPONSE).body(createdBody).build()),
        Arguments.of(
            "enumerate",
            Envelope.request(TO, Namespaces.RESOURCE_WMI_PREFIX + "root/cimv2/*", Actions.ENUMERATE)
                .body(
                    XmlElement.builder(new QName(Namespaces.ENUMERATION, "Enumerate"))
                        .child(XmlElement.of(new QName(Namespaces.WSMAN, "OptimizeEnumeration")))
                        .child(new QName(Namespaces.WSMAN, "MaxElements"), "32000")
                        .child(
                            XmlElement.builder(new QName(Namespaces.WSMAN, "Filter"))
                                .attribute("Dialect", Namespaces.DIALECT_WQL)
                                .text("select * from Win32_Service")
                                .build())
                        .build())
                .build()),
        Arguments.of(
            "command",
            Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.COMMAND)
                .selector("ShellId", "S-1")
                .body(new CommandLine("dir", List.of("/s", "C:\\ ")).toElement())
                .build()),
        Arguments.of(
            "command response",
            Envelope.responseTo(request, Actions.COMMAND_RESPONSE)
                .body(Shells.commandResponse("C-1"))
                .build()),
        Arguments.of(
            "receive",
            Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.RECEIVE)
                .body(Shells.receive("C-1", "stdout stderr"))
                .build()),
        Arguments.of(
            "receive response",
            Envelope.responseTo(request, Actions.RECEIVE_RESPONSE)
                .body(
                    new ReceiveResponse(
                            List.of(
                                new ShellStream(
                                    "stdout",
                                    "C-1",
                                    "ü\r\n".getBytes(StandardCharsets.UTF_8),
                                    false),
                                new ShellStream("stdout", "C-1", new byte[0], true)),
                            "C-1",
                            CommandState.DONE,
                            0L)
                        .toElement())
                .build()),
        Arguments.of(
            "send",
            Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.SEND)
                .body(Send.stdin("C-1", new byte[] {0, 1, (byte) 255}, true).toElement())
                .build()),
        Arguments.of(
            "signal",
            Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.SIGNAL)
                .body(new Signal("C-1", SignalCode.CTRL_C).toElement())
                .build()),
        Arguments.of("identify", IdentifyResponse.request()),
        Arguments.of(
            "identify response",
            new IdentifyResponse(
                    Namespaces.WSMAN, "OpenRMS", "OS: 0.0.0 SP: 0.0 Stack: 3.0", List.of())
                .toEnvelope()),
        Arguments.of(
            "fault",
            FaultType.INVALID_SELECTORS
                .fault("no shell S-9")
                .withMachine("h")
                .withFaultDetail(WsmanFault.DETAIL_UNEXPECTED_SELECTORS)
                .toEnvelope(get)),
        Arguments.of(
            "enumeration fault", FaultType.CANNOT_PROCESS_FILTER.fault("bad WQL").toEnvelope(get)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void utf8(String kind, Envelope e) {
    Envelope back = new EnvelopeReader().read(new EnvelopeWriter().toBytes(e));
    assertSame(e, back);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void utf16(String kind, Envelope e) {
    byte[] bytes = new EnvelopeWriter(StandardCharsets.UTF_16).toBytes(e);
    assertThat(new String(bytes, StandardCharsets.UTF_16))
        .startsWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>");
    assertSame(e, new EnvelopeReader().read(bytes));
  }

  private static void assertSame(Envelope e, Envelope back) {
    assertThat(back.header()).isEqualTo(e.header());
    assertThat(back.body().children()).isEqualTo(e.body().children());
    assertThat(back.attributes()).isEqualTo(e.attributes());
    assertThat(back.selectors()).isEqualTo(e.selectors());
    assertThat(back.options()).isEqualTo(e.options());
    assertThat(back.fault()).isEqualTo(e.fault());
  }

  @Test
  void typedAccessorsReadWhatTheBuilderWrote() {
    Envelope e =
        (Envelope)
            messages()
                .filter(a -> a.get()[0].equals("create shell"))
                .findFirst()
                .orElseThrow()
                .get()[1];
    Envelope back = new EnvelopeReader().read(new EnvelopeWriter().toBytes(e));
    assertThat(back.operationTimeout()).contains(Duration.ofMillis(1500));
    assertThat(back.maxEnvelopeSize()).hasValue(153600);
    assertThat(back.optionSetMustUnderstand()).isTrue();
    assertThat(back.options()).containsExactly(new WsmanOption("WINRS_CODEPAGE", "65001", true));
    ShellCreate sc = ShellCreate.from(back.bodyElement().orElseThrow());
    assertThat(sc.environment())
        .containsExactly(Map.entry("PATH", "C:\\bin"), Map.entry("LANG", "en_US.UTF-8"));
    assertThat(sc.workingDirectory()).isEqualTo("C:\\temp");
    assertThat(sc.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void writerShapesLikeWindows() {
    Envelope e =
        Envelope.request(TO, Namespaces.RESOURCE_CMD_SHELL, Actions.DELETE)
            .messageId("uuid:1")
            .locale("en-US")
            .selector("ShellId", "S")
            .build();
    String xml = new String(new EnvelopeWriter().toBytes(e), StandardCharsets.UTF_8);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope ");
    assertThat(xml).doesNotContain("\n").doesNotContain("/>");
    assertThat(xml)
        .contains(
            "xmlns:s=\"" + Namespaces.SOAP + "\"",
            "xmlns:a=\"" + Namespaces.ADDRESSING + "\"",
            "xmlns:w=\"" + Namespaces.WSMAN + "\"");
    assertThat(xml)
        .contains("<a:Action s:mustUnderstand=\"true\">" + Actions.DELETE + "</a:Action>");
    assertThat(xml).contains("<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"></w:Locale>");
    assertThat(xml)
        .contains("<w:SelectorSet><w:Selector Name=\"ShellId\">S</w:Selector></w:SelectorSet>");
    assertThat(xml).endsWith("<s:Body></s:Body></s:Envelope>");
  }

  @Test
  void responseEchoesRelatesTo() {
    Envelope req = Envelope.request(TO, "urn:r", Actions.GET).messageId("uuid:abc").build();
    Envelope resp = Envelope.responseTo(req, Actions.GET_RESPONSE).build();
    assertThat(resp.relatesTo()).contains("uuid:abc");
    assertThat(resp.to()).contains(Namespaces.ANONYMOUS);
    assertThat(resp.messageId())
        .hasValueSatisfying(id -> assertThat(id).startsWith("uuid:").isNotEqualTo("uuid:abc"));
    Envelope fault = FaultType.TIMED_OUT.fault("x").toEnvelope(req);
    assertThat(fault.relatesTo()).contains("uuid:abc");
    assertThat(fault.action()).contains(Actions.WSMAN_FAULT);
  }
}
