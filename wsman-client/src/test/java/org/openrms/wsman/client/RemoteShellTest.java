package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.SignalCode;
import org.openrms.wsman.server.WsmanListener;

/** RemoteShell and RemoteCommand against the listener's WinRS cmd shell (/bin/sh -c on Linux). */
class RemoteShellTest {
  static WsmanListener listener;
  Session session;

  @BeforeAll
  static void start() {
    listener = Listeners.start(b -> {});
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  @BeforeEach
  void open() {
    session = Listeners.basic(listener);
  }

  @AfterEach
  void close() {
    session.close();
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void executeSeparatesStdoutFromStderrAndReturnsTheExitCode() {
    try (RemoteShell shell = session.openShell()) {
      CommandResult r = shell.execute("echo out; echo err 1>&2; exit 7");
      assertThat(text(r.stdout())).isEqualTo("out\n");
      assertThat(text(r.stderr())).isEqualTo("err\n");
      assertThat(r.exitCode()).isEqualTo(7);
    }
  }

  @Test
  void argumentsFollowTheCommand() {
    try (RemoteShell shell = session.openShell()) {
      assertThat(text(shell.execute("echo", "hello", "world").stdout())).isEqualTo("hello world\n");
    }
  }

  @Test
  void theShellRunsInItsWorkingDirectoryWithItsEnvironment(@TempDir Path dir) throws Exception {
    Path real = dir.toRealPath();
    ShellOptions options =
        ShellOptions.builder()
            .workingDirectory(real.toString())
            .environment("OPENRMS_GREETING", "hej")
            .idleTimeout(Duration.ofMinutes(5))
            .build();
    try (RemoteShell shell = session.openShell(options)) {
      assertThat(text(shell.execute("pwd").stdout()).strip()).isEqualTo(real.toString());
      assertThat(text(shell.execute("echo $OPENRMS_GREETING").stdout())).isEqualTo("hej\n");
    }
  }

  @Test
  void stdinReachesTheCommandAndItsEndEndsCat() throws Exception {
    try (RemoteShell shell = session.openShell();
        RemoteCommand cat = shell.run("cat")) {
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(cat.stdout()));
      try (OutputStream in = cat.stdin()) {
        in.write("line one\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        in.write("line two\n".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(text(out.get())).isEqualTo("line one\nline two\n");
      assertThat(cat.waitFor()).isZero();
    }
  }

  @Test
  void largeStdinIsSplitIntoSendsThatFitTheEnvelopeLimit() throws Exception {
    byte[] data = new byte[1_000_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    try (RemoteShell shell = session.openShell();
        RemoteCommand wc = shell.run("sha256sum")) {
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(wc.stdout()));
      try (OutputStream in = wc.stdin()) {
        in.write(data);
      }
      String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
      assertThat(text(out.get())).startsWith(expected);
      assertThat(wc.waitFor()).isZero();
    }
  }

  @Test
  void ctrlCStopsASleepingCommand() throws Exception {
    try (RemoteShell shell = session.openShell();
        RemoteCommand sleep = shell.run("sleep 100")) {
      Thread.sleep(300);
      sleep.signal(SignalCode.CTRL_C);
      assertThat(sleep.waitFor(Duration.ofSeconds(20))).isTrue();
      assertThat(sleep.waitFor()).isNotZero();
    }
  }

  @Test
  void terminateEndsASleepingCommandPromptly() throws Exception {
    try (RemoteShell shell = session.openShell();
        RemoteCommand sleep = shell.run("sleep 100")) {
      Thread.sleep(300);
      long t0 = System.nanoTime();
      sleep.terminate();
      assertThat(sleep.waitFor(Duration.ofSeconds(20))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
      sleep.waitFor();
    }
  }

  @Test
  void oneShellRunsFiftyCommands() {
    try (RemoteShell shell = session.openShell()) {
      for (int i = 0; i < 50; i++) {
        CommandResult r = shell.execute("echo " + i);
        assertThat(text(r.stdout())).isEqualTo(i + "\n");
        assertThat(r.exitCode()).isZero();
      }
    }
  }

  @Test
  void aReceiveThatTimesOutIsRetriedSilently() {
    session.setTimeout(500);
    try (RemoteShell shell = session.openShell()) {
      CommandResult r = shell.execute("sleep 2; echo late");
      assertThat(text(r.stdout())).isEqualTo("late\n");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void outputReachesAListenerAsItArrives() throws Exception {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    try (RemoteShell shell = session.openShell();
        RemoteCommand c = shell.run((stream, data) -> seen.writeBytes(data), "printf abc")) {
      assertThat(c.waitFor()).isZero();
      assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("abc");
      assertThatThrownBy(c::stdout).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void hundredMegabytesOfOutputArriveIntactWithBoundedMemory() throws Exception {
    long size = 100L << 20;
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 20];
    java.util.Arrays.fill(block, (byte) 'x');
    for (int i = 0; i < 100; i++) {
      expected.update(block);
    }
    Runtime rt = Runtime.getRuntime();
    try (RemoteShell shell = session.openShell();
        RemoteCommand c = shell.run("head -c " + size + " /dev/zero | tr '\\0' 'x'")) {
      c.stderr().close();
      MessageDigest got = MessageDigest.getInstance("SHA-256");
      long total = 0;
      long peak = 0;
      byte[] buf = new byte[65536];
      try (InputStream in = c.stdout()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          got.update(buf, 0, n);
          total += n;
          if ((total & ((25 << 20) - 1)) < n) {
            // Live heap after a collection: the client's buffers plus the in-process listener's.
            System.gc();
            peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
          }
        }
      }
      assertThat(c.waitFor()).isZero();
      assertThat(total).isEqualTo(size);
      assertThat(got.digest()).isEqualTo(expected.digest());
      assertThat(peak).as("live heap while streaming 100 MB").isLessThan(64L << 20);
    }
  }

  @Test
  void closingTheShellDeletesItAndEndsItsCommands() throws Exception {
    RemoteShell shell = session.openShell();
    RemoteCommand sleep = shell.run("sleep 100");
    shell.close();
    shell.close();
    assertThat(sleep.waitFor(Duration.ofSeconds(20))).isTrue();
    assertThatThrownBy(() -> shell.run("true")).isInstanceOf(IllegalStateException.class);
    assertThat(listener.openShells()).isZero();
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
