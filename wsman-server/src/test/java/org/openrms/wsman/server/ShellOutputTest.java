package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.ReceiveResponse;
import org.openrms.wsman.XmlElement;

/** Output split to the client's MaxEnvelopeSize, SequenceId replay, and bounded buffering. */
class ShellOutputTest {
  private static final int BUFFER = 64 * 1024;
  private static WsmanListener listener;

  @BeforeAll
  static void start() {
    listener =
        TestListeners.start(b -> b.shell(ShellSettings.DEFAULTS.withMaxBufferedOutput(BUFFER)));
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  @AfterEach
  void noLeaks() {
    assertThat(listener.openShells()).isZero();
    assertThat(ShellClient.children()).isEmpty();
  }

  @Test
  void everyReceiveResponseFitsTheSmallestMaxEnvelopeSize() throws Exception {
    StringBuilder expected = new StringBuilder();
    for (int i = 1; i <= 20_000; i++) {
      expected.append(i).append('\n');
    }
    try (ShellClient c = new ShellClient(listener)) {
      c.maxEnvelopeSize = 8192;
      String shell = c.create();
      String cmd = c.command(shell, "seq 1 20000; seq 1 3000 >&2");
      List<Integer> sizes = new ArrayList<>();
      ShellClient.Result r = c.receiveAll(shell, cmd, a -> sizes.add(a.body().length));
      assertThat(r.out()).isEqualTo(expected.toString());
      assertThat(r.err()).startsWith("1\n2\n").endsWith("2999\n3000\n");
      assertThat(sizes).allMatch(n -> n <= 8192);
      // Split for real, and not wastefully: most responses are close to the limit.
      assertThat(sizes.size()).isBetween(18, 40);
      assertThat(sizes.stream().filter(n -> n > 6000).count()).isGreaterThan(sizes.size() / 2);
      c.delete(shell);
    }
  }

  @Test
  void aReceiveRepeatedWithTheSameSequenceIdGetsTheSameAnswer() throws Exception {
    try (ShellClient c = new ShellClient(listener)) {
      String shell = c.create();
      String cmd = c.command(shell, "echo one; sleep 0.5; echo two");
      Envelope first = receive(c, shell, cmd, 0);
      Envelope again = receive(c, shell, cmd, 0);
      ReceiveResponse a = ReceiveResponse.from(first.bodyElement().orElseThrow());
      ReceiveResponse b = ReceiveResponse.from(again.bodyElement().orElseThrow());
      assertThat(new String(a.output("stdout"), StandardCharsets.UTF_8)).isEqualTo("one\n");
      assertThat(b.output("stdout")).isEqualTo(a.output("stdout"));
      Envelope next = receive(c, shell, cmd, 1);
      assertThat(
              new String(
                  ReceiveResponse.from(next.bodyElement().orElseThrow()).output("stdout"),
                  StandardCharsets.UTF_8))
          .isEqualTo("two\n");
      // An old SequenceId that is not the last one is refused.
      Envelope stale =
          c.request(org.openrms.wsman.Actions.RECEIVE, shell).body(receiveBody(cmd, 0)).build();
      assertThat(c.fault(stale).type()).isEqualTo(FaultType.INVALID_PARAMETER);
      c.receiveAll(shell, cmd);
      c.delete(shell);
    }
  }

  private static XmlElement receiveBody(String cmd, long seq) {
    return org.openrms.wsman.Shells.receive(cmd, "stdout stderr").toBuilder()
        .attribute("SequenceId", Long.toString(seq))
        .build();
  }

  private static Envelope receive(ShellClient c, String shell, String cmd, long seq)
      throws Exception {
    return c.ok(
        c.request(org.openrms.wsman.Actions.RECEIVE, shell).body(receiveBody(cmd, seq)).build());
  }

  @Test
  void aLoudCommandBlocksOnItsPipeInsteadOfFillingMemory() throws Exception {
    int total = 5_000_000;
    try (ShellClient c = new ShellClient(listener)) {
      c.maxEnvelopeSize = 512_000;
      String shell = c.create();
      String cmd = c.command(shell, "head -c " + total + " /dev/zero; echo finished >&2");
      Thread.sleep(1000);
      // Unbounded, head would have written 5 MB in milliseconds and exited.
      assertThat(listener.liveProcesses()).isGreaterThanOrEqualTo(1);
      List<Integer> sizes = new ArrayList<>();
      ShellClient.Result r = c.receiveAll(shell, cmd, a -> sizes.add(a.body().length));
      assertThat(r.stdout()).hasSize(total);
      assertThat(r.err()).isEqualTo("finished\n");
      // No response carried more than the buffer (in base64) plus the envelope.
      assertThat(sizes).allMatch(n -> n <= BUFFER * 4 / 3 + 4096);
      c.delete(shell);
    }
  }
}
