package org.openrms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrms.auth.KerberosTest.establish;
import static org.openrms.auth.KerberosTest.sealBothWays;

import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.auth.internal.kerberos.JgssContext;

/**
 * SPNEGO with real Kerberos, and interoperability with the JDK's own SPNEGO and krb5 contexts
 * (whose wrap tokens have RRC = 0): ours must open theirs and theirs ours.
 */
class SpnegoKerberosTest {
  private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
  private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
  private static final Oid KRB5_NAME = oid("1.2.840.113554.1.2.2.1");

  private static KerberosCredentials alice;
  private static KerberosCredentials http;

  @BeforeAll
  static void start() {
    TestKdc kdc = TestKdc.get();
    alice = KerberosCredentials.password(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray());
    http = KerberosCredentials.acceptorKeytab(TestKdc.HTTP, kdc.httpKeytab);
  }

  @AfterAll
  static void stop() {
    alice.close();
    http.close();
  }

  private static SecurityContext spnegoAcceptor() {
    return Spnego.acceptor(m -> m == Mechanism.KERBEROS ? Kerberos.acceptor(http) : null);
  }

  @Test
  void ourInitiatorAndAcceptor() {
    try (SecurityContext client = Spnego.initiator(Kerberos.initiator(alice, TestKdc.HTTP));
        SecurityContext server = spnegoAcceptor()) {
      establish(client, server);
      assertThat(server.mechanism()).isEqualTo(Mechanism.KERBEROS);
      assertThat(server.peerName()).isEqualTo(TestKdc.ALICE);
      sealBothWays(client, server, 50);
    }
  }

  @Test
  void rawKerberosThroughTheSpnegoAcceptor() {
    try (SecurityContext client = Kerberos.initiator(alice, TestKdc.HTTP);
        SecurityContext server = spnegoAcceptor()) {
      establish(client, server);
      assertThat(server.peerName()).isEqualTo(TestKdc.ALICE);
      sealBothWays(client, server, 10);
    }
  }

  @Test
  void jdkSpnegoInitiatorAgainstOurAcceptor() throws Exception {
    GSSContext jdk = jdkInitiator(SPNEGO);
    try (SecurityContext server = spnegoAcceptor()) {
      byte[] token = as(alice, () -> jdk.initSecContext(new byte[0], 0, 0));
      byte[] reply = server.step(token);
      assertThat(server.isEstablished()).isTrue();
      as(alice, () -> jdk.initSecContext(reply, 0, reply.length));
      assertThat(jdk.isEstablished()).isTrue();
      assertThat(server.peerName()).isEqualTo(TestKdc.ALICE);
      exchangeWithJgss(jdk, server);
    } finally {
      jdk.dispose();
    }
  }

  @Test
  void ourSpnegoInitiatorAgainstTheJdkAcceptor() throws Exception {
    GSSContext jdk =
        as(
            http,
            () -> {
              GSSManager m = GSSManager.getInstance();
              GSSCredential cred =
                  m.createCredential(
                      m.createName(TestKdc.HTTP, KRB5_NAME),
                      GSSCredential.INDEFINITE_LIFETIME,
                      SPNEGO,
                      GSSCredential.ACCEPT_ONLY);
              return m.createContext(cred);
            });
    try (SecurityContext client = Spnego.initiator(Kerberos.initiator(alice, TestKdc.HTTP))) {
      byte[] token = client.step(null);
      byte[] reply = as(http, () -> jdk.acceptSecContext(token, 0, token.length));
      assertThat(jdk.isEstablished()).isTrue();
      assertThat(client.step(reply)).isNull();
      assertThat(client.isEstablished()).isTrue();
      exchangeWithJgss(jdk, client);
    } finally {
      jdk.dispose();
    }
  }

  @Test
  void rawJgssKrb5InitiatorAgainstOurAcceptor() throws Exception {
    GSSContext jdk = jdkInitiator(KRB5);
    try (SecurityContext server = Kerberos.acceptor(http)) {
      byte[] token = as(alice, () -> jdk.initSecContext(new byte[0], 0, 0));
      byte[] reply = server.step(token);
      as(alice, () -> jdk.initSecContext(reply, 0, reply.length));
      assertThat(jdk.isEstablished()).isTrue();
      exchangeWithJgss(jdk, server);
    } finally {
      jdk.dispose();
    }
  }

  /** JGSS wrap (RRC = 0) opens with ours; our Windows-layout seal (RRC = 28) opens with JGSS. */
  private static void exchangeWithJgss(GSSContext jdk, SecurityContext ours) throws Exception {
    for (int i = 0; i < 20; i++) {
      byte[] msg = ("jgss " + i).repeat(i + 1).getBytes(StandardCharsets.UTF_8);
      byte[] wrapped = jdk.wrap(msg, 0, msg.length, new MessageProp(0, true));
      assertThat(ours.unseal(new SealedMessage(new byte[0], wrapped))).isEqualTo(msg);
      SealedMessage sealed = ours.seal(msg);
      byte[] token = KerberosTestBytes.concat(sealed.header(), sealed.data());
      MessageProp prop = new MessageProp(0, true);
      assertThat(jdk.unwrap(token, 0, token.length, prop)).isEqualTo(msg);
      assertThat(prop.getPrivacy()).isTrue();
      assertThat(prop.isDuplicateToken() || prop.isGapToken() || prop.isOldToken()).isFalse();
    }
  }

  private static GSSContext jdkInitiator(Oid mech) throws Exception {
    return as(
        alice,
        () -> {
          GSSManager m = GSSManager.getInstance();
          GSSContext c =
              m.createContext(
                  m.createName(TestKdc.HTTP, KRB5_NAME), mech, null, GSSContext.DEFAULT_LIFETIME);
          c.requestMutualAuth(true);
          c.requestConf(true);
          c.requestInteg(true);
          c.requestReplayDet(true);
          c.requestSequenceDet(true);
          return c;
        });
  }

  private static <T> T as(KerberosCredentials c, PrivilegedExceptionAction<T> action)
      throws Exception {
    return JgssContext.as(c.subject(), action);
  }

  private static Oid oid(String s) {
    try {
      return new Oid(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Byte helpers. */
  static final class KerberosTestBytes {
    private KerberosTestBytes() {}

    static byte[] concat(byte[] a, byte[] b) {
      byte[] out = new byte[a.length + b.length];
      System.arraycopy(a, 0, out, 0, a.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }
  }
}
