package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.rms.server.internal.ldap.Sids;

/**
 * {@link LdapDirectory} against an UnboundID in-memory directory on 127.0.0.1 (plain LDAP, allowed
 * explicitly): the plain-LDAP flavor with {@code uid} and a disabled attribute, the Active
 * Directory flavor by SID, {@code sIDHistory} and user principal name, filters that injection
 * cannot change, and a directory that is down.
 */
class LdapDirectoryTest {
  static final String BASE = "dc=example,dc=com";
  static final String SVC = "cn=svc," + BASE;
  static final String SVC_PW = "svc-secret-password";
  static final String SID = "S-1-5-21-1004336348-1177238915-682003330-1105";
  static final String OLD_SID = "S-1-5-21-1-2-3-500";

  static InMemoryDirectoryServer ds;
  static LdapDirectory ldap;
  static LdapDirectory ad;

  @BeforeAll
  static void start() throws Exception {
    InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
    cfg.setSchema(null);
    cfg.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "ldap", InetAddress.getByName("127.0.0.1"), 0, null));
    ds = new InMemoryDirectoryServer(cfg);
    ds.add("dn: " + BASE, "objectClass: domain", "dc: example");
    ds.add("dn: " + SVC, "objectClass: person", "cn: svc", "userPassword: " + SVC_PW);
    person("alice", "alice@example.com", null);
    person("locked", "locked@example.com", "TRUE");
    person("twin", "twin1@example.com", null);
    ds.add(
        "dn: cn=twin2," + BASE,
        "objectClass: inetOrgPerson",
        "uid: twin",
        "mail: twin2@example.com",
        "userPassword: pw");
    ds.add(
        new Entry(
            "cn=Bob Builder," + BASE,
            new Attribute("objectClass", "user"),
            new Attribute("cn", "Bob Builder"),
            new Attribute("sAMAccountName", "bob"),
            new Attribute("userPrincipalName", "bob@CORP.EXAMPLE.COM"),
            new Attribute("mail", "bob@example.com"),
            new Attribute("userAccountControl", "66048"),
            new Attribute("objectSid", Sids.toBinary(SID).orElseThrow()),
            new Attribute("sIDHistory", Sids.toBinary(OLD_SID).orElseThrow()),
            new Attribute("userPassword", "bob-pw")));
    ds.add(
        "dn: cn=weird," + BASE,
        "objectClass: user",
        "sAMAccountName: weird",
        "mail: weird@example.com",
        "userAccountControl: not-a-number");
    ds.startListening();
    ldap =
        LdapDirectory.open(
            config(LdapDirectoryConfig.Flavor.LDAP, ds.getListenPort())
                .disabledAttribute("nsAccountLock")
                .build());
    ad =
        LdapDirectory.open(
            config(LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY, ds.getListenPort()).build());
  }

  static LdapDirectoryConfig.Builder config(LdapDirectoryConfig.Flavor flavor, int port) {
    return LdapDirectoryConfig.builder(flavor, "127.0.0.1", port, BASE)
        .serviceAccount(SVC, SVC_PW.toCharArray())
        .plainLdap(true)
        .connectTimeout(Duration.ofSeconds(2))
        .responseTimeout(Duration.ofSeconds(5));
  }

  static void person(String uid, String mail, String locked) throws Exception {
    Entry e =
        new Entry(
            "cn=" + uid + "," + BASE,
            new Attribute("objectClass", "inetOrgPerson"),
            new Attribute("uid", uid),
            new Attribute("cn", uid + " cn"),
            new Attribute("mail", mail),
            new Attribute("userPassword", uid + "-pw"));
    if (locked != null) {
      e.addAttribute("nsAccountLock", locked);
    }
    ds.add(e);
  }

  @AfterAll
  static void stop() {
    ldap.close();
    ad.close();
    ds.shutDown(true);
  }

  @Test
  void aPasswordIsCheckedByBindingAsTheFoundEntry() {
    assertThat(ldap.verifyPassword("alice", "alice-pw".toCharArray()))
        .hasValueSatisfying(
            e -> {
              assertThat(e.login()).isEqualTo("alice");
              assertThat(e.email()).isEqualTo("alice@example.com");
              assertThat(e.displayName()).isEqualTo("alice cn");
              assertThat(e.verified()).isTrue();
              assertThat(e.enabled()).isTrue();
            });
    assertThat(ldap.verifyPassword("alice", "wrong".toCharArray())).isEmpty();
    assertThat(ldap.verifyPassword("nobody", "alice-pw".toCharArray())).isEmpty();
  }

  @Test
  void anEmptyPasswordIsNeverAnAnonymousBind() {
    assertThat(ldap.verifyPassword("alice", new char[0])).isEmpty();
    assertThat(ldap.verifyPassword("", "x".toCharArray())).isEmpty();
  }

  @Test
  void theDisabledAttributeMarksAnAccountDisabled() {
    assertThat(ldap.verifyPassword("locked", "locked-pw".toCharArray()))
        .hasValueSatisfying(e -> assertThat(e.enabled()).isFalse());
  }

  @Test
  void injectionIsAValueNotFilterSyntax() {
    for (String evil :
        new String[] {"*", "*)(uid=*", "alice)(|(uid=*", "*)(objectClass=*", "\\2a"}) {
      assertThat(ldap.lookup(DirectoryPrincipal.accountName(evil))).as(evil).isEmpty();
      assertThat(ldap.verifyPassword(evil, "alice-pw".toCharArray())).as(evil).isEmpty();
      assertThat(ad.lookup(DirectoryPrincipal.userPrincipalName(evil))).as(evil).isEmpty();
    }
  }

  @Test
  void severalMatchingEntriesMeanNoEntry() {
    assertThat(ldap.lookup(DirectoryPrincipal.accountName("twin"))).isEmpty();
  }

  @Test
  void activeDirectoryFindsBySidSidHistoryAndUserPrincipalName() {
    assertThat(ad.lookup(DirectoryPrincipal.sid(SID)))
        .hasValueSatisfying(
            e -> {
              assertThat(e.login()).isEqualTo("bob");
              assertThat(e.email()).isEqualTo("bob@example.com");
              assertThat(e.displayName()).isEqualTo("Bob Builder");
              assertThat(e.enabled()).isTrue(); // 66048 = NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD
            });
    assertThat(ad.lookup(DirectoryPrincipal.sid(OLD_SID))).isPresent();
    assertThat(ad.lookup(DirectoryPrincipal.userPrincipalName("bob@CORP.EXAMPLE.COM"))).isPresent();
    assertThat(ad.lookup(DirectoryPrincipal.sid("S-1-5-21-9-9-9-9"))).isEmpty();
    assertThat(ad.lookup(DirectoryPrincipal.sid("not a sid"))).isEmpty();
    assertThat(ldap.lookup(DirectoryPrincipal.sid(SID))).isEmpty();
    assertThat(ad.verifyPassword("bob@CORP.EXAMPLE.COM", "bob-pw".toCharArray())).isPresent();
    assertThat(ad.verifyPassword("CORP\\bob", "bob-pw".toCharArray())).isPresent();
  }

  @Test
  void unreadableUserAccountControlFailsClosed() {
    assertThat(ad.lookup(DirectoryPrincipal.accountName("weird")))
        .hasValueSatisfying(e -> assertThat(e.enabled()).isFalse());
  }

  @Test
  void sidsRoundTrip() {
    byte[] bin = Sids.toBinary(SID).orElseThrow();
    assertThat(bin).hasSize(8 + 4 * 5);
    assertThat(Sids.toText(bin)).hasValue(SID);
    assertThat(Sids.toBinary("S-1-5-21-4294967296")).isEmpty();
    assertThat(Sids.toText(new byte[] {1, 2, 0})).isEmpty();
  }

  @Test
  void aDirectoryThatIsDownIsUnavailableWithoutThePassword() throws Exception {
    InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
    cfg.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "ldap", InetAddress.getByName("127.0.0.1"), 0, null));
    InMemoryDirectoryServer gone = new InMemoryDirectoryServer(cfg);
    gone.startListening();
    int port = gone.getListenPort();
    gone.shutDown(true);
    try (LdapDirectory down =
        LdapDirectory.open(config(LdapDirectoryConfig.Flavor.LDAP, port).build())) {
      assertThatThrownBy(() -> down.lookup(DirectoryPrincipal.accountName("alice")))
          .isInstanceOf(DirectoryUnavailableException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageNotContaining(SVC_PW);
      assertThatThrownBy(() -> down.verifyPassword("alice", "alice-pw".toCharArray()))
          .isInstanceOf(DirectoryUnavailableException.class);
    }
  }

  @Test
  void theConfigurationNeedsAServiceAccountAndNeverPrintsItsPassword() {
    assertThatThrownBy(
            () ->
                LdapDirectoryConfig.builder(LdapDirectoryConfig.Flavor.LDAP, "h", 636, BASE)
                    .build())
        .isInstanceOf(IllegalStateException.class);
    LdapDirectoryConfig c = config(LdapDirectoryConfig.Flavor.LDAP, 389).build();
    assertThat(c.toString()).doesNotContain(SVC_PW).contains("ldap://127.0.0.1:389");
    assertThat(c.accountNameAttribute()).isEqualTo("uid");
    assertThat(
            config(LdapDirectoryConfig.Flavor.ACTIVE_DIRECTORY, 636)
                .plainLdap(false)
                .build()
                .accountNameAttribute())
        .isEqualTo("sAMAccountName");
  }
}
