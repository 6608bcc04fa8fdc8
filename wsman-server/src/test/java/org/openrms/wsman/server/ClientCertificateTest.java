package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.EnvelopeReader;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;

/**
 * The https/mutual profile: client certificates from a trusted CA map to accounts by subject CN or
 * fingerprint; another CA is 401, an unmapped certificate 403. Certificates come from keytool.
 */
class ClientCertificateTest {
  private static final String PW = "changeit";
  private static final String MUTUAL =
      "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual";

  @TempDir static Path dir;
  private static WsmanListener listener;
  private static Path serverStore;

  @BeforeAll
  static void start() throws Exception {
    serverStore = dir.resolve("tls.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "tls",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        serverStore.toString());
    X509Certificate ca = ca("ca", "CN=Test Client CA");
    ca("rogue", "CN=Rogue CA");
    client("alice", "CN=alice", "ca");
    client("robot", "CN=robot", "ca");
    client("carol", "CN=carol", "ca");
    client("eve", "CN=alice", "rogue");
    client("web", "CN=alice", "ca", "serverAuth");
    ClientCertificates certs =
        ClientCertificates.builder()
            .trust(ca)
            .mapSubjectCommonName(true)
            .map(certificate("robot"), TestListeners.USER)
            .build();
    listener =
        TestListeners.start(
            b ->
                b.allowUnencrypted(false)
                    .https(0, serverStore, PW.toCharArray())
                    .clientCertificates(certs));
  }

  @AfterAll
  static void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    argv.addAll(List.of(args));
    argv.addAll(List.of("-storetype", "PKCS12", "-storepass", PW, "-noprompt"));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + out).isZero();
  }

  private static Path store(String name) {
    return dir.resolve(name + ".p12");
  }

  private static X509Certificate ca(String name, String dn) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        dn,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        store(name).toString());
    keytool(
        "-exportcert",
        "-alias",
        name,
        "-rfc",
        "-file",
        dir.resolve(name + ".crt").toString(),
        "-keystore",
        store(name).toString());
    return certificate(name);
  }

  private static X509Certificate certificate(String name) throws Exception {
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".crt"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** A client key in {@code name}.p12 whose certificate {@code issuer} signed. */
  private static void client(String name, String dn, String issuer) throws Exception {
    client(name, dn, issuer, "clientAuth");
  }

  private static void client(String name, String dn, String issuer, String eku) throws Exception {
    String ks = store(name).toString();
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        dn,
        "-validity",
        "2",
        "-keystore",
        ks);
    Path csr = dir.resolve(name + ".csr");
    keytool("-certreq", "-alias", name, "-file", csr.toString(), "-keystore", ks);
    Path crt = dir.resolve(name + ".crt");
    keytool(
        "-gencert",
        "-alias",
        issuer,
        "-infile",
        csr.toString(),
        "-outfile",
        crt.toString(),
        "-rfc",
        "-validity",
        "2",
        "-ext",
        "eku=" + eku,
        "-keystore",
        store(issuer).toString());
    keytool(
        "-importcert",
        "-alias",
        issuer,
        "-file",
        dir.resolve(issuer + ".crt").toString(),
        "-keystore",
        ks);
    keytool("-importcert", "-alias", name, "-file", crt.toString(), "-keystore", ks);
  }

  private static HttpClient client(String name) throws Exception {
    KeyManagerFactory kmf = null;
    if (name != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store(name))) {
        ks.load(in, PW.toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PW.toCharArray());
    }
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverStore)) {
      server.load(in, PW.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", server.getCertificate("tls"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).build();
  }

  private static HttpResponse<byte[]> post(HttpClient c, byte[] body, String auth)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(listener.httpsUri().orElseThrow())
            .header("Content-Type", "application/soap+xml;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (auth != null) {
      r.header("Authorization", auth);
    }
    return c.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static final byte[] GET = TestListeners.bytes(TestListeners.get(Namespaces.CONFIG));

  @Test
  void aTrustedCertificateAuthenticatesWithOrWithoutTheMutualHeader() throws Exception {
    long derivations = listener.passwordDerivations();
    HttpClient alice = client("alice");
    assertThat(post(alice, GET, MUTUAL).statusCode()).isEqualTo(200);
    assertThat(post(alice, GET, null).statusCode()).isEqualTo(200);
    // By fingerprint: CN=robot is no account, but its fingerprint maps to alice.
    assertThat(post(client("robot"), GET, MUTUAL).statusCode()).isEqualTo(200);
    // No password was checked.
    assertThat(listener.passwordDerivations()).isEqualTo(derivations);
  }

  @Test
  void identifyOverMutualListsTheMutualProfile() throws Exception {
    HttpResponse<byte[]> r = post(client("alice"), TestListeners.identify(), MUTUAL);
    assertThat(r.statusCode()).isEqualTo(200);
    IdentifyResponse id =
        IdentifyResponse.from(
            new EnvelopeReader(EnvelopeReader.Limits.DEFAULT, false).read(r.body()));
    assertThat(id.securityProfiles()).first().isEqualTo(MUTUAL);
    assertThat(id.securityProfiles())
        .contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic");
  }

  @Test
  void anotherCaIs401AndAnUnmappedCertificateIs403() throws Exception {
    assertThat(post(client("eve"), GET, MUTUAL).statusCode()).isEqualTo(401);
    assertThat(post(client("eve"), GET, null).statusCode()).isEqualTo(401);
    assertThat(post(client("carol"), GET, MUTUAL).statusCode()).isEqualTo(403);
    assertThat(post(client(null), GET, MUTUAL).statusCode()).isEqualTo(401);
  }

  @Test
  void basicStillWorksOverTheSameListenerAndWinsOverACertificate() throws Exception {
    assertThat(post(client(null), GET, TestListeners.auth()).statusCode()).isEqualTo(200);
    assertThat(post(client("carol"), GET, TestListeners.auth()).statusCode()).isEqualTo(200);
    assertThat(
            post(client("alice"), GET, RawConnection.basic(TestListeners.USER, "wrong"))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void aServerCertificateFromTheTrustedCaIsNoClientIdentity() throws Exception {
    // CN=alice names an account, the CA is trusted, but the EKU is serverAuth only.
    assertThat(post(client("web"), GET, MUTUAL).statusCode()).isEqualTo(401);
    assertThat(post(client("web"), GET, null).statusCode()).isEqualTo(401);
  }

  @Test
  void aFingerprintMappedToARemovedAccountNoLongerLogsIn() throws Exception {
    LocalAccounts before = listener.accounts();
    HttpClient robot = client("robot");
    assertThat(post(robot, GET, MUTUAL).statusCode()).isEqualTo(200);
    listener.accounts(before.without(TestListeners.USER));
    try {
      assertThat(post(robot, GET, MUTUAL).statusCode()).isEqualTo(403);
    } finally {
      listener.accounts(before);
    }
    assertThat(post(robot, GET, MUTUAL).statusCode()).isEqualTo(200);
  }
}
