package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Responses shaped as Windows sends them (wsman-anchors §5.4, §5.5, §6) parse into the model. */
class WindowsResponsesTest {
  private static final String COMMAND_ID = "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE";

  @Test
  void identifyResponseWithEmptyHeaderAndSecurityProfiles() {
    Envelope e = Wire.read("windows-identify.xml");
    assertThat(e.action()).isEmpty();
    assertThat(e.attributes()).containsEntry(XmlElement.XML_LANG, "en-US");
    IdentifyResponse id = IdentifyResponse.from(e);
    assertThat(id)
        .isEqualTo(
            new IdentifyResponse(
                Namespaces.WSMAN,
                "Microsoft Corporation",
                "OS: 6.3.9600 SP: 0.0 Stack: 3.0",
                List.of(
                    Namespaces.SECPROFILE_PREFIX + "http/basic",
                    Namespaces.SECPROFILE_PREFIX + "http/spnego-kerberos")));
  }

  @Test
  void shellCreateResponseGivesTheShellIdBothWays() {
    Envelope e = Wire.read("windows-create-response.xml");
    assertThat(e.action()).contains(Actions.CREATE_RESPONSE);
    assertThat(e.relatesTo()).contains("uuid:0a1b2c3d-0000-4000-8000-000000000001");
    assertThat(e.to()).contains(Namespaces.ANONYMOUS);
    assertThat(Shells.shellId(e)).contains("11111111-2222-3333-4444-555555555555");
    XmlElement shell = e.body().children().get(1);
    ShellCreate created = ShellCreate.from(shell);
    assertThat(created.idleTimeout()).hasSeconds(7200);
    assertThat(created.outputStreams()).isEqualTo("stdout stderr");
  }

  @Test
  void receiveResponseWithStdoutStderrAndDone() {
    Envelope e = Wire.read("windows-receive-done.xml");
    ReceiveResponse r = ReceiveResponse.from(e.bodyElement().orElseThrow());
    assertThat(r.done()).isTrue();
    assertThat(r.exitCode()).isEqualTo(7L);
    assertThat(r.commandId()).isEqualTo(COMMAND_ID);
    assertThat(new String(r.output("stdout"), StandardCharsets.US_ASCII))
        .isEqualTo("hello world\r\n");
    assertThat(new String(r.output("stderr"), StandardCharsets.US_ASCII)).isEqualTo("oops\r\n");
    assertThat(r.streams()).hasSize(4);
    assertThat(r.streams().get(2).end()).isTrue();
    assertThat(r.streams().get(2).data()).isEmpty();
  }

  @Test
  void timedOutFaultBecomesTimedOutException() {
    Envelope e = Wire.read("windows-fault-timedout.xml");
    assertThat(e.isFault()).isTrue();
    assertThat(e.action()).contains(Actions.WSMAN_FAULT);
    WsmanFault f = e.fault().orElseThrow();
    assertThat(f.code()).isEqualTo(SoapCode.RECEIVER);
    assertThat(f.subcode()).isEqualTo(FaultType.TIMED_OUT.subcode());
    assertThat(f.wsmanCode()).isEqualTo(2150858793L);
    assertThat(f.errorCode()).contains(WsmanErrorCode.OPERATION_TIMEDOUT);
    assertThat(f.machine()).isEqualTo("windows-host");
    assertThat(f.lang()).isEqualTo("en-US");
    assertThat(f.reason()).startsWith("The WS-Management service cannot complete the operation");
    assertThat(f.message()).startsWith("The WS-Management service cannot complete");
    assertThat(f.toException())
        .isInstanceOf(WsmanFaultException.TimedOut.class)
        .hasMessageContaining("TimedOut (2150858793)");
  }

  @Test
  void invalidSelectorsFaultKeepsTheFaultDetail() {
    WsmanFault f = Wire.read("windows-fault-invalid-selectors.xml").fault().orElseThrow();
    assertThat(f.code()).isEqualTo(SoapCode.SENDER);
    assertThat(f.type()).isEqualTo(FaultType.INVALID_SELECTORS);
    assertThat(f.faultDetail()).isEqualTo(WsmanFault.DETAIL_UNEXPECTED_SELECTORS);
    assertThat(f.wsmanCode()).isEqualTo(2150858843L);
    assertThat(f.message()).contains("the shell was not found");
    assertThat(f.toException()).isInstanceOf(WsmanFaultException.InvalidSelectors.class);
  }

  @Test
  void faultWithoutSoapCodeIsASchemaError() {
    Envelope e =
        Envelope.builder()
            .action(Actions.WSMAN_FAULT)
            .randomMessageId()
            .body(XmlElement.of(WsmanFault.FAULT))
            .build();
    assertThatThrownBy(e::fault).isInstanceOf(WsmanFaultException.SchemaValidationError.class);
  }
}
