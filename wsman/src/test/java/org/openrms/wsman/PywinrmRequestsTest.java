package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The five requests of pywinrm 0.3.0 {@code Session.run_cmd}, shaped as wsman-anchors §5.2/§5.3
 * describes them (one line, unqualified mustUnderstand, env: prefix), parse with every header.
 */
class PywinrmRequestsTest {
  private static final String SHELL_ID = "11111111-2222-3333-4444-555555555555";
  private static final String COMMAND_ID = "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE";

  @Test
  void createCarriesTheCommonHeaderInPywinrmOrder() {
    Envelope e = Wire.read("pywinrm-create.xml");
    assertThat(e.to()).contains("http://windows-host:5985/wsman");
    assertThat(e.replyTo()).contains(Namespaces.ANONYMOUS);
    assertThat(e.maxEnvelopeSize()).hasValue(153600);
    assertThat(e.maxEnvelopeSizeMustUnderstand()).isTrue();
    assertThat(e.messageId()).contains("uuid:0a1b2c3d-0000-4000-8000-000000000001");
    assertThat(e.locale()).contains("en-US");
    assertThat(e.dataLocale()).contains("en-US");
    assertThat(e.operationTimeout()).contains(Duration.ofSeconds(20));
    assertThat(e.resourceUri()).contains(Namespaces.RESOURCE_CMD_SHELL);
    assertThat(e.action()).contains(Actions.CREATE);
    assertThat(e.selectors()).isEmpty();
    assertThat(e.options())
        .containsExactly(
            WsmanOption.of(Shells.OPTION_NOPROFILE, "FALSE"),
            WsmanOption.of(Shells.OPTION_CODEPAGE, "437"));
    assertThat(e.header().children())
        .extracting(x -> x.name().getLocalPart())
        .containsExactly(
            "To",
            "ReplyTo",
            "MaxEnvelopeSize",
            "MessageID",
            "Locale",
            "DataLocale",
            "OperationTimeout",
            "ResourceURI",
            "Action",
            "OptionSet");
    assertThat(ShellCreate.from(e.bodyElement().orElseThrow())).isEqualTo(ShellCreate.standard());
  }

  @Test
  void commandHasTheShellSelectorAndOneArgumentsElement() {
    Envelope e = Wire.read("pywinrm-command.xml");
    assertThat(e.action()).contains(Actions.COMMAND);
    assertThat(e.selectors()).containsExactlyEntriesOf(Map.of("ShellId", SHELL_ID));
    assertThat(e.option(Shells.OPTION_CONSOLEMODE_STDIN)).contains("TRUE");
    CommandLine cl = CommandLine.from(e.bodyElement().orElseThrow());
    assertThat(cl).isEqualTo(new CommandLine("echo", List.of("hello world")));
    assertThat(cl.joined()).isEqualTo("echo hello world");
  }

  @Test
  void receiveNamesTheCommandAndStreams() {
    Envelope e = Wire.read("pywinrm-receive.xml");
    assertThat(e.action()).contains(Actions.RECEIVE);
    XmlElement body = e.bodyElement().orElseThrow();
    assertThat(Shells.receiveCommandId(body)).contains(COMMAND_ID);
    assertThat(body).isEqualTo(Shells.receive(COMMAND_ID, "stdout stderr"));
  }

  @Test
  void signalTerminate() {
    Envelope e = Wire.read("pywinrm-signal.xml");
    assertThat(e.action()).contains(Actions.SIGNAL);
    assertThat(Signal.from(e.bodyElement().orElseThrow()))
        .isEqualTo(new Signal(COMMAND_ID, SignalCode.TERMINATE));
  }

  @Test
  void deleteHasAnEmptyBody() {
    Envelope e = Wire.read("pywinrm-delete.xml");
    assertThat(e.action()).contains(Actions.DELETE);
    assertThat(e.bodyElement()).isEmpty();
    assertThat(e.isFault()).isFalse();
  }

  @Test
  void unqualifiedMustUnderstandIsAcceptedLikeTheSoapOne() {
    Envelope e = Wire.read("pywinrm-create.xml");
    assertThat(Envelope.mustUnderstand(e.header(Envelope.ACTION).orElseThrow())).isTrue();
    assertThat(Envelope.mustUnderstand(e.header(Envelope.LOCALE).orElseThrow())).isFalse();
  }

  @Test
  void ourRequestHasTheSameHeadersAsPywinrms() {
    Envelope theirs = Wire.read("pywinrm-command.xml");
    Envelope ours =
        Envelope.request(
                "http://windows-host:5985/wsman", Namespaces.RESOURCE_CMD_SHELL, Actions.COMMAND)
            .messageId("uuid:0a1b2c3d-0000-4000-8000-000000000002")
            .maxEnvelopeSize(153600, true)
            .locale("en-US")
            .dataLocale("en-US")
            .operationTimeout(Duration.ofSeconds(20))
            .selector("ShellId", SHELL_ID)
            .option(Shells.OPTION_CONSOLEMODE_STDIN, "TRUE")
            .option(Shells.OPTION_SKIP_CMD_SHELL, "FALSE")
            .body(new CommandLine("echo", List.of("hello world")).toElement())
            .build();
    Envelope back = new EnvelopeReader().read(new EnvelopeWriter().toBytes(ours));
    for (Envelope e : List.of(ours, back)) {
      assertThat(e.to()).isEqualTo(theirs.to());
      assertThat(e.replyTo()).isEqualTo(theirs.replyTo());
      assertThat(e.action()).isEqualTo(theirs.action());
      assertThat(e.messageId()).isEqualTo(theirs.messageId());
      assertThat(e.resourceUri()).isEqualTo(theirs.resourceUri());
      assertThat(e.selectors()).isEqualTo(theirs.selectors());
      assertThat(e.options()).isEqualTo(theirs.options());
      assertThat(e.maxEnvelopeSize()).isEqualTo(theirs.maxEnvelopeSize());
      assertThat(e.operationTimeout()).isEqualTo(theirs.operationTimeout());
      assertThat(e.locale()).isEqualTo(theirs.locale());
      assertThat(e.dataLocale()).isEqualTo(theirs.dataLocale());
      assertThat(e.body()).isEqualTo(theirs.body().toBuilder().build());
    }
    String xml = new String(new EnvelopeWriter().toBytes(ours), StandardCharsets.UTF_8);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
  }
}
