package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad input gives the typed exception carrying the fault a server answers with. */
class EnvelopeReaderErrorsTest {
  private static final String S = "xmlns:s=\"" + Namespaces.SOAP + "\"";
  private static final String A = "xmlns:a=\"" + Namespaces.ADDRESSING + "\"";
  private static final String W = "xmlns:w=\"" + Namespaces.WSMAN + "\"";

  private static Envelope read(String xml) {
    return new EnvelopeReader().read(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String envelope(String header, String body) {
    return "<s:Envelope "
        + S
        + " "
        + A
        + " "
        + W
        + "><s:Header>"
        + header
        + "</s:Header><s:Body>"
        + body
        + "</s:Body></s:Envelope>";
  }

  private static final String ADDRESSED =
      "<a:Action>urn:x</a:Action><a:MessageID>uuid:1</a:MessageID>";

  @Test
  void malformedXmlIsASchemaValidationError() {
    assertThatThrownBy(() -> read("<s:Envelope " + S + "><s:Body></s:Envelope>"))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class)
        .hasMessageContaining("2150858817")
        .hasMessageContaining("malformed XML")
        .satisfies(
            e -> assertThat(((WsmanFaultException) e).fault().code()).isEqualTo(SoapCode.SENDER));
  }

  @Test
  void emptyAndGarbageInput() {
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
    assertThatThrownBy(() -> read("hello"))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
    assertThatThrownBy(
            () -> new EnvelopeReader().read(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0x3c}))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
  }

  @Test
  void wrongRootElement() {
    assertThatThrownBy(() -> read("<html><body/></html>"))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class)
        .hasMessageContaining("not a SOAP 1.2 s:Envelope");
  }

  @Test
  void soap11EnvelopeIsAVersionMismatch() {
    assertThatThrownBy(
            () ->
                read(
                    "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body/></e:Envelope>"))
        .isInstanceOf(WsmanFaultException.VersionMismatch.class)
        .satisfies(
            e ->
                assertThat(((WsmanFaultException) e).fault().code())
                    .isEqualTo(SoapCode.VERSION_MISMATCH));
  }

  @Test
  void missingBodyOrStrayElements() {
    assertThatThrownBy(() -> read("<s:Envelope " + S + "><s:Header/></s:Envelope>"))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class)
        .hasMessageContaining("s:Body is missing");
    assertThatThrownBy(() -> read("<s:Envelope " + S + "><s:Body/><s:Header/></s:Envelope>"))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
    assertThatThrownBy(() -> read("<s:Envelope " + S + "><s:Body/><s:Body/></s:Envelope>"))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
  }

  @Test
  void missingActionOrMessageId() {
    assertThatThrownBy(() -> read(envelope("<a:MessageID>uuid:1</a:MessageID>", "")))
        .isInstanceOf(WsmanFaultException.InvalidMessageInformationHeader.class)
        .hasMessageContaining("a:Action is missing")
        .satisfies(
            e ->
                assertThat(((WsmanFaultException) e).type())
                    .isEqualTo(FaultType.MESSAGE_INFORMATION_HEADER_REQUIRED));
    assertThatThrownBy(() -> read(envelope("<a:Action>urn:x</a:Action>", "")))
        .isInstanceOf(WsmanFaultException.InvalidMessageInformationHeader.class)
        .hasMessageContaining("a:MessageID is missing");
    // Not required when the caller says so, nor for Identify.
    assertThat(
            new EnvelopeReader(EnvelopeReader.Limits.DEFAULT, false)
                .read(envelope("", "").getBytes(StandardCharsets.UTF_8))
                .action())
        .isEmpty();
    assertThat(
            IdentifyResponse.isRequest(
                new EnvelopeReader()
                    .read(new EnvelopeWriter().toBytes(IdentifyResponse.request()))))
        .isTrue();
  }

  @Test
  void malformedTypedHeaders() {
    assertThatThrownBy(
            () -> read(envelope(ADDRESSED + "<w:MaxEnvelopeSize>big</w:MaxEnvelopeSize>", "")))
        .isInstanceOf(WsmanFaultException.InvalidMessageInformationHeader.class)
        .hasMessageContaining("MaxEnvelopeSize");
    assertThatThrownBy(
            () -> read(envelope(ADDRESSED + "<w:OperationTimeout>60</w:OperationTimeout>", "")))
        .isInstanceOf(WsmanFaultException.InvalidMessageInformationHeader.class)
        .hasMessageContaining("OperationTimeout");
  }

  @Test
  void overByteLimitIsRejectedBeforeParsingAndWhileStreaming() {
    EnvelopeReader small = new EnvelopeReader(new EnvelopeReader.Limits(200, 64, 1000, 16), true);
    String big = envelope(ADDRESSED, "<a:X>" + "y".repeat(500) + "</a:X>");
    assertThatThrownBy(() -> small.read(big.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WsmanFaultException.EncodingLimit.class)
        .satisfies(
            e ->
                assertThat(((WsmanFaultException) e).fault().errorCode())
                    .contains(WsmanErrorCode.ENVELOPE_TOO_LARGE));
    assertThatThrownBy(
            () -> small.read(new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(WsmanFaultException.EncodingLimit.class)
        .hasMessageContaining("larger than 200 bytes");
  }

  @Test
  void overDepthElementAndAttributeLimits() {
    EnvelopeReader r = new EnvelopeReader(new EnvelopeReader.Limits(1 << 20, 10, 50, 8), true);
    String deep = "<a:X>".repeat(20) + "</a:X>".repeat(20);
    assertThatThrownBy(() -> r.read(envelope(ADDRESSED, deep).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WsmanFaultException.EncodingLimit.class)
        .hasMessageContaining("deeper than 10");
    String many = "<a:X/>".repeat(60);
    assertThatThrownBy(() -> r.read(envelope(ADDRESSED, many).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WsmanFaultException.EncodingLimit.class)
        .hasMessageContaining("more than 50 elements");
    StringBuilder attrs = new StringBuilder("<a:X");
    for (int i = 0; i < 9; i++) {
      attrs.append(" q").append(i).append("=\"v\"");
    }
    attrs.append("/>");
    assertThatThrownBy(
            () -> r.read(envelope(ADDRESSED, attrs.toString()).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WsmanFaultException.EncodingLimit.class)
        .hasMessageContaining("more than 8 attributes");
  }

  @Test
  void bodyHelpersRejectWrongShapes() {
    XmlElement notStream =
        XmlElement.builder(ShellStream.STREAM).text("!!!").attribute("Name", "stdout").build();
    assertThatThrownBy(() -> ShellStream.from(notStream))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
    XmlElement noName = XmlElement.builder(ShellStream.STREAM).text("").build();
    assertThatThrownBy(() -> ShellStream.from(noName))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
    XmlElement doneNoExit =
        new ReceiveResponse(java.util.List.of(), "C", CommandState.RUNNING, null).toElement();
    XmlElement bad =
        new XmlElement(
            doneNoExit.name(),
            java.util.Map.of(),
            java.util.Map.of(),
            "",
            java.util.List.of(
                XmlElement.builder(Shells.rsp("CommandState"))
                    .attribute("State", CommandState.DONE.uri())
                    .build()));
    assertThatThrownBy(() -> ReceiveResponse.from(bad))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class)
        .hasMessageContaining("ExitCode");
    assertThatThrownBy(() -> Signal.from(XmlElement.of(Signal.SIGNAL)))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
    assertThatThrownBy(() -> CommandLine.from(XmlElement.of(CommandLine.COMMAND_LINE)))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
  }
}
