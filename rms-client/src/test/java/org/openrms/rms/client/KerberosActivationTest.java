package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.server.LdapDirectoryConfig;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.testkit.TestKdc;
import org.openrms.testkit.TestTls;

/**
 * {@code WINDOWS_AUTH} activation as the logged-on Kerberos identity (a ticket cache, as {@code
 * kinit} leaves it) against a real rights server that accepts {@code Negotiate} with its keytab,
 * through a Kerby KDC: the RAC carries the directory e-mail of the principal (built-in directory by
 * login, Active Directory by {@code userPrincipalName}), the seed's cat@/dog@ rule holds, and a
 * wrong service principal, an expired ticket and a principal without entry give their HRESULTs
 * while the server keeps serving.
 */
class KerberosActivationTest {
  @TempDir static Path tmp;
  static TestKdc kdc;
  static RightsServer server;
  static Path catCache;
  static Path store;

  @BeforeAll
  static void start() throws Exception {
    kdc = TestKdc.get();
    server =
        TestServers.start(tmp.resolve("server"), b -> b.kerberos(TestKdc.HTTP, kdc.httpKeytab));
    TestServers.addUser(server, "cat");
    TestServers.addUser(
        server, NewUser.builder("dogowner").email("dog@example.com").verified(true));
    catCache = kdc.ticketCache(TestKdc.CAT, tmp.resolve("krb5cc_cat"));
    store = tmp.resolve("store");
    try (RightsClient c = logonClient(server, catCache, b -> b)) {
      Activations.activateMachine(c);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A client without credentials: the logged-on identity is the ticket cache's principal. */
  static RightsClient logonClient(
      RightsServer s, Path cache, UnaryOperator<RightsClient.Builder> custom) {
    RightsClient.Builder b =
        RightsClient.builder()
            .serviceUrl(s.baseUri())
            .trustedRoots(List.of(s.rootCertificate()))
            .storeDirectory(store)
            .kerberosTicketCache(cache)
            .kerberosServicePrincipal(TestKdc.HTTP)
            .requestTimeout(Duration.ofSeconds(20));
    return custom.apply(b).build();
  }

  private static HResult activateUser(RightsClient c, String groupId, StatusRecorder rec)
      throws Exception {
    try (ClientSession s = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, groupId)) {
      return Activations.activateUser(s, rec, TestServers.certification(server), false);
    }
  }

  private static String racEmail(StatusRecorder rec) throws Exception {
    X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
    return (String) rac.getSubjectAlternativeNames().iterator().next().get(1);
  }

  @Test
  void theLoggedOnUserGetsARacForItsDirectoryEmail() throws Exception {
    try (RightsClient c = logonClient(server, catCache, b -> b)) {
      StatusRecorder rec = new StatusRecorder();
      assertThat(activateUser(c, "cat@example.com", rec)).isEqualTo(HResult.S_DRM_COMPLETED);
      assertThat(racEmail(rec)).isEqualTo("cat@example.com");
      try (ClientSession cat =
          c.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        assertThat(cat.isActivated(ActivationFlag.GROUPIDENTITY)).isTrue();
      }
    }
  }

  @Test
  void theRacIsForTheLoggedOnUserNotTheSessionGroupId() throws Exception {
    Path otherStore = tmp.resolve("store-dog");
    try (RightsClient c = logonClient(server, catCache, b -> b.storeDirectory(otherStore))) {
      Activations.activateMachine(c);
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession dog =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "dog@example.com")) {
        assertThat(Activations.activateUser(dog, rec, TestServers.certification(server), false))
            .isEqualTo(HResult.S_DRM_COMPLETED);
        assertThat(racEmail(rec)).isEqualTo("cat@example.com");
        assertThat(dog.isActivated(ActivationFlag.GROUPIDENTITY)).isFalse();
      }
      try (ClientSession cat =
          c.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        assertThat(cat.isActivated(ActivationFlag.GROUPIDENTITY)).isTrue();
      }
    }
  }

  @Test
  void aPrincipalWithoutDirectoryEntryIsAdEntryNotFound() throws Exception {
    Path cache = kdc.ticketCache(TestKdc.NOBODY, tmp.resolve("krb5cc_nobody"));
    try (RightsClient c = logonClient(server, cache, b -> b)) {
      StatusRecorder rec = new StatusRecorder();
      assertThat(activateUser(c, "nobody@example.com", rec))
          .isEqualTo(HResult.E_DRM_AD_ENTRY_NOT_FOUND);
    }
    stillServes();
  }

  @Test
  void aTicketForAnotherServiceFailsAuthentication() throws Exception {
    try (RightsClient c =
        logonClient(server, catCache, b -> b.kerberosServicePrincipal(TestKdc.OTHER))) {
      assertThat(activateUser(c, "cat@example.com", new StatusRecorder()))
          .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    }
    try (RightsClient c =
        logonClient(server, catCache, b -> b.kerberosServicePrincipal("HTTP/unknown.test"))) {
      assertThat(activateUser(c, "cat@example.com", new StatusRecorder()))
          .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    }
    stillServes();
  }

  @Test
  void anExpiredTicketFailsAuthentication() throws Exception {
    Path cache = kdc.shortTickets(1, () -> kdc.ticketCache(TestKdc.CAT, tmp.resolve("krb5cc_old")));
    Thread.sleep((1 + TestKdc.CLOCK_SKEW_S) * 1000L + 1000);
    try (RightsClient c = logonClient(server, cache, b -> b)) {
      assertThat(activateUser(c, "cat@example.com", new StatusRecorder()))
          .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    }
    stillServes();
  }

  @Test
  void withoutTicketCacheNothingIsSent() throws Exception {
    try (RightsClient c = logonClient(server, tmp.resolve("no-such-cache"), b -> b)) {
      assertThat(activateUser(c, "cat@example.com", new StatusRecorder()))
          .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    }
  }

  @Test
  void explicitCredentialsCanGetAKerberosTicketAndTheSpnDefaultsToTheHost() throws Exception {
    URI byName = URI.create("https://localhost:" + server.port() + "/rms/v1");
    try (RightsClient c =
        RightsClient.builder()
            .serviceUrl(byName)
            .trustedRoots(List.of(server.rootCertificate()))
            .storeDirectory(store)
            .credentials(TestKdc.CAT, TestKdc.USER_PASSWORD.toCharArray())
            .kerberosForCredentials(true)
            .build()) {
      StatusRecorder rec = new StatusRecorder();
      try (ClientSession s =
          c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        assertThat(
                Activations.activateUser(
                    s, rec, ActivationServiceInfo.of(URI.create(byName + "/certification")), false))
            .isEqualTo(HResult.S_DRM_COMPLETED);
      }
      assertThat(racEmail(rec)).isEqualTo("cat@example.com");
    }
  }

  @Test
  void activeDirectoryMapsThePrincipalByUserPrincipalName() throws Exception {
    TestTls tls = TestTls.create();
    InMemoryDirectoryServer ds = TestLdap.start(tls);
    ds.add(
        new Entry(
            "cn=Carl,ou=people," + TestLdap.BASE,
            new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
            new Attribute("cn", "Carl"),
            new Attribute("sAMAccountName", "ckerb"),
            new Attribute("userPrincipalName", TestKdc.CARL),
            new Attribute("userAccountControl", "512"),
            new Attribute("mail", "carl.ad@example.com")));
    LdapDirectoryConfig ad =
        LdapDirectoryConfig.builder(
                LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY,
                "127.0.0.1",
                ds.getListenPort(),
                TestLdap.BASE)
            .serviceAccount(TestLdap.SERVICE_DN, TestLdap.SERVICE_PASSWORD.toCharArray())
            .trustStore(tls.trustStore())
            .build();
    try (RightsServer adServer =
        TestServers.start(
            tmp.resolve("ad-server"),
            b -> b.ldapDirectory(ad).kerberos(TestKdc.HTTP, kdc.httpKeytab))) {
      Path cache = kdc.ticketCache(TestKdc.CARL, tmp.resolve("krb5cc_carl"));
      Path adStore = tmp.resolve("store-ad");
      try (RightsClient c = logonClient(adServer, cache, b -> b.storeDirectory(adStore))) {
        Activations.activateMachine(c);
        StatusRecorder rec = new StatusRecorder();
        try (ClientSession s =
            c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "carl.ad@example.com")) {
          assertThat(Activations.activateUser(s, rec, TestServers.certification(adServer), false))
              .isEqualTo(HResult.S_DRM_COMPLETED);
          assertThat(racEmail(rec)).isEqualTo("carl.ad@example.com");
        }
      }
      try (RightsClient c = logonClient(adServer, catCache, b -> b.storeDirectory(adStore))) {
        assertThat(activateUserAt(c, adServer, "cat@example.com"))
            .isEqualTo(HResult.E_DRM_AD_ENTRY_NOT_FOUND);
      }
    } finally {
      ds.shutDown(true);
    }
  }

  private static HResult activateUserAt(RightsClient c, RightsServer s, String groupId)
      throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (ClientSession session = c.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, groupId)) {
      return Activations.activateUser(session, rec, TestServers.certification(s), false);
    }
  }

  private static void stillServes() throws Exception {
    try (RightsClient c = logonClient(server, catCache, b -> b)) {
      assertThat(activateUser(c, "cat@example.com", new StatusRecorder()))
          .isEqualTo(HResult.S_DRM_COMPLETED);
    }
  }
}
