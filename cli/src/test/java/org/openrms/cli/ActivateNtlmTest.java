package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/**
 * {@code openrms activate --auth ntlm} against a rights server that accepts NTLM under Negotiate:
 * the machine and the user activate with an NTLM account's password, and the RAC carries the
 * directory e-mail.
 */
class ActivateNtlmTest {
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir static Path tmp;
  static RightsServer server;

  @BeforeAll
  static void start() {
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .port(0)
                .passwordHashIterations(1000)
                .ntlm(true)
                .build());
    server
        .directory()
        .addUser(
            NewUser.builder("alice")
                .email("alice.ntlm@example.com")
                .password(PASSWORD.toCharArray())
                .verified(true)
                .ntlm(true)
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String[] activate(Path store, Path pw, String... extra) {
    String[] base = {
      "activate",
      "--server",
      server.baseUri().toString(),
      "--trust",
      server.rootCertificateFile().toString(),
      "--store",
      store.toString(),
      "--auth",
      "ntlm",
      "--user",
      "alice",
      "--password-file",
      pw.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void anNtlmAccountActivatesMachineAndUser() throws Exception {
    Path pw = Files.writeString(tmp.resolve("pw"), PASSWORD + "\n", StandardCharsets.UTF_8);
    Path store = tmp.resolve("store");
    CliTestSupport.Result m = CliTestSupport.run(activate(store, pw, "--machine"));
    assertThat(m.exitCode()).as(m.err()).isZero();
    CliTestSupport.Result u =
        CliTestSupport.run(activate(store, pw, "--group-id", "alice.ntlm@example.com"));
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out()).contains("User activated: RAC for alice.ntlm@example.com");
  }
}
