package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.server.WsmanListener;

/**
 * A connection that breaks after the request went out: a request that is not safe to repeat is
 * never sent twice and fails saying its outcome is unknown; Get, Identify and a Receive with its
 * SequenceId are sent again; a kept-alive connection the service closed is replaced before use.
 */
class ConnectionLossTest {
  static WsmanListener listener;

  @BeforeAll
  static void start() {
    listener = Listeners.start(b -> {});
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  private static Session session(Relay relay) {
    return WSMan.builder()
        .build()
        .createSession(
            relay.uri(),
            EnumSet.of(SessionFlag.USE_BASIC, SessionFlag.NO_ENCRYPTION),
            Listeners.alice());
  }

  /** Drops the answer of the first request with {@code action}, relays everything else. */
  private static Relay dropFirst(String action) throws Exception {
    AtomicBoolean dropped = new AtomicBoolean();
    return new Relay(
        listener.httpUri(),
        (request, response) ->
            request.contains(">" + action + "<") && dropped.compareAndSet(false, true)
                ? Relay.Verdict.DROP
                : Relay.Verdict.RELAY);
  }

  @Test
  void aCommandWhoseAnswerIsLostIsNotSentAgainAndTheCallerIsToldItsOutcomeIsUnknown()
      throws Exception {
    try (Relay relay = dropFirst(Actions.COMMAND);
        Session s = session(relay);
        RemoteShell shell = s.openShell()) {
      // The Create went over the connection the Command then reuses.
      assertThatThrownBy(() -> shell.run("echo ran"))
          .isInstanceOf(WsmanConnectionException.class)
          .hasMessageContaining("Command request was sent")
          .hasMessageContaining("unknown")
          .hasMessageContaining("not sent again");
      assertThat(relay.count(Actions.COMMAND)).isEqualTo(1);
      // The session goes on over a new connection.
      assertThat(new String(shell.execute("echo next").stdout(), StandardCharsets.UTF_8))
          .isEqualTo("next\n");
      assertThat(relay.count(Actions.COMMAND)).isEqualTo(2);
    }
  }

  @Test
  void aSendWhoseAnswerIsLostIsNotSentAgain() throws Exception {
    try (Relay relay = dropFirst(Actions.SEND);
        Session s = session(relay);
        RemoteShell shell = s.openShell()) {
      RemoteCommand c = shell.run("cat");
      c.stdin().write("once\n".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> c.stdin().flush())
          .hasMessageContaining("unknown")
          .hasRootCauseInstanceOf(java.io.IOException.class);
      assertThat(relay.count(Actions.SEND)).isEqualTo(1);
      // cat got the line once.
      assertThat(new String(c.stdout().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("once\n");
      c.terminate();
      assertThat(c.waitFor(Duration.ofSeconds(10))).isTrue();
      assertThat(relay.count(Actions.SEND)).isEqualTo(1);
    }
  }

  @Test
  void aGetWhoseAnswerIsLostIsSentAgainOnANewConnection() throws Exception {
    try (Relay relay = dropFirst(Actions.GET);
        Session s = session(relay)) {
      assertThat(s.get(Namespaces.CONFIG)).contains("MaxEnvelopeSizekb");
      assertThat(relay.count(Actions.GET)).isEqualTo(2);
    }
  }

  @Test
  void aReceiveWhoseAnswerIsLostIsSentAgainWithItsSequenceIdAndNoOutputIsLost() throws Exception {
    AtomicBoolean dropped = new AtomicBoolean();
    // base64 of output starting with "one" begins with "b25l".
    try (Relay relay =
            new Relay(
                listener.httpUri(),
                (request, response) ->
                    request.contains(">" + Actions.RECEIVE + "<")
                            && response.contains(">b25l")
                            && dropped.compareAndSet(false, true)
                        ? Relay.Verdict.DROP
                        : Relay.Verdict.RELAY);
        Session s = session(relay);
        RemoteShell shell = s.openShell()) {
      // A first command leaves a kept-alive Receive connection for the second one to reuse.
      assertThat(shell.execute("true").exitCode()).isZero();
      CommandResult r = shell.execute("echo one; sleep 1; echo two");
      assertThat(dropped).isTrue();
      assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
      assertThat(r.exitCode()).isZero();
      long again =
          relay.requests().stream()
              .filter(b -> b.contains(">" + Actions.RECEIVE + "<"))
              .map(b -> b.replaceAll("(?s).*SequenceId=\"(\\d+)\".*", "$1"))
              .distinct()
              .count();
      assertThat(again).isLessThan(relay.count(Actions.RECEIVE));
    }
  }

  @Test
  void aKeptAliveConnectionTheServiceClosedIsReplacedBeforeACommandIsWritten() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    try (Relay relay =
            new Relay(
                listener.httpUri(),
                (request, response) ->
                    request.contains(">" + Actions.CREATE + "<")
                            && closed.compareAndSet(false, true)
                        ? Relay.Verdict.RELAY_THEN_CLOSE
                        : Relay.Verdict.RELAY);
        Session s = session(relay);
        RemoteShell shell = s.openShell()) {
      assertThat(relay.closedOne.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100); // the FIN reaches the client
      CommandResult r = shell.execute("echo fine");
      assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("fine\n");
      assertThat(relay.count(Actions.COMMAND)).isEqualTo(1);
    }
  }
}
