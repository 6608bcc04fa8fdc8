package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.server.WsmanListener;

/**
 * HTTPS against a listener whose certificate a keytool CA issued for the IP address 127.0.0.1 only:
 * the CA check and the name check, each failing with its own {@link
 * WsmanCertificateException.Check} unless its Skip flag is set.
 */
class HttpsSessionTest {
  @TempDir static Path dir;
  static TestPki ca;
  static TestPki otherCa;
  static WsmanListener listener;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    ca = new TestPki(dir, "ca");
    otherCa = new TestPki(dir, "other");
    Path server = ca.issue("server", "wsman-test", "SAN=ip:127.0.0.1");
    listener =
        Listeners.start(b -> b.allowUnencrypted(false).https(0, server, TestPki.PASSWORD.clone()));
    port = listener.httpsPort().getAsInt();
  }

  @AfterAll
  static void stop() {
    listener.close();
  }

  private static Session session(TestPki trusted, String host, SessionFlag... extra)
      throws Exception {
    WSMan wsman = WSMan.builder().trustStore(trusted.trustStore()).build();
    Set<SessionFlag> flags = EnumSet.of(SessionFlag.USE_BASIC);
    flags.addAll(Set.of(extra));
    return wsman.createSession("https://" + host + ":" + port, flags, Listeners.alice());
  }

  @Test
  void aCertificateFromATrustedCaNamingTheIpAddressIsAccepted() throws Exception {
    try (Session s = session(ca, "127.0.0.1")) {
      assertThat(s.identify().securityProfiles())
          .contains("http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/basic");
      assertThat(s.get("http://schemas.microsoft.com/wbem/wsman/1/config"))
          .contains("MaxEnvelopeSizekb");
    }
  }

  @Test
  void whenTheAddressDoesNotMatchTheServerCertificateNameAFailureOccurs() throws Exception {
    try (Session s = session(ca, "localhost")) {
      assertThatThrownBy(s::identify)
          .isInstanceOfSatisfying(
              WsmanCertificateException.class,
              e ->
                  assertThat(e.check()).isEqualTo(WsmanCertificateException.Check.CERTIFICATE_NAME))
          .hasMessageContaining("localhost")
          .hasMessageContaining("SkipCNCheck");
    }
  }

  @Test
  void skipCnCheckAcceptsTheWrongNameButStillChecksTheCa() throws Exception {
    try (Session s = session(ca, "localhost", SessionFlag.SKIP_CN_CHECK)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    }
    try (Session s = session(otherCa, "localhost", SessionFlag.SKIP_CN_CHECK)) {
      assertThatThrownBy(s::identify)
          .isInstanceOfSatisfying(
              WsmanCertificateException.class,
              e ->
                  assertThat(e.check())
                      .isEqualTo(WsmanCertificateException.Check.CERTIFICATE_AUTHORITY));
    }
  }

  @Test
  void anUntrustedCaFailsTheCaCheckUnlessSkipCaCheck() throws Exception {
    try (Session s = session(otherCa, "127.0.0.1")) {
      assertThatThrownBy(s::identify)
          .isInstanceOfSatisfying(
              WsmanCertificateException.class,
              e ->
                  assertThat(e.check())
                      .isEqualTo(WsmanCertificateException.Check.CERTIFICATE_AUTHORITY))
          .hasMessageContaining("SkipCACheck");
    }
    try (Session s = session(otherCa, "127.0.0.1", SessionFlag.SKIP_CA_CHECK)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    }
  }

  @Test
  void skipCaCheckStillChecksTheName() throws Exception {
    try (Session s = session(otherCa, "localhost", SessionFlag.SKIP_CA_CHECK)) {
      assertThatThrownBy(s::identify)
          .isInstanceOfSatisfying(
              WsmanCertificateException.class,
              e ->
                  assertThat(e.check())
                      .isEqualTo(WsmanCertificateException.Check.CERTIFICATE_NAME));
    }
  }

  @Test
  void theJdkTrustStoreIsTheDefaultAndDoesNotTrustATestCa() throws Exception {
    try (ConnectionOptions alice = Listeners.alice();
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    "https://127.0.0.1:" + port, EnumSet.of(SessionFlag.USE_BASIC), alice)) {
      assertThatThrownBy(s::identify)
          .isInstanceOfSatisfying(
              WsmanCertificateException.class,
              e ->
                  assertThat(e.check())
                      .isEqualTo(WsmanCertificateException.Check.CERTIFICATE_AUTHORITY));
    }
  }
}
