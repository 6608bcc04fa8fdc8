package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.server.AuthSettings;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListener;
import org.openrms.wsman.server.WsmanListenerConfig;

/**
 * Our client against our listener with Negotiate (NTLM for a local account) and Kerberos (a Kerby
 * KDC), over plain HTTP with message encryption and the listener's default of refusing clear
 * messages; a TCP capture between them shows that no SOAP went in clear either way.
 */
class ListenerNegotiateTest {
  static final String NTLM_USER = "bob";
  static final String NTLM_PASSWORD = "Ntlm-B0b-Passw0rd";
  static WsmanListener listener;
  static Capture capture;

  @BeforeAll
  static void start() throws Exception {
    Kdc kdc = Kdc.get();
    LocalAccounts accounts =
        LocalAccounts.empty().withAccount(NTLM_USER, NTLM_PASSWORD.toCharArray(), true);
    listener =
        WsmanListener.start(
            WsmanListenerConfig.builder()
                .accounts(accounts)
                .allowUnencrypted(false)
                .auth(
                    AuthSettings.builder()
                        .negotiate(true)
                        .kerberos(true)
                        .kerberosAcceptor(kdc.service())
                        .computerName("WSMANHOST")
                        .build())
                .build());
    capture = new Capture(listener.httpUri());
  }

  @AfterAll
  static void stop() throws Exception {
    capture.close();
    listener.close();
  }

  private static ConnectionOptions options(String user, String password) {
    return ConnectionOptions.builder().userName(user).password(password.toCharArray()).build();
  }

  private static void identifyGetAndShell(Session s, String marker) {
    assertThat(s.plan().encryptsMessages()).isTrue();
    assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    assertThat(s.get(Namespaces.CONFIG)).contains("MaxEnvelopeSizekb");
    try (RemoteShell shell = s.openShell()) {
      CommandResult r = shell.execute("echo " + marker + "-out; exit 4");
      assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo(marker + "-out\n");
      assertThat(r.exitCode()).isEqualTo(4);
    }
  }

  private static void nothingInClear(String marker) {
    assertThat(capture.sent()).contains("multipart/encrypted").doesNotContain(marker);
    assertThat(capture.sent()).doesNotContain("Envelope").doesNotContain("ResourceURI");
    assertThat(capture.received()).doesNotContain(marker + "-out").doesNotContain("Envelope");
  }

  @Test
  void ntlmOverHttpIsEncryptedEndToEnd() {
    try (ConnectionOptions o = options("WSMANHOST\\" + NTLM_USER, NTLM_PASSWORD);
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    capture.uri("127.0.0.1"), EnumSet.of(SessionFlag.USE_NEGOTIATE), o)) {
      identifyGetAndShell(s, "ntlm-marker");
    }
    nothingInClear("ntlm-marker");
  }

  @Test
  void spnegoWrappedNtlmWorksToo() {
    try (ConnectionOptions o =
            ConnectionOptions.builder()
                .userName(NTLM_USER)
                .password(NTLM_PASSWORD.toCharArray())
                .spnegoWrappedNtlm(true)
                .build();
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    listener.httpUri().toString(), EnumSet.of(SessionFlag.USE_NEGOTIATE), o)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    }
  }

  @Test
  void kerberosOverHttpIsEncryptedEndToEnd() {
    try (ConnectionOptions o = options(Kdc.ALICE, Kdc.ALICE_PASSWORD);
        Session s =
            WSMan.builder()
                .build()
                .createSession(capture.uri("localhost"), EnumSet.of(SessionFlag.USE_KERBEROS), o)) {
      identifyGetAndShell(s, "krb-marker");
    }
    nothingInClear("krb-marker");
    assertThat(capture.sent()).contains("application/HTTP-Kerberos-session-encrypted");
  }

  @Test
  void negotiateWithAKerberosUserUsesKerberos() {
    try (ConnectionOptions o = options(Kdc.ALICE, Kdc.ALICE_PASSWORD);
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    listener.httpUri().toString().replace("127.0.0.1", "localhost"),
                    EnumSet.of(SessionFlag.USE_NEGOTIATE),
                    o)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
      assertThat(s.get(Namespaces.CONFIG)).contains("MaxEnvelopeSizekb");
    }
  }

  @Test
  void wrongPasswordsAreAuthenticationExceptionsWithoutThePassword() {
    try (ConnectionOptions o = options(NTLM_USER, "Wrong-Ntlm-Pa55");
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    listener.httpUri().toString(), EnumSet.of(SessionFlag.USE_NEGOTIATE), o)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageNotContaining("Wrong-Ntlm-Pa55");
    }
    try (ConnectionOptions o = options(Kdc.ALICE, "Wrong-Krb-Pa55");
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    listener.httpUri().toString().replace("127.0.0.1", "localhost"),
                    EnumSet.of(SessionFlag.USE_KERBEROS),
                    o)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageNotContaining("Wrong-Krb-Pa55");
    }
  }

  @Test
  void ntlmOverHttpsSendsChannelBindingsAndNoEncryption(@TempDir Path dir) throws Exception {
    TestPki ca = new TestPki(dir, "ca");
    Path cert = ca.issue("server", "wsman-test", "SAN=ip:127.0.0.1");
    try (WsmanListener https =
            WsmanListener.start(
                WsmanListenerConfig.builder()
                    .accounts(
                        LocalAccounts.empty()
                            .withAccount(NTLM_USER, NTLM_PASSWORD.toCharArray(), true))
                    .allowUnencrypted(false)
                    .https(0, cert, TestPki.PASSWORD.clone())
                    .auth(AuthSettings.builder().negotiate(true).computerName("WSMANHOST").build())
                    .build());
        ConnectionOptions o = options(NTLM_USER, NTLM_PASSWORD);
        Session s =
            WSMan.builder()
                .trustStore(ca.trustStore())
                .build()
                .createSession(
                    "https://127.0.0.1:" + https.httpsPort().getAsInt() + "/wsman",
                    EnumSet.of(SessionFlag.USE_NEGOTIATE),
                    o)) {
      assertThat(s.plan().encryptsMessages()).isFalse();
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
      try (RemoteShell shell = s.openShell()) {
        assertThat(new String(shell.execute("echo tls").stdout(), StandardCharsets.UTF_8))
            .isEqualTo("tls\n");
      }
    }
  }

  @Test
  void noEncryptionIsRefusedByAListenerThatDoesNotAllowUnencrypted() {
    try (ConnectionOptions o = options(NTLM_USER, NTLM_PASSWORD);
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    listener.httpUri().toString(),
                    EnumSet.of(SessionFlag.USE_NEGOTIATE, SessionFlag.NO_ENCRYPTION),
                    o)) {
      assertThatThrownBy(s::identify).isInstanceOf(WsmanClientException.class);
    }
  }
}
