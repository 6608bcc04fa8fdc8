package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.testkit.TestKdc;

/**
 * {@code openrms activate --auth kerberos} against a rights server that accepts Negotiate with a
 * Kerby KDC's keytab: the logged-on identity of a ticket cache (what {@code kinit} leaves), or a
 * principal and its password; the RAC carries the directory e-mail; a principal without directory
 * entry is an identity failure.
 */
class ActivateKerberosTest {
  @TempDir static Path tmp;
  static TestKdc kdc;
  static RightsServer server;

  @BeforeAll
  static void start() {
    kdc = TestKdc.get();
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .port(0)
                .passwordHashIterations(1000)
                .kerberos(TestKdc.HTTP, kdc.httpKeytab)
                .build());
    server
        .directory()
        .addUser(
            NewUser.builder("cat")
                .email("cat@example.com")
                .password("unused-password".toCharArray())
                .verified(true)
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String[] activate(Path store, String... extra) {
    String[] base = {
      "activate",
      "--server",
      server.baseUri().toString(),
      "--trust",
      server.rootCertificateFile().toString(),
      "--store",
      store.toString(),
      "--auth",
      "kerberos",
      "--spn",
      TestKdc.HTTP
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void theTicketCachePrincipalActivatesMachineAndUser() {
    Path cache = kdc.ticketCache(TestKdc.CAT, tmp.resolve("krb5cc_cat"));
    Path store = tmp.resolve("store");
    CliTestSupport.Result m =
        CliTestSupport.run(activate(store, "--ticket-cache", cache.toString(), "--machine"));
    assertThat(m.exitCode()).as(m.err()).isZero();
    CliTestSupport.Result u =
        CliTestSupport.run(
            activate(store, "--ticket-cache", cache.toString(), "--group-id", "cat@example.com"));
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out()).contains("User activated: RAC for cat@example.com");
    CliTestSupport.Result l = CliTestSupport.run("licenses", "--store", store.toString());
    assertThat(l.out()).contains("cat@example.com  [WINDOWS_AUTH;STANDARD]");
  }

  @Test
  void aPrincipalAndItsPasswordGetATicket() throws Exception {
    Path pw =
        Files.writeString(tmp.resolve("pw"), TestKdc.USER_PASSWORD + "\n", StandardCharsets.UTF_8);
    Path store = tmp.resolve("store-pw");
    String[] who = {"--user", TestKdc.CAT, "--password-file", pw.toString()};
    CliTestSupport.Result m = CliTestSupport.run(activate(store, concat(who, "--machine")));
    assertThat(m.exitCode()).as(m.err()).isZero();
    CliTestSupport.Result u =
        CliTestSupport.run(activate(store, concat(who, "--group-id", "cat@example.com")));
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out()).contains("User activated: RAC for cat@example.com");
  }

  @Test
  void aPrincipalWithoutDirectoryEntryIsAnIdentityFailure() {
    Path cache = kdc.ticketCache(TestKdc.NOBODY, tmp.resolve("krb5cc_nobody"));
    CliTestSupport.Result r =
        CliTestSupport.run(
            activate(tmp.resolve("store-nobody"), "--ticket-cache", cache.toString(), "--machine"));
    assertThat(r.err()).contains("E_DRM_AD_ENTRY_NOT_FOUND");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IDENTITY);
  }

  @Test
  void userActivationNeedsTheSessionsEmail() {
    CliTestSupport.Result r = CliTestSupport.run(activate(tmp.resolve("store-x")));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--group-id");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
