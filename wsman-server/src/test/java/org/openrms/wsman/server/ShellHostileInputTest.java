package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.XmlElement;

/**
 * Hostile input aimed at a live shell: each gets its fault, the connection and the shell keep
 * working, and afterwards no shell or process is left.
 */
class ShellHostileInputTest {
  private static WsmanListener listener;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    listener = TestListeners.start(b -> b.maxEnvelopeSize(64 * 1024));
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  @AfterEach
  void noLeaks() {
    assertThat(listener.openShells()).isZero();
    assertThat(listener.liveProcesses()).isZero();
    assertThat(ShellClient.children()).isEmpty();
  }

  private static QName rsp(String local) {
    return new QName(Namespaces.SHELL, local, "rsp");
  }

  private static String raw(ShellClient c, Envelope e) {
    return new String(TestListeners.bytes(e), StandardCharsets.UTF_8);
  }

  @Test
  void garbageAtALiveShellIsFaultedAndTheShellKeepsWorking() throws Exception {
    Path marker = dir.resolve("pwned");
    try (ShellClient c = new ShellClient(listener)) {
      c.operationTimeout = Duration.ofSeconds(1);
      String shell = c.create();
      String cmd = c.command(shell, "cat");
      String command = raw(c, c.commandRequest(shell, "touch " + marker));
      String[] hostile = {
        // An entity smuggling the command line in.
        "<!DOCTYPE x [<!ENTITY e \"touch "
            + marker
            + "\">]>"
            + command.replaceFirst("<\\?xml[^>]*>", ""),
        // Billion laughs.
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + "<l>&c;</l>",
        // Cut in the body.
        command.substring(0, command.length() - 40),
      };
      for (String body : hostile) {
        RawConnection.Answer a = c.connection.post(body, "Authorization", TestListeners.auth());
        assertThat(a.status()).isEqualTo(500);
        assertThat(TestListeners.fault(a).type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      }
      // Over the listener's maximum: EncodingLimit.
      Envelope huge =
          c.request(Actions.SEND, shell)
              .body(
                  XmlElement.builder(rsp("Send"))
                      .child(
                          XmlElement.builder(rsp("Stream"))
                              .attribute("Name", "stdin")
                              .attribute("CommandId", cmd)
                              .text("QUFB".repeat(20_000))
                              .build())
                      .build())
              .build();
      assertThat(c.fault(huge).type()).isEqualTo(FaultType.ENCODING_LIMIT);
      // Shell-level nonsense.
      WsmanFault notBase64 =
          c.fault(
              c.request(Actions.SEND, shell)
                  .body(
                      XmlElement.builder(rsp("Send"))
                          .child(
                              XmlElement.builder(rsp("Stream"))
                                  .attribute("Name", "stdin")
                                  .attribute("CommandId", cmd)
                                  .text("%%%")
                                  .build())
                          .build())
                  .build());
      assertThat(notBase64.type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      WsmanFault badSeq =
          c.fault(
              c.request(Actions.RECEIVE, shell)
                  .body(
                      org.openrms.wsman.Shells.receive(cmd, "stdout").toBuilder()
                          .attribute("SequenceId", "-1")
                          .build())
                  .build());
      assertThat(badSeq.type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      WsmanFault badSignal =
          c.fault(
              c.request(Actions.SIGNAL, shell)
                  .body(
                      XmlElement.builder(rsp("Signal"))
                          .attribute("CommandId", cmd)
                          .child(rsp("Code"), "rm -rf /")
                          .build())
                  .build());
      assertThat(badSignal.type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      WsmanFault badEnv =
          c.fault(
              c.request(Actions.CREATE, null)
                  .body(
                      XmlElement.builder(rsp("Shell"))
                          .child(
                              XmlElement.builder(rsp("Environment"))
                                  .child(
                                      XmlElement.builder(rsp("Variable"))
                                          .attribute("Name", "A=B")
                                          .text("x")
                                          .build())
                                  .build())
                          .build())
                  .build());
      assertThat(badEnv.type()).isEqualTo(FaultType.SCHEMA_VALIDATION_ERROR);
      assertThat(marker).doesNotExist();
      // The same connection and shell still work.
      c.send(shell, cmd, "still here".getBytes(StandardCharsets.UTF_8), true);
      assertThat(c.receiveAll(shell, cmd).out()).isEqualTo("still here");
      assertThat(listener.openShells()).isEqualTo(1);
      c.delete(shell);
    }
  }
}
