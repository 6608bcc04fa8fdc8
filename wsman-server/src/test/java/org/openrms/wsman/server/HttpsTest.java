package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;

/** HTTPS with a PKCS#12 keystore: Basic is accepted there even without allowUnencrypted. */
class HttpsTest {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static WsmanListener listener;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    Path p12 = dir.resolve("tls.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
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
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                p12.toString(),
                "-storepass",
                new String(STORE_PASSWORD),
                "-keypass",
                new String(STORE_PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(out).isZero();
    listener =
        TestListeners.start(b -> b.allowUnencrypted(false).https(0, p12, STORE_PASSWORD.clone()));
    client = HttpClient.newBuilder().sslContext(trusting(p12)).build();
  }

  private static SSLContext trusting(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, STORE_PASSWORD);
    }
    Certificate cert = ks.getCertificate("tls");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  private static HttpResponse<byte[]> post(URI uri, byte[] body, String auth) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/soap+xml;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (auth != null) {
      r.header("Authorization", auth);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void identifyOverHttpsListsTheHttpsBasicProfile() throws Exception {
    URI uri = listener.httpsUri().orElseThrow();
    assertThat(uri.toString())
        .isEqualTo("https://127.0.0.1:" + listener.httpsPort().getAsInt() + "/wsman");
    HttpResponse<byte[]> r = post(uri, TestListeners.identify(), TestListeners.auth());
    assertThat(r.statusCode()).isEqualTo(200);
    IdentifyResponse id =
        IdentifyResponse.from(
            new org.openrms.wsman.EnvelopeReader(
                    org.openrms.wsman.EnvelopeReader.Limits.DEFAULT, false)
                .read(r.body()));
    assertThat(id.securityProfiles())
        .containsExactly("http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic");
  }

  @Test
  void basicIsAcceptedOverHttpsButNotOverHttpOfTheSameListener() throws Exception {
    byte[] get = TestListeners.bytes(TestListeners.get(Namespaces.CONFIG));
    HttpResponse<byte[]> overTls =
        post(listener.httpsUri().orElseThrow(), get, TestListeners.auth());
    assertThat(overTls.statusCode()).isEqualTo(200);
    Envelope e =
        new org.openrms.wsman.EnvelopeReader(org.openrms.wsman.EnvelopeReader.Limits.DEFAULT, false)
            .read(overTls.body());
    assertThat(e.action()).contains(Actions.GET_RESPONSE);
    XmlElement ports =
        e.bodyElement()
            .orElseThrow()
            .child(new javax.xml.namespace.QName(Namespaces.CONFIG, "Service"))
            .orElseThrow()
            .child(new javax.xml.namespace.QName(Namespaces.CONFIG, "DefaultPorts"))
            .orElseThrow();
    assertThat(ports.childText(new javax.xml.namespace.QName(Namespaces.CONFIG, "HTTPS")))
        .contains(Integer.toString(listener.httpsPort().getAsInt()));

    HttpResponse<byte[]> wrong =
        post(listener.httpsUri().orElseThrow(), get, RawConnection.basic("alice", "nope"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"WSMAN\"");

    try (RawConnection c = new RawConnection(listener.httpUri())) {
      assertThat(c.post(get, "Authorization", TestListeners.auth()).status()).isEqualTo(401);
    }
  }

  @Test
  void aShellCreatedOverHttpsIsAddressedAtTheHttpsEndpoint() throws Exception {
    URI https = listener.httpsUri().orElseThrow();
    org.openrms.wsman.Envelope create =
        org.openrms.wsman.Envelope.request(
                TestListeners.TO,
                org.openrms.wsman.Namespaces.RESOURCE_CMD_SHELL,
                org.openrms.wsman.Actions.CREATE)
            .body(org.openrms.wsman.ShellCreate.standard().toElement())
            .build();
    HttpResponse<byte[]> r = post(https, TestListeners.bytes(create), TestListeners.auth());
    assertThat(r.statusCode()).isEqualTo(200);
    org.openrms.wsman.Envelope e =
        new org.openrms.wsman.EnvelopeReader(org.openrms.wsman.EnvelopeReader.Limits.DEFAULT, false)
            .read(r.body());
    org.openrms.wsman.ResourceCreated created =
        org.openrms.wsman.ResourceCreated.from(e.body().children().get(0)).orElseThrow();
    assertThat(created.address()).isEqualTo(https.toString());
    String shellId = created.selectors().get("ShellId");
    org.openrms.wsman.Envelope delete =
        org.openrms.wsman.Envelope.request(
                TestListeners.TO,
                org.openrms.wsman.Namespaces.RESOURCE_CMD_SHELL,
                org.openrms.wsman.Actions.DELETE)
            .selector("ShellId", shellId)
            .build();
    assertThat(post(https, TestListeners.bytes(delete), TestListeners.auth()).statusCode())
        .isEqualTo(200);
    assertThat(listener.openShells()).isZero();
  }

  @Test
  void plainHttpCanBeTurnedOff() throws Exception {
    try (WsmanListener only =
        TestListeners.start(
            b ->
                b.allowUnencrypted(false)
                    .http(false)
                    .https(0, dir.resolve("tls.p12"), STORE_PASSWORD.clone()))) {
      assertThat(only.httpPort()).isEqualTo(-1);
      assertThatThrownBy(only::httpUri)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("plain HTTP is off");
      HttpResponse<byte[]> r =
          post(only.httpsUri().orElseThrow(), TestListeners.identify(), TestListeners.auth());
      assertThat(r.statusCode()).isEqualTo(200);
      // The only port listening is the HTTPS one.
      assertThat(only.config().httpEnabled()).isFalse();
    }
    assertThatThrownBy(() -> WsmanListenerConfig.builder().http(false).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMissingKeystoreFailsTheStart() {
    assertThatThrownBy(
            () ->
                WsmanListener.start(
                    WsmanListenerConfig.builder()
                        .https(0, dir.resolve("absent.p12"), "x".toCharArray())
                        .build()))
        .isInstanceOf(IOException.class);
  }
}
