package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.Pem;

/** The RAC chain is standard X.509: the openssl command line accepts it against our root. */
class OpensslVerifyTest {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");

  @TempDir Path tmp;

  @Test
  void opensslVerifiesRacChainAgainstRootAndRejectsAnotherRoot() throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
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
