package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/** Passwords never travel in clear text unless both sides were told to allow it. */
class PlainHttpTest {
  @TempDir Path tmp;

  @Test
  void activateRefusesToSendThePasswordOverPlainHttpUnlessAllowed() throws Exception {
    try (RightsServer server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .port(0)
                .plainHttp(true)
                .allowBasicOverHttp(true)
                .passwordHashIterations(1000)
                .build())) {
      server
          .directory()
          .addUser(
              NewUser.builder("pat@example.com")
                  .email("pat@example.com")
                  .password("pw-pat".toCharArray())
                  .verified(true)
                  .build());
      Path pw = Files.writeString(tmp.resolve("pw"), "pw-pat\n");
      String[] args = {
        "activate", "--machine",
        "--server", server.baseUri().toString(),
        "--trust", server.rootCertificateFile().toString(),
        "--store", tmp.resolve("store").toString(),
        "--user", "pat@example.com",
        "--password-file", pw.toString()
      };
      assertThat(server.baseUri().getScheme()).isEqualTo("http");

      CliTestSupport.Result refused = CliTestSupport.run(args);
      assertThat(refused.exitCode()).isEqualTo(ExitCodes.IDENTITY);
      assertThat(refused.err()).contains("E_DRM_AUTHENTICATION_FAILED").contains("plain HTTP");

      String[] allowed = new String[args.length + 1];
      System.arraycopy(args, 0, allowed, 0, args.length);
      allowed[args.length] = "--allow-basic-over-http";
      CliTestSupport.Result ok = CliTestSupport.run(allowed);
      assertThat(ok.exitCode()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("Machine activated");
    }
  }
}
