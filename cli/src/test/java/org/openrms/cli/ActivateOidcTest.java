package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.rms.server.OidcConfig;
import org.openrms.rms.server.OidcIssuer;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.testkit.FakeIdp;

/**
 * {@code openrms activate --auth oidc --id-token-file F} against a rights server that trusts a fake
 * OpenID Connect provider: machine and user activation with the token, the RAC for the token's
 * e-mail; an expired token is an identity failure; the token is never printed.
 */
class ActivateOidcTest {
  @TempDir static Path tmp;
  static FakeIdp idp;
  static RightsServer server;

  @BeforeAll
  static void start() throws Exception {
    idp = FakeIdp.start();
    KeyStore trust = idp.tls.trustStore();
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .port(0)
                .passwordHashIterations(1000)
                .oidc(
                    OidcConfig.builder()
                        .trustedIssuer(OidcIssuer.of(idp.issuerUri(), FakeIdp.CLIENT_ID))
                        .trustStore(trust)
                        .build())
                .build());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    idp.close();
  }

  static String[] activate(Path store, Path tokenFile, String... extra) {
    String[] base = {
      "activate",
      "--server",
      server.baseUri().toString(),
      "--trust",
      server.rootCertificateFile().toString(),
      "--store",
      store.toString(),
      "--auth",
      "oidc",
      "--id-token-file",
      tokenFile.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void machineAndUserActivationWithAnIdToken() throws Exception {
    String token = idp.token("fox@example.com");
    Path file = Files.writeString(tmp.resolve("token"), token + "\n", StandardCharsets.US_ASCII);
    Path store = tmp.resolve("store");
    CliTestSupport.Result m = CliTestSupport.run(activate(store, file, "--machine"));
    assertThat(m.exitCode()).as(m.err()).isZero();
    CliTestSupport.Result u = CliTestSupport.run(activate(store, file));
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out()).contains("User activated: RAC for fox@example.com");
    assertThat(u.out() + u.err() + m.out() + m.err()).doesNotContain(token);
    CliTestSupport.Result l = CliTestSupport.run("licenses", "--store", store.toString());
    assertThat(l.out()).contains("fox@example.com  [PASSPORT;STANDARD]");
  }

  @Test
  void anExpiredTokenIsAnIdentityFailure() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    String token =
        idp.token(
            "fox@example.com",
            c ->
                c.issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plus(Duration.ofMinutes(5)))));
    Path file = Files.writeString(tmp.resolve("expired"), token, StandardCharsets.US_ASCII);
    CliTestSupport.Result r =
        CliTestSupport.run(activate(tmp.resolve("store-expired"), file, "--machine"));
    assertThat(r.err()).contains("E_DRM_AUTHENTICATION_FAILED (0x8004CF43)");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IDENTITY);
    assertThat(r.out() + r.err()).doesNotContain(token);
  }

  @Test
  void oidcNeedsATokenFileAndBasicNeedsAUser() {
    CliTestSupport.Result r =
        CliTestSupport.run(
            "activate",
            "--server",
            server.baseUri().toString(),
            "--trust",
            server.rootCertificateFile().toString(),
            "--auth",
            "oidc");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("--id-token-file");
    CliTestSupport.Result b =
        CliTestSupport.run(
            "activate",
            "--server",
            server.baseUri().toString(),
            "--trust",
            server.rootCertificateFile().toString());
    assertThat(b.exitCode()).isNotZero();
    assertThat(b.err()).contains("--user is required");
  }
}
