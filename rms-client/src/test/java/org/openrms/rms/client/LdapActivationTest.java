package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsOids;
import org.openrms.rms.server.DirectoryPrincipal;
import org.openrms.rms.server.LdapDirectoryConfig;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.testkit.TestTls;

/**
 * User activation against a rights server whose directory is Active Directory (an in-memory LDAPS
 * directory of AD shape): the real client, the real server, the RAC e-mail from {@code mail}, and
 * every directory error happening for real: no {@code mail}, a {@code mail} that is not an address,
 * a disabled account, a wrong password, an injection attempt, the directory down.
 */
class LdapActivationTest {
  static final String PASSWORD = "Passw0rd!user";

  @TempDir static Path tmp;
  static TestTls tls;
  static InMemoryDirectoryServer ldap;
  static RightsServer server;
  static Path store;

  @BeforeAll
  static void start() throws Exception {
    tls = TestTls.create();
    ldap = TestLdap.start(tls);
    TestLdap.addUser(ldap, "cat", "cat@example.com", 512, null, PASSWORD);
    TestLdap.addUser(ldap, "dog", "dog@example.com", 512, null, PASSWORD);
    TestLdap.addUser(ldap, "nomail", null, 512, null, PASSWORD);
    TestLdap.addUser(ldap, "bademail", "not an address", 512, null, PASSWORD);
    TestLdap.addUser(ldap, "disabled", "disabled@example.com", 514, null, PASSWORD);
    server = startServer("server", ldap, b -> {});
    store = tmp.resolve("store");
    try (RightsClient c = client(server, "cat", PASSWORD)) {
      Activations.activateMachine(c);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (ldap != null) {
      ldap.shutDown(true);
    }
  }

  static RightsServer startServer(
      String name, InMemoryDirectoryServer ds, Consumer<LdapDirectoryConfig.Builder> custom)
      throws Exception {
    LdapDirectoryConfig.Builder ldapConfig =
        LdapDirectoryConfig.builder(
                LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY,
                "127.0.0.1",
                ds.getListenPort(),
                TestLdap.BASE)
            .serviceAccount(TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD.toCharArray())
            .trustStore(tls.trustStore())
            .connectTimeout(Duration.ofSeconds(2))
            .responseTimeout(Duration.ofSeconds(5));
    custom.accept(ldapConfig);
    return TestServers.start(
        tmp.resolve(name), (RightsServerConfig.Builder b) -> b.ldapDirectory(ldapConfig.build()));
  }

  static RightsClient client(RightsServer s, String login, String password) {
    return client(s, login, password, store);
  }

  static RightsClient client(RightsServer s, String login, String password, Path storeDir) {
    return RightsClient.builder()
        .serviceUrl(s.baseUri())
        .trustedRoots(List.of(s.rootCertificate()))
        .credentials(login, password.toCharArray())
        .storeDirectory(storeDir)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  static StatusRecorder activate(RightsServer s, String login, String password, String groupId)
      throws Exception {
    return activate(s, login, password, groupId, store);
  }

  static StatusRecorder activate(
      RightsServer s, String login, String password, String groupId, Path storeDir)
      throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = client(s, login, password, storeDir);
        ClientSession session = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, groupId)) {
      Activations.activateUser(session, rec, TestServers.certification(s), false);
    }
    return rec;
  }

  static HResult terminal(String login, String password) throws Exception {
    return activate(server, login, password, "someone@example.com").terminal().hr();
  }

  @Test
  void anAccountNameGetsARacForItsDirectoryMail() throws Exception {
    StatusRecorder rec = activate(server, "cat", PASSWORD, "cat@example.com");
    assertThat(rec.terminal().hr()).as("%s", rec.events).isEqualTo(HResult.S_DRM_COMPLETED);
    X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
    assertThat(rac.getSubjectAlternativeNames()).contains(List.of(1, "cat@example.com"));
    assertThat(rac.getSubjectX500Principal().getName()).contains("User cat");
    assertThat(CertificateExtensions.utf8(rac, RmsOids.RAC_INFO)).hasValue("WINDOWS_AUTH;STANDARD");
    assertThat(server.audit().recent(1).get(0).login()).isEqualTo("cat");
  }

  @Test
  void aUserPrincipalNameAndADomainLoginFindTheEntryToo() throws Exception {
    assertThat(
            activate(server, "dog@corp.example.com", PASSWORD, "dog@example.com").terminal().hr())
        .isEqualTo(HResult.S_DRM_COMPLETED);
    assertThat(activate(server, "CORP\\dog", PASSWORD, "dog@example.com").terminal().hr())
        .isEqualTo(HResult.S_DRM_COMPLETED);
  }

  @Test
  void anEntryWithoutMailIsAdEntryNotFound() throws Exception {
    assertThat(terminal("nomail", PASSWORD)).isEqualTo(HResult.E_DRM_AD_ENTRY_NOT_FOUND);
  }

  @Test
  void aMailThatIsNotAnAddressIsInvalidEmail() throws Exception {
    assertThat(terminal("bademail", PASSWORD)).isEqualTo(HResult.E_DRM_INVALID_EMAIL);
  }

  @Test
  void aDisabledAccountIsRequestDenied() throws Exception {
    assertThat(terminal("disabled", PASSWORD)).isEqualTo(HResult.E_DRM_REQUEST_DENIED);
    assertThat(server.audit().recent(1).get(0).login()).isEqualTo("disabled");
  }

  @Test
  void aWrongPasswordOrUnknownAccountIsAuthenticationFailed() throws Exception {
    assertThat(terminal("cat", "wrong")).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    assertThat(terminal("nobody", PASSWORD)).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
  }

  @Test
  void anInjectionAttemptFindsNothing() throws Exception {
    assertThat(terminal("*)(sAMAccountName=*", PASSWORD))
        .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    assertThat(terminal("*", PASSWORD)).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    assertThat(terminal("*)(uid=*", PASSWORD)).isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    assertThat(
            server
                .identityDirectory()
                .lookup(DirectoryPrincipal.accountName("*)(sAMAccountName=*")))
        .isEmpty();
    assertThat(server.identityDirectory().lookup(DirectoryPrincipal.accountName("cat")))
        .hasValueSatisfying(e -> assertThat(e.email()).isEqualTo("cat@example.com"));
  }

  @Test
  void theDirectoryDownIsServerError() throws Exception {
    InMemoryDirectoryServer own = TestLdap.start(tls);
    TestLdap.addUser(own, "cat", "cat@example.com", 512, null, PASSWORD);
    Path ownStore = tmp.resolve("store-down");
    try (RightsServer s = startServer("server-down", own, b -> {})) {
      try (RightsClient c = client(s, "cat", PASSWORD, ownStore)) {
        Activations.activateMachine(c);
      }
      assertThat(activate(s, "cat", PASSWORD, "cat@example.com", ownStore).terminal().hr())
          .isEqualTo(HResult.S_DRM_COMPLETED);
      own.shutDown(true);
      StatusRecorder rec = activate(s, "cat", PASSWORD, "cat@example.com", ownStore);
      assertThat(rec.terminal().hr()).as("%s", rec.events).isEqualTo(HResult.E_DRM_SERVER_ERROR);
      assertThat(s.audit().recent(1).get(0).outcome()).isEqualTo("SERVER_ERROR");
    } finally {
      own.shutDown(true);
    }
  }
}
