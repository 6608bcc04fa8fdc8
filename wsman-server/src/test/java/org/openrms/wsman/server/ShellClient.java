package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openrms.wsman.Actions;
import org.openrms.wsman.CommandLine;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeBuilder;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.ReceiveResponse;
import org.openrms.wsman.Send;
import org.openrms.wsman.ShellCreate;
import org.openrms.wsman.Shells;
import org.openrms.wsman.Signal;
import org.openrms.wsman.SignalCode;
import org.openrms.wsman.WsmanFault;

/**
 * A minimal WinRS client over one {@link RawConnection}, shaped like pywinrm's requests (§5.2/5.3),
 * for the shell tests.
 */
final class ShellClient implements AutoCloseable {
  static final String SHELL = Namespaces.RESOURCE_CMD_SHELL;

  final RawConnection connection;
  String authorization = TestListeners.auth();
  long maxEnvelopeSize = 153600;
  Duration operationTimeout = Duration.ofSeconds(5);

  ShellClient(WsmanListener listener) throws IOException {
    this.connection = new RawConnection(listener.httpUri());
  }

  /** The everything-collected result of running one command. */
  record Result(byte[] stdout, byte[] stderr, long exitCode, int receives) {
    String out() {
      return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
    }

    String err() {
      return new String(stderr, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  EnvelopeBuilder request(String action, String shellId) {
    EnvelopeBuilder b =
        Envelope.request(TestListeners.TO, SHELL, action)
            .maxEnvelopeSize(maxEnvelopeSize, true)
            .locale("en-US")
            .dataLocale("en-US")
            .operationTimeout(operationTimeout);
    if (shellId != null) {
      b.selector(Shells.SELECTOR_SHELL_ID, shellId);
    }
    return b;
  }

  RawConnection.Answer post(Envelope e) throws IOException {
    return connection.post(TestListeners.bytes(e), "Authorization", authorization);
  }

  /** Posts and expects 200; returns the parsed response. */
  Envelope ok(Envelope e) throws IOException {
    RawConnection.Answer a = post(e);
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    Envelope r = TestListeners.parse(a);
    assertThat(r.relatesTo()).isEqualTo(e.messageId());
    return r;
  }

  /** Posts and expects a 500 fault with RelatesTo. */
  WsmanFault fault(Envelope e) throws IOException {
    RawConnection.Answer a = post(e);
    assertThat(a.status()).as(a.text()).isEqualTo(500);
    assertThat(TestListeners.parse(a).relatesTo()).isEqualTo(e.messageId());
    return TestListeners.fault(a);
  }

  Envelope createRequest(ShellCreate shell) {
    return request(Actions.CREATE, null)
        .option(Shells.OPTION_NOPROFILE, "FALSE")
        .option(Shells.OPTION_CODEPAGE, "437")
        .body(shell.toElement())
        .build();
  }

  String create() throws IOException {
    return create(ShellCreate.standard());
  }

  String create(ShellCreate shell) throws IOException {
    return Shells.shellId(ok(createRequest(shell))).orElseThrow();
  }

  Envelope commandRequest(String shellId, String command, String... args) {
    return request(Actions.COMMAND, shellId)
        .option(Shells.OPTION_CONSOLEMODE_STDIN, "TRUE")
        .option(Shells.OPTION_SKIP_CMD_SHELL, "FALSE")
        .body(new CommandLine(command, List.of(args)).toElement())
        .build();
  }

  String command(String shellId, String command, String... args) throws IOException {
    return Shells.commandId(ok(commandRequest(shellId, command, args)).bodyElement().orElseThrow())
        .orElseThrow();
  }

  Envelope receiveRequest(String shellId, String commandId) {
    return request(Actions.RECEIVE, shellId)
        .body(Shells.receive(commandId, "stdout stderr"))
        .build();
  }

  /** One Receive; null when it timed out (w:TimedOut). */
  ReceiveResponse receive(String shellId, String commandId) throws IOException {
    return receive(receiveRequest(shellId, commandId), null);
  }

  ReceiveResponse receive(Envelope request, Consumer<RawConnection.Answer> check)
      throws IOException {
    RawConnection.Answer a = post(request);
    if (check != null) {
      check.accept(a);
    }
    Envelope r = TestListeners.parse(a);
    assertThat(r.relatesTo()).isEqualTo(request.messageId());
    if (a.status() == 500) {
      WsmanFault f = r.fault().orElseThrow();
      assertThat(f.wsmanCode()).as(a.text()).isEqualTo(2150858793L);
      return null;
    }
    assertThat(a.status()).isEqualTo(200);
    return ReceiveResponse.from(r.bodyElement().orElseThrow());
  }

  /** Receives until Done. */
  Result receiveAll(String shellId, String commandId) throws IOException {
    return receiveAll(shellId, commandId, null);
  }

  Result receiveAll(String shellId, String commandId, Consumer<RawConnection.Answer> check)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int n = 0;
    while (true) {
      ReceiveResponse r = receive(receiveRequest(shellId, commandId), check);
      n++;
      if (r == null) {
        continue;
      }
      out.writeBytes(r.output("stdout"));
      err.writeBytes(r.output("stderr"));
      if (r.done()) {
        return new Result(out.toByteArray(), err.toByteArray(), r.exitCode(), n);
      }
    }
  }

  void send(String shellId, String commandId, byte[] data, boolean end) throws IOException {
    ok(request(Actions.SEND, shellId).body(Send.stdin(commandId, data, end).toElement()).build());
  }

  Envelope signalRequest(String shellId, String commandId, SignalCode code) {
    return request(Actions.SIGNAL, shellId).body(new Signal(commandId, code).toElement()).build();
  }

  void signal(String shellId, String commandId, SignalCode code) throws IOException {
    Envelope r = ok(signalRequest(shellId, commandId, code));
    assertThat(r.action()).contains(Actions.SIGNAL_RESPONSE);
  }

  Envelope deleteRequest(String shellId) {
    return request(Actions.DELETE, shellId).build();
  }

  void delete(String shellId) throws IOException {
    Envelope r = ok(deleteRequest(shellId));
    assertThat(r.body().children()).isEmpty();
  }

  /** pywinrm's run_cmd: create, command, receive all, terminate, delete. */
  Result run(String command, String... args) throws IOException {
    String shell = create();
    String cmd = command(shell, command, args);
    Result r = receiveAll(shell, cmd);
    signal(shell, cmd, SignalCode.TERMINATE);
    delete(shell);
    return r;
  }

  /**
   * Live processes the listeners of this JVM are responsible for: the JVM's descendants, and every
   * member of a process group a shell command started (a background job re-parented to init is no
   * descendant any more, but stays in its group).
   */
  static List<ProcessHandle> children() {
    java.util.Map<Long, ProcessHandle> out = new java.util.LinkedHashMap<>();
    ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .forEach(p -> out.put(p.pid(), p));
    for (long pid : org.openrms.wsman.server.internal.ShellRegistry.startedProcesses()) {
      ProcessHandle.of(pid).ifPresent(p -> out.putIfAbsent(pid, p));
    }
    return new ArrayList<>(out.values());
  }

  /** The pids of live (non-zombie) processes in process group {@code pgid}, read from /proc. */
  static List<Long> processGroup(long pgid) throws IOException {
    List<Long> out = new ArrayList<>();
    try (var dir = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc"))) {
      for (java.nio.file.Path p : dir) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String stat;
        try {
          stat = java.nio.file.Files.readString(p.resolve("stat"));
        } catch (IOException e) {
          continue; // exited meanwhile
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        if (!f[0].equals("Z") && Long.parseLong(f[2]) == pgid) {
          out.add(Long.parseLong(name));
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
