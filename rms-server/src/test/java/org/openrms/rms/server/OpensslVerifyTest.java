package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.Pem;
import org.opentest4j.TestAbortedException;

/** The RAC chain is standard X.509: the openssl command line accepts it against our root. */
class OpensslVerifyTest {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  @TempDir Path tmp;

  @Test
  void opensslVerifiesRacChainAgainstRootAndRejectsAnotherRoot() throws Exception {
    requireOpenssl(OPENSSL, System.getenv());
    try (RightsServer server = TestSupport.start(tmp.resolve("a"));
        RightsServer other = TestSupport.start(tmp.resolve("b"))) {
      TestSupport.addUser(server, "alice");
      HttpClient client = TestSupport.client(server);
      String machineChain = TestSupport.activate(server, client, "alice", TestSupport.p256());
      HttpResponse<String> r =
          TestSupport.certify(
              server,
              client,
              TestSupport.basic("alice", TestSupport.PASSWORD),
              machineChain,
              false);
      assertThat(r.statusCode()).isEqualTo(200);
      List<byte[]> blocks =
          Pem.decodeAll(TestSupport.json(r).get("racChain").asText(), "CERTIFICATE");
      assertThat(blocks).hasSize(3);
      Path rac = write("rac.pem", blocks.get(0));
      Path slc = write("slc.pem", blocks.get(1));
      Path machine = tmp.resolve("machine.pem");
      Files.writeString(machine, machineChain);

      Result ok =
          openssl("verify", "-CAfile", server.rootCertificateFile(), "-untrusted", slc, rac);
      assertThat(ok.exit).as(ok.output).isZero();
      assertThat(ok.output).contains(rac + ": OK");

      Result machineOk = openssl("verify", "-CAfile", server.rootCertificateFile(), machine);
      assertThat(machineOk.exit).as(machineOk.output).isZero();

      Result rejected =
          openssl("verify", "-CAfile", other.rootCertificateFile(), "-untrusted", slc, rac);
      assertThat(rejected.exit).as(rejected.output).isNotZero();
      assertThat(rejected.output).doesNotContain(rac + ": OK");
    }
  }

  /**
   * Lets the test run only with an executable {@code openssl}. Without one it is skipped with a
   * message, except in CI ({@code CI=true}), which installs openssl, so there it fails instead of
   * passing by being skipped.
   */
  static void requireOpenssl(Path openssl, Map<String, String> env) {
    if (Files.isExecutable(openssl)) {
      return;
    }
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      Assertions.fail(openssl + " is missing although CI=true: the CI setup must install openssl");
    }
    Assumptions.abort(
        openssl + " is not installed, so the test is skipped (with CI=true it would fail)");
  }

  @Test
  void missingOpensslFailsInCiAndIsSkippedElsewhere() {
    Path missing = tmp.resolve("no-such-openssl");
    assertThatThrownBy(() -> requireOpenssl(missing, Map.of("CI", "true")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true");
    assertThatThrownBy(() -> requireOpenssl(missing, Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("not installed");
    assertThatThrownBy(() -> requireOpenssl(missing, Map.of("CI", "false")))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void anExecutableOpensslRunsInCiAndElsewhere() throws IOException {
    Path fake = tmp.resolve("openssl");
    Files.createFile(
        fake, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    assertThatCode(() -> requireOpenssl(fake, Map.of("CI", "true"))).doesNotThrowAnyException();
    assertThatCode(() -> requireOpenssl(fake, Map.of())).doesNotThrowAnyException();
  }

  private Path write(String name, byte[] der) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, Pem.encode("CERTIFICATE", der), StandardCharsets.US_ASCII);
    return p;
  }

  private record Result(int exit, String output) {}

  private static Result openssl(Object... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(OPENSSL.toString());
    for (Object a : args) {
      cmd.add(a.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
