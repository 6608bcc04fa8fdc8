package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.auth.KerberosCredentials;

/**
 * pywinrm 0.3.0 (Debian python3-winrm with python3-requests-kerberos, imported by /usr/bin/python3)
 * with {@code transport='kerberos'} against our listener over HTTPS: an MIT KDC in a private realm
 * on loopback ({@code mit-kdc.sh}), {@code kinit} into a file cache, and the listener's Kerberos
 * acceptor reading the realm's {@code HTTP/localhost} keytab. pywinrm requires mutual
 * authentication, so a success also proves our listener answered with the AP-REP of that key.
 */
class PywinrmKerberosInteropTest {
  private static final String INSTALL =
      "install them with `apt-get install -y python3-winrm python3-requests-kerberos` (Debian;"
          + " importable only by /usr/bin/python3), or run .ci/run";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path tmp;
  static Path kdcDir;
  static Map<String, String> kdc;
  static KerberosCredentials acceptor;
  static InteropListener server;
  static Path ccache;

  @BeforeAll
  static void start() throws Exception {
    KerberosInfra.jdkKrb5Conf();
    boolean pywinrm =
        Peers.exists(Peers.python())
            && PeerProcess.run(
                        List.of(
                            Peers.python().toString(),
                            "-c",
                            "import winrm, requests_kerberos, winrm.transport as t;"
                                + " assert t.HAVE_KERBEROS"),
                        Map.of(),
                        tmp,
                        Duration.ofSeconds(30))
                    .exitCode()
                == 0;
    Peers.require(pywinrm, "pywinrm with requests-kerberos (" + Peers.python() + ")", INSTALL);
    Peers.require(KerberosInfra.onPath("kinit"), "kinit", "apt-get install krb5-user");
    kdcDir = tmp.resolve("kdc");
    kdc =
        KerberosInfra.run(
            "mit-kdc.sh",
            "apt-get install krb5-kdc krb5-admin-server",
            "start",
            kdcDir.toString(),
            Integer.toString(KerberosInfra.mitPort()));
    acceptor =
        KerberosCredentials.acceptorKeytab(
            "HTTP/localhost@" + kdc.get("REALM"), Path.of(kdc.get("KEYTAB")));
    server =
        InteropListener.startKerberos(Files.createDirectories(tmp.resolve("listener")), acceptor);
    ccache =
        KerberosInfra.kinit(
            kdc.get("KRB5_CONFIG"), kdc.get("USER"), kdc.get("USER_PASSWORD"), tmp.resolve("cc"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (acceptor != null) {
      acceptor.close();
    }
    KerberosInfra.stop("mit-kdc.sh", kdcDir);
  }

  @AfterEach
  void listenerIsCleanAndServing() throws Exception {
    if (server != null) {
      server.assertCleanAndServing();
    }
  }

  @Test
  void runCmdOverHttpsWithKerberosFromTheTicketCache() throws Exception {
    JsonNode r =
        pywinrm("-", "FILE:" + ccache, "sh", "-c", "'echo out; echo err >&2; exit 3'").success();
    assertThat(r.path("std_out").asText()).isEqualTo("out\n");
    assertThat(r.path("std_err").asText()).isEqualTo("err\n");
    assertThat(r.path("status_code").asInt()).isEqualTo(3);
    // The ticket pywinrm presented came from the real KDC, for alice, to HTTP/localhost.
    String log = Files.readString(kdcDir.resolve("krb5kdc.log"));
    assertThat(log)
        .containsPattern(
            "TGS_REQ .*ISSUE: .*"
                + java.util.regex.Pattern.quote(kdc.get("USER"))
                + " for HTTP/localhost@"
                + java.util.regex.Pattern.quote(kdc.get("REALM")));
  }

  @Test
  void runCmdWithTheExplicitClientPrincipal() throws Exception {
    JsonNode r = pywinrm(kdc.get("USER"), "FILE:" + ccache, "echo", "ok").success();
    assertThat(r.path("std_out").asText()).isEqualTo("ok\n");
    assertThat(r.path("std_err").asText()).isEmpty();
    assertThat(r.path("status_code").asInt()).isZero();
  }

  @Test
  void withoutATicketKerberosFailsAndTheListenerStillServes() throws Exception {
    JsonNode r = pywinrm("-", "FILE:" + tmp.resolve("no-such-cache"), "echo", "never").failure();
    assertThat(r.path("error").asText()).as(r.toString()).isEqualTo("KerberosExchangeError");
    JsonNode ok = pywinrm("-", "FILE:" + ccache, "echo", "after").success();
    assertThat(ok.path("std_out").asText()).isEqualTo("after\n");
  }

  private static PeerProcess.Result pywinrm(
      String principal, String krb5ccname, String command, String... args)
      throws URISyntaxException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Peers.python().toString());
    cmd.add(
        Path.of(PywinrmKerberosInteropTest.class.getResource("/interop/pywinrm_run.py").toURI())
            .toString());
    // localhost, not 127.0.0.1: requests-kerberos asks for HTTP/<host of the URL>.
    cmd.add("https://localhost:" + server.httpsPort() + "/wsman");
    cmd.add(principal);
    cmd.add("kerberos");
    cmd.add(server.caPem().toString());
    cmd.add(command);
    cmd.addAll(List.of(args));
    PeerProcess.Result r =
        PeerProcess.run(
            cmd,
            Map.of(
                "KRB5_CONFIG",
                kdc.get("KRB5_CONFIG"),
                "KRB5CCNAME",
                krb5ccname,
                Peers.PASSWORD_VARIABLE,
                ""),
            tmp,
            TIMEOUT);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
