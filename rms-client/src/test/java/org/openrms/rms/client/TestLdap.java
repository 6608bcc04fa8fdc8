package org.openrms.rms.client;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.openrms.testkit.TestTls;

/**
 * An UnboundID in-memory directory on 127.0.0.1 (random port, LDAPS with a test CA), shaped like
 * Active Directory (schema checking off): {@code user} entries with {@code sAMAccountName}, {@code
 * userPrincipalName}, {@code objectSid}, {@code mail}, {@code displayName}, {@code
 * userAccountControl} and a {@code userPassword} the in-memory server binds with.
 */
final class TestLdap {
  static final String BASE = "dc=corp,dc=example,dc=com";
  static final String SERVICE_DN = "cn=rms-service,ou=services," + BASE;
  static final String SERVICE_PASSWORD = "service-secret";

  private TestLdap() {}

  /** Starts the directory with the base entries and the service account. */
  static InMemoryDirectoryServer start(TestTls tls) throws Exception {
    InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
    cfg.setSchema(null);
    cfg.setListenerConfigs(
        InMemoryListenerConfig.createLDAPSConfig(
            "ldaps",
            InetAddress.getByName("127.0.0.1"),
            0,
            tls.serverContext().getServerSocketFactory(),
            null));
    InMemoryDirectoryServer ds = new InMemoryDirectoryServer(cfg);
    ds.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: corp");
    ds.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
    ds.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
    ds.add(
        "dn: " + SERVICE_DN,
        "objectClass: person",
        "cn: rms-service",
        "sn: service",
        "userPassword: " + SERVICE_PASSWORD);
    ds.startListening();
    return ds;
  }

  /**
   * Adds an AD user {@code cn=<account>,ou=people}; {@code mail} and {@code sid} may be null.
   *
   * @param uac the {@code userAccountControl} value (512 normal, 514 disabled)
   */
  static void addUser(
      InMemoryDirectoryServer ds, String account, String mail, int uac, byte[] sid, String password)
      throws Exception {
    List<Attribute> attrs = new ArrayList<>();
    attrs.add(new Attribute("objectClass", "top", "person", "organizationalPerson", "user"));
    attrs.add(new Attribute("cn", account));
    attrs.add(new Attribute("sAMAccountName", account));
    attrs.add(new Attribute("userPrincipalName", account + "@corp.example.com"));
    attrs.add(new Attribute("displayName", "User " + account));
    attrs.add(new Attribute("userAccountControl", Integer.toString(uac)));
    attrs.add(new Attribute("userPassword", password));
    if (mail != null) {
      attrs.add(new Attribute("mail", mail));
    }
    if (sid != null) {
      attrs.add(new Attribute("objectSid", sid));
    }
    ds.add(new Entry("cn=" + account + ",ou=people," + BASE, attrs));
  }
}
