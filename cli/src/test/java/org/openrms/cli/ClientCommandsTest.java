package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/** The client-side commands against a real rights server started in-process. */
class ClientCommandsTest {
  @TempDir Path tmp;
  RightsServer server;
  Path passwordFile;
  Path wrongPasswordFile;

  @BeforeEach
  void startServer() throws Exception {
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .port(0)
                .passwordHashIterations(1000)
                .build());
    server
        .directory()
        .addUser(
            NewUser.builder("bob@example.com")
                .email("bob@example.com")
                .displayName("Bob")
                .password("s3cret-pw".toCharArray())
                .verified(true)
                .build());
    server
        .directory()
        .addUser(
            NewUser.builder("nomail")
                .displayName("No Mail")
                .password("s3cret-pw".toCharArray())
                .verified(true)
                .build());
    passwordFile = Files.writeString(tmp.resolve("pw"), "s3cret-pw\n", StandardCharsets.UTF_8);
    wrongPasswordFile = Files.writeString(tmp.resolve("bad"), "nope\n", StandardCharsets.UTF_8);
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private String[] activate(String user, Path pw, String... extra) {
    String[] base = {
      "activate",
      "--server",
      server.baseUri().toString(),
      "--trust",
      server.rootCertificateFile().toString(),
      "--store",
      tmp.resolve("store").toString(),
      "--user",
      user,
      "--password-file",
      pw.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void machineThenUserActivationThenLicensesListsBoth() {
    CliTestSupport.Result m =
        CliTestSupport.run(activate("bob@example.com", passwordFile, "--machine"));
    assertThat(m.exitCode()).as(m.err()).isZero();
    assertThat(m.out()).contains("Machine activated");

    CliTestSupport.Result u =
        CliTestSupport.run(activate("bob@example.com", passwordFile, "--temporary", "-v"));
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out())
        .contains("User activated: RAC for bob@example.com")
        .contains("S_DRM_COMPLETED");

    CliTestSupport.Result l =
        CliTestSupport.run("licenses", "--store", tmp.resolve("store").toString());
    assertThat(l.exitCode()).as(l.err()).isZero();
    assertThat(l.out())
        .contains("Machine: CN=machine-")
        .contains("Rights account certificates: 1")
        .contains("bob@example.com  [WINDOWS_AUTH;TEMPORARY]")
        .contains("valid");
  }

  @Test
  void userActivationWithoutMachineNamesTheHresultAndExitsFailed() {
    CliTestSupport.Result u = CliTestSupport.run(activate("bob@example.com", passwordFile));
    assertThat(u.err())
        .contains("E_DRM_NEEDS_MACHINE_ACTIVATION (0x8004CF3D)")
        .contains("The computer must be activated first.");
    assertThat(u.exitCode()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void wrongPasswordIsAnIdentityFailure() {
    CliTestSupport.Result r =
        CliTestSupport.run(activate("bob@example.com", wrongPasswordFile, "--machine"));
    assertThat(r.err()).contains("E_DRM_AUTHENTICATION_FAILED (0x8004CF43)");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IDENTITY);
  }

  @Test
  void userWithoutMailGetsAdEntryNotFound() {
    assertThat(
            CliTestSupport.run(
                    activate(
                        "nomail", passwordFile, "--machine", "--group-id", "nomail@example.com"))
                .exitCode())
        .isZero();
    CliTestSupport.Result r =
        CliTestSupport.run(activate("nomail", passwordFile, "--group-id", "nomail@example.com"));
    assertThat(r.err()).contains("E_DRM_AD_ENTRY_NOT_FOUND (0x8004CF5D)");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IDENTITY);
  }

  @Test
  void aLoginThatIsNotAnEmailNeedsGroupId() {
    CliTestSupport.Result r = CliTestSupport.run(activate("nomail", passwordFile));
    assertThat(r.err()).contains("--group-id");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void stoppedServerIsAConnectionFailure() {
    String[] args = activate("bob@example.com", passwordFile, "--machine");
    server.close();
    server = null;
    CliTestSupport.Result r = CliTestSupport.run(args);
    assertThat(r.err()).contains("E_DRM_NO_CONNECT (0x8004CF3B)");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONNECTION);
  }

  @Test
  void locateShowsTheAdvertisedServices() {
    CliTestSupport.Result r =
        CliTestSupport.run(
            "locate",
            "--server",
            server.baseUri().toString(),
            "--trust",
            server.rootCertificateFile().toString(),
            "--store",
            tmp.resolve("store").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("ACTIVATION")
        .contains(server.baseUri() + "/activation")
        .contains(server.baseUri() + "/certification")
        .contains("PUBLISHING      (not offered by this server)");
  }

  @Test
  void missingTrustForHttpsIsAClearUsageProblem() {
    CliTestSupport.Result r = CliTestSupport.run("locate", "--server", server.baseUri().toString());
    assertThat(r.err()).contains("--trust FILE is required");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.LOCAL);
  }
}
