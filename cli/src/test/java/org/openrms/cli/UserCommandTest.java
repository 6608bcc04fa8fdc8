package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

class UserCommandTest {
  @TempDir Path tmp;

  @Test
  void addListDisableRoundTrip() throws Exception {
    Path data = tmp.resolve("data");
    Path pw = Files.writeString(tmp.resolve("pw"), "correct horse\n");

    CliTestSupport.Result add =
        CliTestSupport.run(
            "user",
            "add",
            "--data",
            data.toString(),
            "--email",
            "carol@example.com",
            "--name",
            "Carol",
            "--password-file",
            pw.toString());
    assertThat(add.exitCode()).as(add.err()).isZero();

    CliTestSupport.Result dup =
        CliTestSupport.run(
            "user",
            "add",
            "--data",
            data.toString(),
            "--email",
            "carol@example.com",
            "--password-file",
            pw.toString());
    assertThat(dup.exitCode()).isEqualTo(ExitCodes.LOCAL);
    assertThat(dup.err()).contains("carol@example.com");

    CliTestSupport.Result disable =
        CliTestSupport.run(
            "user", "disable", "--data", data.toString(), "--login", "carol@example.com");
    assertThat(disable.exitCode()).as(disable.err()).isZero();

    CliTestSupport.Result list = CliTestSupport.run("user", "list", "--data", data.toString());
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .containsPattern("carol@example.com\\s+carol@example.com\\s+Carol\\s+yes\\s+no");
    assertThat(list.out()).contains("1 user(s)");

    assertThat(
            CliTestSupport.run(
                    "user", "enable", "--data", data.toString(), "--login", "carol@example.com")
                .exitCode())
        .isZero();
    CliTestSupport.Result unverified =
        CliTestSupport.run(
            "user",
            "add",
            "--data",
            data.toString(),
            "--email",
            "erin@example.com",
            "--unverified",
            "--password-file",
            pw.toString());
    assertThat(unverified.exitCode()).as(unverified.err()).isZero();
    assertThat(CliTestSupport.run("user", "list", "--data", data.toString()).out())
        .containsPattern("carol@example.com\\s+carol@example.com\\s+Carol\\s+yes\\s+yes")
        .containsPattern("erin@example.com\\s+erin@example.com\\s+erin@example.com\\s+no\\s+yes");
    assertThat(
            CliTestSupport.run(
                    "user", "verify", "--data", data.toString(), "--login", "erin@example.com")
                .exitCode())
        .isZero();
    assertThat(CliTestSupport.run("user", "list", "--data", data.toString()).out())
        .containsPattern("erin@example.com\\s+erin@example.com\\s+erin@example.com\\s+yes\\s+yes");
    assertThat(
            CliTestSupport.run(
                    "user", "disable", "--data", data.toString(), "--login", "nobody@example.com")
                .exitCode())
        .isEqualTo(ExitCodes.LOCAL);
  }

  @Test
  void invalidEmailIsRefusedUnlessAllowed() throws Exception {
    Path data = tmp.resolve("data");
    Path pw = Files.writeString(tmp.resolve("pw"), "pw\n");
    CliTestSupport.Result bad =
        CliTestSupport.run(
            "user",
            "add",
            "--data",
            data.toString(),
            "--email",
            "not-an-address",
            "--password-file",
            pw.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.LOCAL);
    assertThat(bad.err()).contains("not-an-address");

    CliTestSupport.Result ok =
        CliTestSupport.run(
            "user",
            "add",
            "--data",
            data.toString(),
            "--email",
            "not-an-address",
            "--allow-invalid-email",
            "--password-file",
            pw.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
  }

  @Test
  void runningServerLocksTheDataDirectoryWithAClearMessage() throws Exception {
    Path data = tmp.resolve("data");
    Path pw = Files.writeString(tmp.resolve("pw"), "pw\n");
    try (RightsServer server =
        RightsServer.start(RightsServerConfig.builder().dataDirectory(data).port(0).build())) {
      CliTestSupport.Result r =
          CliTestSupport.run(
              "user",
              "add",
              "--data",
              data.toString(),
              "--email",
              "dave@example.com",
              "--password-file",
              pw.toString());
      assertThat(r.exitCode()).isEqualTo(ExitCodes.LOCAL);
      assertThat(r.err()).contains("in use by a running server");
    }
  }

  @Test
  void ntlmStoresTheNtHashOnlyWhenAsked() throws Exception {
    Path data = tmp.resolve("data");
    Path pw = Files.writeString(tmp.resolve("pw"), "correct horse\n");
    for (String[] user : new String[][] {{"nina", "--ntlm"}, {"otto", "--unverified"}}) {
      CliTestSupport.Result add =
          CliTestSupport.run(
              "user",
              "add",
              "--data",
              data.toString(),
              "--login",
              user[0],
              "--password-file",
              pw.toString(),
              user[1]);
      assertThat(add.exitCode()).as(add.err()).isZero();
    }
    try (org.openrms.rms.server.UserDirectory dir =
        org.openrms.rms.server.UserDirectory.open(data)) {
      assertThat(dir.ntlmAccounts().find("NINA").orElseThrow().ntHash())
          .isEqualTo(org.openrms.auth.Ntlm.ntHash("correct horse".toCharArray()));
      assertThat(dir.ntlmAccounts().find("otto")).isEmpty();
    }
  }
}
