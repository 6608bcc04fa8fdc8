package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.Actions;
import org.openrms.wsman.CommandState;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.ReceiveResponse;
import org.openrms.wsman.ShellCreate;
import org.openrms.wsman.SignalCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.XmlElement;

/** The WinRS cmd shell end to end over loopback HTTP: pywinrm's sequence and the rest. */
class ShellTest {
  private static WsmanListener listener;

  @TempDir Path dir;

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
    assertThat(ShellClient.children()).isEmpty();
  }

  private static QName rsp(String local) {
    return new QName(Namespaces.SHELL, local);
  }

  @Test
  void runCmdAsPywinrmDoesReturnsOutputAndExitCode() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      ShellClient.Result r = c.run("echo hello world; echo oops >&2; exit 7");
      assertThat(r.out()).isEqualTo("hello world\n");
      assertThat(r.err()).isEqualTo("oops\n");
      assertThat(r.exitCode()).isEqualTo(7);
      ShellClient.Result args = c.run("echo", "hello", "world");
      assertThat(args.out()).isEqualTo("hello world\n");
      assertThat(args.exitCode()).isZero();
    }
  }

  @Test
  void theCreateResponseHasTheSelectorAndTheShellAsWindowsWritesIt() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      Envelope req = c.createRequest(ShellCreate.standard());
      Envelope r = c.ok(req);
      assertThat(r.action()).contains(Actions.CREATE_RESPONSE);
      var body = r.body().children();
      assertThat(body).hasSize(2);
      XmlElement created = body.get(0);
      assertThat(created.name()).isEqualTo(new QName(Namespaces.TRANSFER, "ResourceCreated"));
      // The endpoint as the request reached it: its scheme, Host (RawConnection sends localhost)
      // and port.
      assertThat(created.childText(new QName(Namespaces.ADDRESSING, "Address")))
          .contains("http://localhost:" + listener.httpPort() + "/wsman");
      XmlElement ref =
          created.child(new QName(Namespaces.ADDRESSING, "ReferenceParameters")).orElseThrow();
      assertThat(ref.childText(new QName(Namespaces.WSMAN, "ResourceURI")))
          .contains(Namespaces.RESOURCE_CMD_SHELL);
      XmlElement selector =
          ref.child(new QName(Namespaces.WSMAN, "SelectorSet"))
              .orElseThrow()
              .child(new QName(Namespaces.WSMAN, "Selector"))
              .orElseThrow();
      assertThat(selector.attribute("Name")).contains("ShellId");
      String id = selector.text();
      XmlElement shell = body.get(1);
      assertThat(shell.children().stream().map(e -> e.name().getLocalPart()))
          .containsExactly(
              "ShellId",
              "ResourceUri",
              "Owner",
              "ClientIP",
              "IdleTimeOut",
              "InputStreams",
              "OutputStreams",
              "ShellRunTime",
              "ShellInactivity");
      assertThat(shell.childText(rsp("ShellId"))).contains(id);
      assertThat(shell.childText(rsp("Owner"))).contains(TestListeners.USER);
      assertThat(shell.childText(rsp("ClientIP"))).contains("127.0.0.1");
      assertThat(shell.childText(rsp("IdleTimeOut"))).contains("PT7200.000S");
      assertThat(shell.childText(rsp("OutputStreams"))).contains("stdout stderr");
      assertThat(shell.childText(rsp("ShellRunTime"))).contains("P0DT0H0M0S");
      assertThat(r.relatesTo()).isEqualTo(req.messageId());
      c.delete(id);
    }
  }

  @Test
  void workingDirectoryAndEnvironmentReachTheCommand() throws Exception {
    Files.writeString(dir.resolve("here.txt"), "x");
    try (ShellClient c = new ShellClient(listener)) {
      String shell =
          c.create(
              new ShellCreate(
                  "stdin",
                  "stdout stderr",
                  dir.toString(),
                  Map.of("OPENRMS_GREETING", "bonjour"),
                  Duration.ofSeconds(60)));
      String cmd = c.command(shell, "ls; echo $OPENRMS_GREETING; pwd");
      ShellClient.Result r = c.receiveAll(shell, cmd);
      assertThat(r.out()).isEqualTo("here.txt\nbonjour\n" + dir.toRealPath() + "\n");
      XmlElement got = c.ok(c.request(Actions.GET, shell).build()).bodyElement().orElseThrow();
      assertThat(got.childText(rsp("WorkingDirectory"))).contains(dir.toString());
      assertThat(got.childText(rsp("IdleTimeOut"))).contains("PT60.000S");
      c.delete(shell);
    }
  }

  @Test
  void stdinIsSentAndEndClosesIt() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      String cmd = c.command(shell, "tr a-z A-Z");
      c.send(shell, cmd, "hello ".getBytes(StandardCharsets.UTF_8), false);
      c.send(shell, cmd, "world".getBytes(StandardCharsets.UTF_8), true);
      ShellClient.Result r = c.receiveAll(shell, cmd);
      assertThat(r.out()).isEqualTo("HELLO WORLD");
      assertThat(r.exitCode()).isZero();
      c.delete(shell);
    }
  }

  @Test
  void anIdleReceiveAnswersTimedOutBeforeTheOperationTimeout() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      c.operationTimeout = Duration.ofSeconds(1);
      String shell = c.create();
      String cmd = c.command(shell, "sleep 30");
      long t0 = System.nanoTime();
      RawConnection.Answer a = c.post(c.receiveRequest(shell, cmd));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(a.status()).isEqualTo(500);
      WsmanFault f = TestListeners.fault(a);
      assertThat(f.type()).isEqualTo(FaultType.TIMED_OUT);
      assertThat(f.code().name()).isEqualTo("RECEIVER");
      assertThat(f.wsmanCode()).isEqualTo(2150858793L);
      assertThat(f.reason())
          .isEqualTo(
              "The WS-Management service cannot complete the operation within the time specified"
                  + " in OperationTimeout.");
      assertThat(ms).isBetween(500L, 1000L);
      c.signal(shell, cmd, SignalCode.TERMINATE);
      // A Receive after terminate reports Done.
      ReceiveResponse done = c.receive(shell, cmd);
      assertThat(done.state()).isEqualTo(CommandState.DONE);
      c.delete(shell);
    }
  }

  @Test
  void aReceiveAnswersAsSoonAsOutputExists() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      String cmd = c.command(shell, "echo first; sleep 30");
      ReceiveResponse r = c.receive(shell, cmd);
      assertThat(new String(r.output("stdout"), StandardCharsets.UTF_8)).isEqualTo("first\n");
      assertThat(r.state()).isEqualTo(CommandState.RUNNING);
      assertThat(r.commandId()).isEqualTo(cmd);
      c.delete(shell); // kills sleep
    }
  }

  @Test
  void ctrlCInterruptsTheCommandsProcessGroup() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      String cmd = c.command(shell, "sleep 31; echo after");
      Thread.sleep(300);
      c.signal(shell, cmd, SignalCode.CTRL_C);
      ShellClient.Result r = c.receiveAll(shell, cmd);
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.out()).doesNotContain("after");
      c.delete(shell);
    }
  }

  @Test
  void terminateKillsTheWholeTree() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      String cmd = c.command(shell, "sh -c 'sleep 40 & sleep 41' & sleep 42");
      Thread.sleep(300);
      assertThat(listener.liveProcesses()).isGreaterThanOrEqualTo(4);
      c.signal(shell, cmd, SignalCode.TERMINATE);
      assertThat(listener.liveProcesses()).isZero();
      assertThat(c.receive(shell, cmd).done()).isTrue();
      // A second terminate is fine too.
      c.signal(shell, cmd, SignalCode.TERMINATE);
      c.delete(shell);
    }
  }

  @Test
  void deleteKillsEveryCommandOfTheShell() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      c.command(shell, "sleep 50");
      c.command(shell, "sleep 51 & sleep 52");
      Thread.sleep(200);
      assertThat(listener.liveProcesses()).isGreaterThanOrEqualTo(3);
      c.delete(shell);
      assertThat(listener.openShells()).isZero();
      assertThat(ShellClient.children()).isEmpty();
    }
  }
}
