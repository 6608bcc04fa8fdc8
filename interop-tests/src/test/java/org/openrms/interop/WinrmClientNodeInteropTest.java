package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm package winrm-client 0.0.11 on Node against our listener, Basic over HTTP and HTTPS (our
 * CA trusted through NODE_EXTRA_CA_CERTS, certificate checks on). It is a third, independent
 * implementation with habits of its own: pretty-printed XML without an XML declaration, the same
 * MessageID on every request, exactly one Receive and no Signal before the Delete in {@code
 * runCommand}, and responses looked up by the Windows prefixes ({@code s:}, {@code x:}, {@code a:},
 * {@code w:}, {@code rsp:}). It exposes no exit code.
 */
class WinrmClientNodeInteropTest {
  static final String VERSION = "0.0.11";
  private static final String INSTALL =
      "install it with `npm ci --prefix "
          + Peers.nodeDir()
          + "` after copying interop-tests/src/test/node/package*.json there (Node 20 and npm"
          + " needed), or run .ci/run";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static InteropListener server;
  private static Boolean available;

  @BeforeAll
  static void start() throws Exception {
    server = InteropListener.start(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void requireWinrmClient() throws Exception {
    if (available == null) {
      Path pkg = Peers.nodeDir().resolve("node_modules/winrm-client/package.json");
      available =
          Files.isRegularFile(pkg)
              && Files.readString(pkg).contains("\"version\": \"" + VERSION + "\"")
              && PeerProcess.run(
                          List.of("node", "--version"), Map.of(), dir, Duration.ofSeconds(30))
                      .exitCode()
                  == 0;
    }
    Peers.require(
        available, "node with winrm-client@" + VERSION + " in " + Peers.nodeDir(), INSTALL);
  }

  @AfterEach
  void listenerIsCleanAndServing() throws Exception {
    server.assertCleanAndServing();
  }

  @Test
  void runCommandReturnsStdout() throws Exception {
    JsonNode r = node("run", "echo out; echo err >&2; exit 3");
    assertThat(r.path("version").asText()).isEqualTo(VERSION);
    // runCommand: stdout trimmed, or stderr when stdout is empty; no exit code.
    assertThat(r.path("stdout").asText()).isEqualTo("out");
  }

  @Test
  void runCommandOverHttpsValidatesOurCa() throws Exception {
    JsonNode r = node("run-https", "echo secure");
    assertThat(r.path("stdout").asText()).isEqualTo("secure");
  }

  @Test
  void runCommandReturnsStderrWhenStdoutIsEmpty() throws Exception {
    JsonNode r = node("run", "echo only-err >&2; exit 5");
    assertThat(r.path("stdout").asText()).isEqualTo("only-err");
  }

  @Test
  void shellAndCommandFunctionsReceiveBothStreamsUntilTheEnd() throws Exception {
    JsonNode r = node("streams", "echo out; sleep 1; echo err >&2; echo more; exit 3");
    // doReceiveOutputNonBlocking trims each Receive's text, so lines of separate Receives abut.
    assertThat(r.path("stdout").asText().replace("\n", "")).isEqualTo("outmore");
    assertThat(r.path("stderr").asText()).isEqualTo("err");
    assertThat(r.path("receives").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void deleteWhileTheCommandStillRunsLeavesNoProcess() throws Exception {
    // runCommand sends one Receive, which returns with the first output, then Delete at once:
    // the listener must end the still-running command (checked after each test).
    JsonNode r = node("run", "echo started; sleep 30; echo never");
    assertThat(r.path("stdout").asText()).isEqualTo("started");
  }

  private static JsonNode node(String mode, String command) throws URISyntaxException {
    boolean https = mode.endsWith("-https");
    Map<String, String> env = new HashMap<>();
    env.put(Peers.PASSWORD_VARIABLE, InteropListener.PASSWORD);
    env.put("NODE_PATH", Peers.nodeDir().resolve("node_modules").toString());
    if (https) {
      env.put("NODE_EXTRA_CA_CERTS", server.caPem().toString());
    }
    List<String> cmd =
        List.of(
            "node",
            script().toString(),
            mode,
            "127.0.0.1",
            Integer.toString(https ? server.httpsPort() : server.httpPort()),
            InteropListener.USER,
            command);
    PeerProcess.Result r = PeerProcess.run(cmd, env, dir, TIMEOUT);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.success();
  }

  private static Path script() throws URISyntaxException {
    return Path.of(
        WinrmClientNodeInteropTest.class.getResource("/interop/winrm_client_run.js").toURI());
  }
}
