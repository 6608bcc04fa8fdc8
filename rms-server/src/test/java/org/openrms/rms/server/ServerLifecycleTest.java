package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.Pem;

class ServerLifecycleTest {
  @TempDir Path tmp;

  @Test
  void firstStartCreatesKeysAndRestartReusesThem() throws Exception {
    Path dir = tmp.resolve("data");
    X509Certificate root;
    String serverId;
    try (RightsServer server = TestSupport.start(dir)) {
      root = server.rootCertificate();
      serverId = server.serverId();
      assertThat(dir.resolve("keys.p12")).isRegularFile();
      assertThat(Files.getPosixFilePermissions(dir.resolve("keystore.pass")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(dir))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      List<X509Certificate> pem = Pem.decodeChain(Files.readString(server.rootCertificateFile()));
      assertThat(pem).containsExactly(root);
      assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
      assertThat(server.licensorCertificate().getBasicConstraints()).isZero();
      assertThat(server.baseUri().toString())
          .isEqualTo("https://127.0.0.1:" + server.port() + "/rms/v1");
    }
    try (RightsServer again = TestSupport.start(dir)) {
      assertThat(again.rootCertificate()).isEqualTo(root);
      assertThat(again.serverId()).isEqualTo(serverId);
      HttpClient client = TestSupport.client(root);
      HttpResponse<String> r = TestSupport.get(client, again.baseUri());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(TestSupport.json(r).get("serverId").asText()).isEqualTo(serverId);
    }
  }

  @Test
  void closeIsIdempotentAndReleasesTheDataDirectory() {
    Path dir = tmp.resolve("data");
    RightsServer server = TestSupport.start(dir);
    server.close();
    server.close();
    try (UserDirectory d = UserDirectory.open(dir, 1_000)) {
      assertThat(d.listUsers()).isEmpty();
    }
  }

  @Test
  void userDirectoryOpenFailsClearlyWhileAServerRuns() {
    Path dir = tmp.resolve("data");
    try (RightsServer server = TestSupport.start(dir)) {
      assertThatThrownBy(() -> UserDirectory.open(dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "the data directory "
                  + server.config().dataDirectory()
                  + " is in use by a running server; stop it first");
    }
  }

  @Test
  void aSecondServerOnTheSameDataDirectoryIsRefused() {
    Path dir = tmp.resolve("data");
    try (RightsServer server = TestSupport.start(dir)) {
      assertThatThrownBy(() -> TestSupport.start(dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by a running server");
      assertThat(TestSupport.get(TestSupport.client(server), server.baseUri()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aTakenPortFailsTheStartAndReleasesTheDataDirectory() {
    try (RightsServer first = TestSupport.start(tmp.resolve("one"))) {
      Path dir = tmp.resolve("two");
      assertThatThrownBy(() -> TestSupport.start(dir, b -> b.port(first.port())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot start the rights server");
      try (UserDirectory d = UserDirectory.open(dir, 1_000)) {
        assertThat(d.listUsers()).isEmpty();
      }
    }
  }

  @Test
  void tlsCertificateNamesLocalhostAndTheLoopbackAddresses() throws Exception {
    try (RightsServer server = TestSupport.start(tmp.resolve("data"))) {
      X509Certificate tls = tlsCertificateOf(server);
      assertThat(tls.getIssuerX500Principal())
          .isEqualTo(server.rootCertificate().getSubjectX500Principal());
      assertThat(tls.getSubjectAlternativeNames())
          .contains(
              List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    }
  }

  private static X509Certificate tlsCertificateOf(RightsServer server) throws Exception {
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("root", server.rootCertificate());
    tmf.init(ks);
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    try (javax.net.ssl.SSLSocket socket =
        (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      javax.net.ssl.SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
