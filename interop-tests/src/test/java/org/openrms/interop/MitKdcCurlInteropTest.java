package org.openrms.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.MachineActivationRequest;
import org.openrms.core.wire.WireJson;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.RightsClient;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/**
 * The rights server's {@code Negotiate} against real MIT Kerberos: an MIT KDC ({@code krb5kdc}) in
 * a private realm on loopback ({@code mit-kdc.sh}), {@code kinit}, then {@code curl --negotiate -u
 * :} (libcurl's GSSAPI/SPNEGO, not our code) activates a machine and gets a RAC for the principal's
 * directory e-mail; the SDK does the same from the MIT ticket cache.
 */
class MitKdcCurlInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path kdcDir;
  static Map<String, String> kdc;
  static RightsServer server;
  static Path ccache;

  @BeforeAll
  static void start() {
    KerberosInfra.jdkKrb5Conf();
    Peers.require(
        KerberosInfra.onPath("kinit") && KerberosInfra.onPath("curl"),
        "kinit and curl",
        "apt-get install krb5-user curl");
    kdcDir = tmp.resolve("kdc");
    kdc =
        KerberosInfra.run(
            "mit-kdc.sh",
            "apt-get install krb5-kdc krb5-admin-server",
            "start",
            kdcDir.toString(),
            Integer.toString(KerberosInfra.mitPort()));
    server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(tmp.resolve("data"))
                .passwordHashIterations(1000)
                .kerberos("HTTP/localhost@" + kdc.get("REALM"), Path.of(kdc.get("KEYTAB")))
                .build());
    server
        .directory()
        .addUser(
            NewUser.builder("alice")
                .email("alice@example.com")
                .password("unused-basic-password".toCharArray())
                .verified(true)
                .build());
    ccache =
        KerberosInfra.kinit(
            kdc.get("KRB5_CONFIG"), kdc.get("USER"), kdc.get("USER_PASSWORD"), tmp.resolve("cc"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    KerberosInfra.stop("mit-kdc.sh", kdcDir);
  }

  private static String url(String path) {
    return "https://localhost:" + server.port() + "/rms/v1" + path;
  }

  /** {@code curl --negotiate -u :} POSTing a JSON file; returns status and body. */
  private static KerberosInfra.Result curl(String path, Object body) throws Exception {
    Path file = Files.createTempFile(tmp, "body", ".json");
    Files.write(file, WireJson.writer().writeValueAsBytes(body));
    KerberosInfra.Result r =
        KerberosInfra.exec(
            List.of(
                "curl",
                "-sS",
                "--negotiate",
                "-u",
                ":",
                "--cacert",
                server.rootCertificateFile().toString(),
                "-H",
                "Content-Type: application/json",
                "--data-binary",
                "@" + file,
                "-w",
                "\n%{http_code}",
                url(path)),
            Map.of(
                "KRB5_CONFIG",
                kdc.get("KRB5_CONFIG"),
                "KRB5CCNAME",
                "FILE:" + ccache,
                "NO_PROXY",
                "*"),
            null,
            60);
    assertThat(r.exit()).as("curl: %s", r.err()).isZero();
    return r;
  }

  @Test
  void curlNegotiateActivatesAMachineAndGetsARac() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    String pub = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    String fingerprint = HexFormat.of().formatHex(new byte[32]).replace('0', 'a');
    long now = System.currentTimeMillis();
    MachineActivationRequest unsigned =
        new MachineActivationRequest(pub, fingerprint, "curl-host", now, null);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(keys.getPrivate());
    s.update(unsigned.signedBytes());
    MachineActivationRequest signed =
        new MachineActivationRequest(
            pub, fingerprint, "curl-host", now, Base64.getEncoder().encodeToString(s.sign()));

    JsonNode machine = answer(curl("/activation", signed));
    String chain = machine.get("certificateChain").asText();
    JsonNode rac =
        answer(curl("/certification", new CertificationRequest(chain, false, "WINDOWS_AUTH")));
    X509Certificate cert = Pem.decodeChain(rac.get("racChain").asText()).get(0);
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(1, "alice@example.com"));
    assertThat(server.audit().recent(1).get(0).login()).isEqualTo("alice");
  }

  @Test
  void theSdkUsesTheMitTicketCache() throws Exception {
    try (RightsClient client =
        RightsClient.builder()
            .serviceUrl(java.net.URI.create(url("")))
            .trustedRoots(List.of(server.rootCertificate()))
            .storeDirectory(tmp.resolve("store"))
            .kerberosTicketCache(ccache)
            .build()) {
      try (ClientSession m =
          client.createClientSession((a, b, c, d) -> {}, 0, GroupIdType.WINDOWS_AUTH, null)) {
        assertThat(
                m.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
                    .await(java.time.Duration.ofSeconds(60)))
            .isEqualTo(HResult.S_DRM_COMPLETED);
      }
      try (ClientSession u =
          client.createClientSession(
              (a, b, c, d) -> {}, 0, GroupIdType.WINDOWS_AUTH, "alice@example.com")) {
        assertThat(
                u.activate(
                        EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT),
                        ActivationServiceInfo.of(java.net.URI.create(url("/certification"))),
                        null)
                    .await(java.time.Duration.ofSeconds(60)))
            .isEqualTo(HResult.S_DRM_COMPLETED);
        assertThat(u.isActivated(ActivationFlag.GROUPIDENTITY)).isTrue();
      }
    }
  }

  private static JsonNode answer(KerberosInfra.Result r) throws Exception {
    String out = r.out();
    int nl = out.lastIndexOf('\n');
    String status = out.substring(nl + 1).strip();
    String body = out.substring(0, Math.max(nl, 0));
    assertThat(status).as("HTTP status; body %s; curl %s", body, r.err()).isEqualTo("200");
    return JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
  }
}
