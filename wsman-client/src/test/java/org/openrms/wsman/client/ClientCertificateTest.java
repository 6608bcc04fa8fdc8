package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.server.ClientCertificates;
import org.openrms.wsman.server.WsmanListener;

/** The https/mutual profile: a TLS client certificate mapped to an account by the listener. */
class ClientCertificateTest {
  @TempDir static Path dir;
  static TestPki ca;
  static Path client;
  static Path stranger;
  static WsmanListener listener;

  @BeforeAll
  static void start() throws Exception {
    ca = new TestPki(dir, "ca");
    TestPki otherCa = new TestPki(dir, "other");
    Path server = ca.issue("server", "wsman-test", "SAN=ip:127.0.0.1");
    client = ca.issue("client", "alice", "EKU=clientAuth");
    stranger = otherCa.issue("stranger", "alice", "EKU=clientAuth");
    ClientCertificates certs =
        ClientCertificates.builder()
            .trust(ca.caCertificate())
            .map(TestPki.chain(client)[0], Listeners.USER)
            .build();
    listener =
        Listeners.start(
            b ->
                b.allowUnencrypted(false)
                    .https(0, server, TestPki.PASSWORD.clone())
                    .clientCertificates(certs));
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  private static Session session(Path p12) throws Exception {
    ConnectionOptions options =
        ConnectionOptions.builder()
            .authMechanism(AuthMechanism.CLIENT_CERTIFICATE)
            .clientCertificate(TestPki.key(p12), TestPki.chain(p12))
            .build();
    return WSMan.builder()
        .trustStore(ca.trustStore())
        .build()
        .createSession("https://127.0.0.1:" + listener.httpsPort().getAsInt(), Set.of(), options);
  }

  @Test
  void aMappedClientCertificateAuthenticatesTheSession() throws Exception {
    try (Session s = session(client)) {
      assertThat(s.plan().mechanism()).isEqualTo(AuthMechanism.CLIENT_CERTIFICATE);
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
      try (RemoteShell shell = s.openShell()) {
        assertThat(
                shell.execute("echo", "mutual").stdoutText(java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo("mutual\n");
      }
    }
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    try (Session s = session(stranger)) {
      assertThatThrownBy(s::identify).isInstanceOf(WsmanClientException.class);
    }
  }

  @Test
  void clientCertificateAuthenticationWithoutACertificateFailsClearly() throws Exception {
    ConnectionOptions none =
        ConnectionOptions.builder().authMechanism(AuthMechanism.CLIENT_CERTIFICATE).build();
    try (Session s =
        WSMan.builder()
            .trustStore(ca.trustStore())
            .build()
            .createSession(
                "https://127.0.0.1:" + listener.httpsPort().getAsInt(), Set.of(), none)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining("clientCertificate");
    }
  }
}
