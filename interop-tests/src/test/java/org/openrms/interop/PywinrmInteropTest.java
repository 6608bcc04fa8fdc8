package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * pywinrm 0.3.0 (Debian python3-winrm, imported by /usr/bin/python3) against our listener: {@code
 * winrm.Session(...).run_cmd(...)} over Basic on HTTP (allowUnencrypted) and on HTTPS with our CA
 * validated.
 */
class PywinrmInteropTest {
  private static final String INSTALL =
      "install it with `apt-get install -y python3-winrm` (Debian 0.3.0; importable only by"
          + " /usr/bin/python3), or run .ci/run";
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
  void requirePywinrm() {
    if (available == null) {
      available =
          Peers.exists(Peers.python())
              && PeerProcess.run(
                          List.of(Peers.python().toString(), "-c", "import winrm"),
                          Map.of(),
                          dir,
                          Duration.ofSeconds(30))
                      .exitCode()
                  == 0;
    }
    Peers.require(available, "pywinrm (" + Peers.python() + " -c 'import winrm')", INSTALL);
  }

  @AfterEach
  void listenerIsCleanAndServing() throws Exception {
    server.assertCleanAndServing();
  }

  @Test
  void runCmdOverHttpBasicReturnsStdoutStderrAndExitCode() throws Exception {
    JsonNode r =
        pywinrm(
                server.httpUri().toString(),
                "plaintext",
                null,
                InteropListener.PASSWORD,
                Map.of(),
                "sh",
                "-c",
                "'echo out; echo err >&2; exit 3'")
            .success();
    assertThat(r.path("std_out").asText()).isEqualTo("out\n");
    assertThat(r.path("std_err").asText()).isEqualTo("err\n");
    assertThat(r.path("status_code").asInt()).isEqualTo(3);
  }

  @Test
  void runCmdOverHttpsBasicValidatesOurCa() throws Exception {
    JsonNode r =
        pywinrm(
                server.httpsUri().toString(),
                "ssl",
                server.caPem(),
                InteropListener.PASSWORD,
                Map.of(),
                "sh",
                "-c",
                "'echo out; echo err >&2; exit 3'")
            .success();
    assertThat(r.path("std_out").asText()).isEqualTo("out\n");
    assertThat(r.path("std_err").asText()).isEqualTo("err\n");
    assertThat(r.path("status_code").asInt()).isEqualTo(3);
  }

  @Test
  void httpsWithoutOurCaFailsCertificateValidation() throws Exception {
    // Proves the HTTPS test above really validated: the same call with the system CAs fails.
    JsonNode r =
        pywinrm(
                server.httpsUri().toString(),
                "ssl",
                null,
                InteropListener.PASSWORD,
                Map.of(),
                "echo",
                "never")
            .failure();
    assertThat(r.path("error").asText()).as(r.toString()).isEqualTo("SSLError");
  }

  @Test
  void wrongPasswordIsInvalidCredentialsErrorAndTheListenerStillServes() throws Exception {
    JsonNode r =
        pywinrm(
                server.httpUri().toString(),
                "plaintext",
                null,
                "wrong-password",
                Map.of(),
                "echo",
                "never")
            .failure();
    assertThat(r.path("error").asText()).as(r.toString()).isEqualTo("InvalidCredentialsError");
    server.assertServing();
    JsonNode ok =
        pywinrm(
                server.httpUri().toString(),
                "plaintext",
                null,
                InteropListener.PASSWORD,
                Map.of(),
                "echo",
                "after")
            .success();
    assertThat(ok.path("std_out").asText()).isEqualTo("after\n");
    assertThat(ok.path("status_code").asInt()).isZero();
  }

  @Test
  void outputLargerThanOneEnvelopeArrivesWhole() throws Exception {
    // 300 000 bytes is about twice pywinrm's MaxEnvelopeSize (153 600) once base64-encoded.
    JsonNode r =
        pywinrm(
                server.httpUri().toString(),
                "plaintext",
                null,
                InteropListener.PASSWORD,
                Map.of(),
                "head -c 300000 /dev/zero | tr '\\0' a")
            .success();
    assertThat(r.path("std_out").asText()).hasSize(300_000).matches("a+");
    assertThat(r.path("status_code").asInt()).isZero();
  }

  @Test
  void aCommandOutlivingTheOperationTimeoutIsPolledThroughTimedOutFaults() throws Exception {
    // With a 1 s OperationTimeout, the idle Receives are answered with the w:TimedOut fault,
    // which pywinrm must recognise (WSManFault code 2150858793) and retry silently.
    JsonNode r =
        pywinrm(
                server.httpUri().toString(),
                "plaintext",
                null,
                InteropListener.PASSWORD,
                Map.of("OPENRMS_PEER_OPERATION_TIMEOUT", "1"),
                "sleep 3; echo late")
            .success();
    assertThat(r.path("std_out").asText()).isEqualTo("late\n");
    assertThat(r.path("status_code").asInt()).isZero();
  }

  private static PeerProcess.Result pywinrm(
      String endpoint,
      String transport,
      Path caPem,
      String password,
      Map<String, String> env,
      String command,
      String... args)
      throws URISyntaxException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Peers.python().toString());
    cmd.add(script().toString());
    cmd.add(endpoint);
    cmd.add(InteropListener.USER);
    cmd.add(transport);
    cmd.add(caPem == null ? "-" : caPem.toString());
    cmd.add(command);
    cmd.addAll(List.of(args));
    Map<String, String> e = new HashMap<>(env);
    e.put(Peers.PASSWORD_VARIABLE, password);
    PeerProcess.Result r = PeerProcess.run(cmd, e, dir, TIMEOUT);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static Path script() throws URISyntaxException {
    return Path.of(PywinrmInteropTest.class.getResource("/interop/pywinrm_run.py").toURI());
  }
}
