package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NTLM with MS-WSMV message encryption over plain HTTP, against a listener configured as Windows is
 * by default ({@code allowUnencrypted} off): pywinrm 0.3.0 ({@code transport='ntlm'}, {@code
 * message_encryption='auto'}) and winrm4j 0.12.3 ({@code AuthSchemes.NTLM}, {@code
 * PayloadEncryptionMode.REQUIRED}) each run a command through a {@link Relay} that records the
 * wire, which must carry no SOAP in clear either way.
 *
 * <p>pywinrm's NTLM (python3-ntlm-auth) needs MD4 from hashlib, which Debian's OpenSSL 3 only
 * provides with its legacy provider: the Python child gets {@code OPENSSL_CONF} pointing at a
 * config that activates the default and legacy providers (as the auth module's NTLM interop test
 * does). Nothing else on the machine changes.
 */
class NtlmEncryptionInteropTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String OPENSSL_LEGACY =
      String.join(
          "\n",
          "openssl_conf = openssl_init",
          "[openssl_init]",
          "providers = provider_sect",
          "[provider_sect]",
          "default = default_sect",
          "legacy = legacy_sect",
          "[default_sect]",
          "activate = 1",
          "[legacy_sect]",
          "activate = 1",
          "");
  private static final String COMMAND = "echo out; echo err >&2; exit 3";

  @TempDir static Path dir;
  private static InteropListener server;

  @BeforeAll
  static void start() throws Exception {
    server = InteropListener.startNegotiate(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void listenerIsCleanAndServing() throws Exception {
    server.assertCleanAndServing();
  }

  @Test
  void pywinrmNtlmRunsACommandWithEveryMessageSealed() throws Exception {
    Peers.require(
        PeerProcess.run(
                    List.of(Peers.python().toString(), "-c", "import winrm, ntlm_auth"),
                    Map.of("OPENSSL_CONF", opensslConf().toString()),
                    dir,
                    Duration.ofSeconds(30))
                .exitCode()
            == 0,
        "pywinrm with ntlm-auth (" + Peers.python() + ")",
        "apt-get install -y python3-winrm (pulls python3-requests-ntlm and python3-ntlm-auth)");
    try (Relay relay = new Relay(server.httpPort())) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Peers.python().toString());
      cmd.add(
          Path.of(NtlmEncryptionInteropTest.class.getResource("/interop/pywinrm_run.py").toURI())
              .toString());
      cmd.add("http://127.0.0.1:" + relay.port() + "/wsman");
      cmd.add(InteropListener.USER);
      cmd.add("ntlm");
      cmd.add("-");
      cmd.addAll(List.of("sh", "-c", "'" + COMMAND + "'"));
      PeerProcess.Result r =
          PeerProcess.run(
              cmd,
              Map.of(
                  Peers.PASSWORD_VARIABLE,
                  InteropListener.PASSWORD,
                  "OPENSSL_CONF",
                  opensslConf().toString()),
              dir,
              TIMEOUT);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode out = r.success();
      assertThat(out.path("std_out").asText()).isEqualTo("out\n");
      assertThat(out.path("std_err").asText()).isEqualTo("err\n");
      assertThat(out.path("status_code").asInt()).isEqualTo(3);
      assertNoClearSoap(relay, "Negotiate TlRMTVNTUAAB");
    }
  }

  @Test
  void winrm4jNtlmWithRequiredEncryptionRunsACommand() throws Exception {
    Peers.require(
        Files.isRegularFile(Peers.winrm4jClasspathFile()),
        "the winrm4j classpath file " + Peers.winrm4jClasspathFile(),
        "run the tests through Maven (`mvn verify`), which writes it at generate-test-resources");
    try (Relay relay = new Relay(server.httpPort())) {
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
              "http",
              "127.0.0.1",
              Integer.toString(relay.port()),
              InteropListener.USER,
              "-",
              COMMAND,
              "ntlm");
      PeerProcess.Result r =
          PeerProcess.run(
              cmd, Map.of(Peers.PASSWORD_VARIABLE, InteropListener.PASSWORD), dir, TIMEOUT);
      assertThat(r.exitCode()).as(r.toString()).isZero();
      JsonNode out = r.success();
      assertThat(out.path("stdout").asText()).isEqualTo("out\n");
      assertThat(out.path("stderr").asText()).isEqualTo("err\n");
      assertThat(out.path("statusCode").asInt()).isEqualTo(3);
      assertNoClearSoap(relay, "Negotiate TlRMTVNTUAAB");
    }
  }

  /**
   * The capture shows the NTLM handshake, and every HTTP message with a body, either way, is
   * multipart/encrypted and holds no SOAP element or command text in clear. The only clear bodies
   * allowed are those of handshake rounds (winrm4j sends the placeholder {@code
   * AWAITING_ENCRYPTION_KEYS} with its NEGOTIATE; it also names the SOAP action in the Content-Type
   * header of those rounds, which is its choice, not a body).
   */
  private static void assertNoClearSoap(Relay relay, String negotiatePrefix) {
    String up = relay.sentToServer();
    assertThat(up).contains(negotiatePrefix);
    int sealedUp = assertBodies(up, true);
    int sealedDown = assertBodies(relay.sentToClient(), false);
    assertThat(sealedUp).as("sealed requests").isGreaterThanOrEqualTo(5);
    assertThat(sealedDown).as("sealed answers").isEqualTo(sealedUp);
  }

  private static final Pattern HEAD =
      Pattern.compile(
          "(?:POST /wsman HTTP/1\\.1|HTTP/1\\.1 \\d{3}[^\\r]*)\\r\\n((?:[^\\r]+\\r\\n)*)\\r\\n");
  private static final Pattern LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)");

  /** Checks each message of one direction; returns how many carried an encrypted body. */
  private static int assertBodies(String wire, boolean requests) {
    int sealed = 0;
    int at = 0;
    Matcher m = HEAD.matcher(wire);
    while (m.find(at)) {
      String headers = m.group(1);
      Matcher len = LENGTH.matcher(headers);
      int n = len.find() ? Integer.parseInt(len.group(1)) : 0;
      String body = wire.substring(m.end(), Math.min(wire.length(), m.end() + n));
      at = m.end() + n;
      if (n == 0) {
        continue;
      }
      String lower = headers.toLowerCase(Locale.ROOT);
      if (lower.contains("content-type: multipart/encrypted")) {
        sealed++;
        assertThat(body).startsWith("--Encrypted Boundary\r\n");
      } else {
        boolean handshake =
            lower.contains("authorization: negotiate") || body.equals("AWAITING_ENCRYPTION_KEYS");
        assertThat(requests && handshake)
            .as("a clear body outside the handshake: " + headers)
            .isTrue();
      }
      assertThat(body).doesNotContainIgnoringCase("Envelope");
      assertThat(body).doesNotContain("schemas.xmlsoap.org", "schemas.microsoft.com", "echo out");
    }
    return sealed;
  }

  private static Path opensslConf() throws Exception {
    Path conf = dir.resolve("openssl-legacy.cnf");
    if (!Files.exists(conf)) {
      Files.writeString(conf, OPENSSL_LEGACY);
    }
    return conf;
  }
}
