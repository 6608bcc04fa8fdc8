package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * winrm4j 0.12.3 ({@code WinRmTool}, CXF-based) against our listener, with Basic over HTTP and over
 * HTTPS trusting our CA. It runs in a child JVM ({@link Winrm4jPeer}).
 */
class Winrm4jInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dir;
  private static InteropListener server;

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
  void requireClasspath() {
    Peers.require(
        Files.isRegularFile(Peers.winrm4jClasspathFile()),
        "the winrm4j classpath file " + Peers.winrm4jClasspathFile(),
        "run the tests through Maven (`mvn verify`), which writes it at generate-test-resources");
  }

  @AfterEach
  void listenerIsCleanAndServing() throws Exception {
    server.assertCleanAndServing();
  }

  @Test
  void executeCommandOverHttpBasicReturnsStdoutStderrAndExitCode() throws Exception {
    JsonNode r = winrm4j("http", server.httpPort(), null, "echo out; echo err >&2; exit 3");
    assertThat(r.path("stdout").asText()).isEqualTo("out\n");
    assertThat(r.path("stderr").asText()).isEqualTo("err\n");
    assertThat(r.path("statusCode").asInt()).isEqualTo(3);
  }

  @Test
  void executeCommandOverHttpsBasicTrustingOurCa() throws Exception {
    JsonNode r =
        winrm4j("https", server.httpsPort(), server.caPem(), "echo out; echo err >&2; exit 3");
    assertThat(r.path("stdout").asText()).isEqualTo("out\n");
    assertThat(r.path("stderr").asText()).isEqualTo("err\n");
    assertThat(r.path("statusCode").asInt()).isEqualTo(3);
  }

  private static JsonNode winrm4j(String scheme, int port, Path caPem, String command)
      throws IOException {
    String classpath =
        Files.readString(Peers.winrm4jClasspathFile(), StandardCharsets.UTF_8).strip()
            + File.pathSeparator
            + Peers.testClasses();
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath,
            Winrm4jPeer.class.getName(),
            scheme,
            "127.0.0.1",
            Integer.toString(port),
            InteropListener.USER,
            caPem == null ? "-" : caPem.toString(),
            command);
    PeerProcess.Result r =
        PeerProcess.run(
            cmd, Map.of(Peers.PASSWORD_VARIABLE, InteropListener.PASSWORD), dir, TIMEOUT);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.success();
  }
}
