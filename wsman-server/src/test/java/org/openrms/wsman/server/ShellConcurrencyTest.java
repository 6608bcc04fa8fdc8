package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.ReceiveResponse;
import org.openrms.wsman.WsmanFault;

/**
 * Worker threads one account can hold: one pending Receive per command, a per-account cap on
 * waiting requests, and Sends that never block on a command that does not read its stdin.
 */
class ShellConcurrencyTest {
  private static WsmanListener listener;

  @BeforeAll
  static void start() {
    listener =
        TestListeners.start(
            b ->
                b.shell(
                    ShellSettings.DEFAULTS.withMaxLongPollsPerUser(2).withMaxBufferedOutput(4096)));
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

  /** A Receive of {@code cmd} on its own connection, waiting up to {@code seconds}. */
  private static CompletableFuture<ReceiveResponse> pendingReceive(
      String shell, String cmd, int seconds) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (ShellClient other = new ShellClient(listener)) {
            other.operationTimeout = Duration.ofSeconds(seconds);
            return other.receive(shell, cmd);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void assertQuotaLimit(WsmanFault f, String text) {
    assertThat(f.type()).isEqualTo(FaultType.QUOTA_LIMIT);
    assertThat(f.wsmanCode()).isEqualTo(2150858815L);
    assertThat(f.message()).contains(text);
  }

  @Test
  void aSecondReceiveOfTheSameCommandIsAQuotaFaultWhileTheFirstWaits() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      String cmd = c.command(shell, "sleep 30");
      CompletableFuture<ReceiveResponse> first = pendingReceive(shell, cmd, 3);
      Thread.sleep(500);
      c.operationTimeout = Duration.ofSeconds(3);
      assertQuotaLimit(c.fault(c.receiveRequest(shell, cmd)), "already in progress");
      assertThat(first.get(10, TimeUnit.SECONDS)).isNull(); // the first one timed out normally
      assertThat(c.receive(shell, cmd)).isNull(); // and the command is free again
      c.delete(shell);
    }
  }

  @Test
  void anAccountHasAtMostMaxLongPollsWaitingReceives() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      String a = c.command(shell, "sleep 30");
      String b = c.command(shell, "sleep 31");
      String third = c.command(shell, "sleep 32");
      CompletableFuture<ReceiveResponse> ra = pendingReceive(shell, a, 3);
      CompletableFuture<ReceiveResponse> rb = pendingReceive(shell, b, 3);
      Thread.sleep(500);
      c.operationTimeout = Duration.ofSeconds(3);
      assertQuotaLimit(c.fault(c.receiveRequest(shell, third)), "maximum number of waiting");
      assertThat(ra.get(10, TimeUnit.SECONDS)).isNull();
      assertThat(rb.get(10, TimeUnit.SECONDS)).isNull();
      c.operationTimeout = Duration.ofSeconds(1);
      assertThat(c.receive(shell, third)).isNull(); // slots are given back
      c.delete(shell);
    }
  }

  @Test
  void sendingToACommandThatNeverReadsTimesOutInsteadOfBlocking() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      c.operationTimeout = Duration.ofSeconds(1);
      String shell = c.create();
      String cmd = c.command(shell, "sleep 30");
      byte[] chunk = new byte[64 * 1024];
      WsmanFault refused = null;
      for (int i = 0; i < 8 && refused == null; i++) {
        long t0 = System.nanoTime();
        RawConnection.Answer a =
            c.post(
                c.request(org.openrms.wsman.Actions.SEND, shell)
                    .body(org.openrms.wsman.Send.stdin(cmd, chunk, false).toElement())
                    .build());
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000);
        if (a.status() == 500) {
          refused = TestListeners.fault(a);
        } else {
          assertThat(a.status()).isEqualTo(200);
        }
      }
      assertThat(refused).isNotNull();
      assertThat(refused.type()).isEqualTo(FaultType.TIMED_OUT);
      assertThat(refused.wsmanCode()).isEqualTo(2150858793L);
      c.delete(shell);
    }
  }
}
