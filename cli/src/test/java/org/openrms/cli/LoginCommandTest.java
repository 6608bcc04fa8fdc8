package org.openrms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.cli.internal.DeviceFlow;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.core.Pem;
import org.openrms.rms.server.OidcConfig;
import org.openrms.rms.server.OidcIssuer;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.testkit.FakeIdp;
import org.openrms.testkit.TestTls;

/**
 * {@code openrms login}: the device flow against a fake HTTPS OpenID Connect provider; the written
 * token (mode 600) activates against a rights server trusting that provider; pending, slow_down,
 * denial, expiry and an untrusted issuer certificate. Sleeps are recorded, not waited.
 */
class LoginCommandTest {
  @TempDir static Path tmp;
  static FakeIdp idp;
  static RightsServer server;
  static Path caPem;
  static final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  static DeviceFlow.Sleeper realSleeper;

  @BeforeAll
  static void start() throws Exception {
    idp = FakeIdp.start();
    caPem =
        Files.writeString(
            tmp.resolve("idp-ca.pem"),
            Pem.encode("CERTIFICATE", idp.tls.ca.getEncoded()),
            StandardCharsets.US_ASCII);
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .port(0)
                .passwordHashIterations(1000)
                .oidc(
                    OidcConfig.builder()
                        .trustedIssuer(OidcIssuer.of(idp.issuerUri(), FakeIdp.CLIENT_ID))
                        .trustStore(idp.tls.trustStore())
                        .build())
                .build());
    realSleeper = LoginCommand.sleeper;
    LoginCommand.sleeper = sleeps::add;
  }

  @AfterAll
  static void stop() throws Exception {
    LoginCommand.sleeper = realSleeper;
    server.close();
    idp.close();
  }

  @BeforeEach
  void reset() {
    sleeps.clear();
    idp.devicePolls.set(0);
    idp.devicePendingPolls.set(0);
    idp.deviceSlowDownAt.clear();
    idp.deviceOutcome = FakeIdp.DeviceOutcome.APPROVE;
    idp.deviceEndpointAdvertised = true;
    idp.deviceInterval = 5;
    idp.deviceIssuedToken = null;
  }

  static CliTestSupport.Result login(Path out, String... extra) {
    String[] base = {
      "login",
      "--issuer",
      idp.issuer(),
      "--client-id",
      FakeIdp.CLIENT_ID,
      "--trust",
      caPem.toString(),
      "--out",
      out.toString()
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliTestSupport.run(all);
  }

  @Test
  void approvedLoginWritesAPrivateTokenFileThatActivates() throws Exception {
    idp.devicePendingPolls.set(2);
    Path file = tmp.resolve("token-ok");
    CliTestSupport.Result r = login(file);
    assertThat(r.exitCode()).as(r.err()).isZero();
    String token = idp.deviceIssuedToken;
    assertThat(token).isNotNull();
    assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).isEqualTo(token);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(r.err())
        .contains("open " + idp.issuer() + "/activate and enter the code " + FakeIdp.USER_CODE)
        .contains("or open " + idp.issuer() + "/activate?user_code=" + FakeIdp.USER_CODE)
        .contains("Waiting for approval");
    assertThat(r.out()).contains("Signed in as fox@example.com; ID token written to " + file);
    assertThat(r.out() + r.err()).doesNotContain(token).doesNotContain(FakeIdp.DEVICE_CODE);
    assertThat(sleeps)
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));

    Path store = tmp.resolve("store");
    CliTestSupport.Result m =
        CliTestSupport.run(ActivateOidcTestArgs.activate(server, store, file, "--machine"));
    assertThat(m.exitCode()).as(m.err()).isZero();
    CliTestSupport.Result u =
        CliTestSupport.run(ActivateOidcTestArgs.activate(server, store, file));
    assertThat(u.exitCode()).as(u.err()).isZero();
    assertThat(u.out()).contains("User activated: RAC for fox@example.com");
  }

  @Test
  void slowDownAddsFiveSecondsToTheInterval() throws Exception {
    idp.devicePendingPolls.set(4);
    idp.deviceSlowDownAt.add(2);
    Path file = tmp.resolve("token-slow");
    CliTestSupport.Result r = login(file);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(sleeps)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    assertThat(idp.devicePolls.get()).isEqualTo(5);
    assertThat(r.err()).contains("slowing down: every 10 s");
    assertThat(Files.readString(file).strip()).isEqualTo(idp.deviceIssuedToken);
  }

  @Test
  void accessDeniedFailsClearlyAndWritesNoFile() {
    idp.devicePendingPolls.set(1);
    idp.deviceOutcome = FakeIdp.DeviceOutcome.DENY;
    Path file = tmp.resolve("token-denied");
    CliTestSupport.Result r = login(file);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IDENTITY);
    assertThat(r.err()).contains("error: the sign-in was denied (access_denied)");
    assertThat(file).doesNotExist();
  }

  @Test
  void expiredTokenFailsClearlyAndWritesNoFile() {
    idp.deviceOutcome = FakeIdp.DeviceOutcome.EXPIRE;
    Path file = tmp.resolve("token-expired");
    CliTestSupport.Result r = login(file);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains("error: the code expired before it was approved (expired_token)");
    assertThat(file).doesNotExist();
  }

  @Test
  void anUntrustedIssuerCertificateFails() throws Exception {
    Path other =
        Files.writeString(
            tmp.resolve("other-ca.pem"),
            Pem.encode("CERTIFICATE", TestTls.create().ca.getEncoded()),
            StandardCharsets.US_ASCII);
    Path file = tmp.resolve("token-untrusted");
    CliTestSupport.Result r =
        CliTestSupport.run(
            "login",
            "--issuer",
            idp.issuer(),
            "--client-id",
            FakeIdp.CLIENT_ID,
            "--trust",
            other.toString(),
            "--out",
            file.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONNECTION);
    assertThat(r.err()).contains("certificate is not trusted").contains("--trust");
    assertThat(file).doesNotExist();
    assertThat(idp.devicePolls.get()).isZero();
  }

  @Test
  void anIssuerWithoutTheDeviceFlowOrOverHttpIsRefused() {
    idp.deviceEndpointAdvertised = false;
    Path file = tmp.resolve("token-nodevice");
    CliTestSupport.Result r = login(file);
    assertThat(r.exitCode()).isEqualTo(ExitCodes.SERVER);
    assertThat(r.err()).contains("no device_authorization_endpoint");
    assertThat(file).doesNotExist();
    CliTestSupport.Result h =
        CliTestSupport.run(
            "login",
            "--issuer",
            idp.issuer().replace("https:", "http:"),
            "--client-id",
            FakeIdp.CLIENT_ID,
            "--out",
            file.toString());
    assertThat(h.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(h.err()).contains("--issuer must be an https:// URL");
  }

  /** The activate command line of {@link ActivateOidcTest} for another server. */
  static final class ActivateOidcTestArgs {
    static String[] activate(RightsServer server, Path store, Path tokenFile, String... extra) {
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
  }
}
