package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.ReceiveResponse;
import org.openrms.wsman.SignalCode;

/**
 * Background jobs ({@code sleep 300 &}): the command is over when its shell exits, so the job is
 * killed, the command reaches Done, and nothing of its process group outlives Delete.
 */
class BackgroundJobTest {
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
    assertThat(ShellClient.children()).isEmpty();
  }

  /** Runs {@code echo $$; <job>}, expects Done promptly; returns the process group (sh's pid). */
  private static long runToDoneAndDelete(ShellClient c, String job) throws Exception {
    String shell = c.create();
    String cmd = c.command(shell, "echo $$; " + job);
    long t0 = System.nanoTime();
    StringBuilder out = new StringBuilder();
    ReceiveResponse last = null;
    while (System.nanoTime() - t0 < 8_000_000_000L && (last == null || !last.done())) {
      ReceiveResponse r = c.receive(shell, cmd);
      if (r != null) {
        out.append(new String(r.output("stdout"), StandardCharsets.UTF_8));
        last = r;
      }
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(last.done()).as("Done").isTrue();
    assertThat(last.exitCode()).isZero();
    assertThat(ms).as("Done after %d ms", ms).isLessThan(3_000);
    long pgid = Long.parseLong(out.toString().strip());
    c.signal(shell, cmd, SignalCode.TERMINATE);
    c.delete(shell);
    assertThat(ShellClient.processGroup(pgid)).as("group %d", pgid).isEmpty();
    return pgid;
  }

  @Test
  void aBackgroundJobHoldingThePipesIsKilledAndTheCommandIsDone() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      c.operationTimeout = Duration.ofSeconds(2);
      runToDoneAndDelete(c, "sleep 300 &");
    }
  }

  @Test
  void aBackgroundJobWithRedirectedOutputIsKilledToo() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      c.operationTimeout = Duration.ofSeconds(2);
      runToDoneAndDelete(c, "sleep 300 >/dev/null 2>&1 </dev/null &");
    }
  }

  @Test
  void outputBufferedBehindABackgroundJobArrivesInFull() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      // More than the 1 MiB buffer: the pumps wait for Receives while the grace runs out.
      ShellClient.Result r = c.run("head -c 3000000 /dev/zero; sleep 300 & echo end >&2");
      assertThat(r.stdout()).hasSize(3_000_000);
      assertThat(r.err()).isEqualTo("end\n");
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void liveProcessesCountsTheProcessGroupNotOnlyDescendants() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      // The inner sh exits at once: its sleep 300 is re-parented to init but stays in the group.
      String cmd = c.command(shell, "sh -c 'sleep 300 &'; echo ready; exec sleep 60");
      assertThat(c.receive(shell, cmd).output("stdout")).isNotEmpty();
      Thread.sleep(200);
      assertThat(listener.liveProcesses()).isEqualTo(2); // sleep 60 (exec'd sh) and sleep 300
      c.delete(shell);
    }
  }
}
