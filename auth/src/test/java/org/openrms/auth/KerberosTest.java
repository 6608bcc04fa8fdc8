package org.openrms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.client.KrbClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.auth.SecurityContextException.Reason;

/** Kerberos against a real (Kerby) KDC: establishment, sealing, and every failure reason. */
class KerberosTest {
  private static TestKdc kdc;
  private static KerberosCredentials alice;
  private static KerberosCredentials http;

  @BeforeAll
  static void start() {
    kdc = TestKdc.get();
    alice = KerberosCredentials.password(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray());
    http = KerberosCredentials.acceptorKeytab(TestKdc.HTTP, kdc.httpKeytab);
  }

  @AfterAll
  static void stop() {
    alice.close();
    http.close();
  }

  /** Runs the exchange to completion and returns {client, server}. */
  static SecurityContext[] establish(SecurityContext client, SecurityContext server) {
    byte[] token = client.step(null);
    boolean toServer = true;
    while (token != null) {
      token = toServer ? server.step(token) : client.step(token);
      toServer = !toServer;
    }
    assertThat(client.isEstablished()).isTrue();
    assertThat(server.isEstablished()).isTrue();
    return new SecurityContext[] {client, server};
  }

  static void sealBothWays(SecurityContext a, SecurityContext b, int count) {
    for (int i = 0; i < count; i++) {
      byte[] msg = ("message " + i + " ").repeat(i + 1).getBytes(StandardCharsets.UTF_8);
      SealedMessage up = a.seal(msg);
      assertThat(b.unseal(up)).isEqualTo(msg);
      SealedMessage down = b.seal(msg);
      assertThat(a.unseal(down)).isEqualTo(msg);
    }
  }

  @Test
  void passwordInitiatorAndKeytabAcceptorWithMutualAuthAndSealing() {
    try (SecurityContext client = Kerberos.initiator(alice, TestKdc.HTTP);
        SecurityContext server = Kerberos.acceptor(http)) {
      byte[] apReq = client.step(null);
      assertThat(client.isEstablished()).isFalse();
      byte[] apRep = server.step(apReq);
      assertThat(apRep).as("mutual authentication sends an AP-REP").isNotNull();
      assertThat(server.isEstablished()).isTrue();
      assertThat(client.step(apRep)).isNull();
      assertThat(client.isEstablished()).isTrue();
      assertThat(server.peerName()).isEqualTo(TestKdc.ALICE);
      assertThat(client.peerName()).isEqualTo(TestKdc.HTTP);
      assertThat(client.mechanism()).isEqualTo(Mechanism.KERBEROS);

      byte[] body = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
      SealedMessage m = client.seal(body);
      assertThat(m.header()).hasSize(60);
      assertThat(Arrays.copyOf(m.header(), 8))
          .containsExactly(0x05, 0x04, 0x02, 0xff, 0x00, 0x00, 0x00, 0x1c);
      assertThat(m.data()).hasSize(body.length);
      assertThat(server.unseal(m)).isEqualTo(body);
      sealBothWays(client, server, 100);

      SealedMessage tampered = client.seal(body);
      tampered.data()[3] ^= 0x40;
      assertReason(() -> server.unseal(tampered), Reason.TAMPERED);
    }
  }

  @Test
  void keytabInitiator() {
    try (KerberosCredentials svc =
            KerberosCredentials.keytab(TestKdc.CLIENT_SVC, kdc.clientKeytab);
        SecurityContext client = Kerberos.initiator(svc, TestKdc.HTTP);
        SecurityContext server = Kerberos.acceptor(http)) {
      establish(client, server);
      assertThat(server.peerName()).isEqualTo(TestKdc.CLIENT_SVC);
      sealBothWays(client, server, 20);
    }
  }

  @Test
  void ticketCacheInitiator(@TempDir Path tmp) throws Exception {
    Path ccache = tmp.resolve("krb5cc_test");
    KrbClient kerby = kdc.kdc.getKrbClient();
    kerby.storeTicket(kerby.requestTgt(TestKdc.ALICE, TestKdc.ALICE_PASSWORD), ccache.toFile());
    assertThat(Files.size(ccache)).isPositive();
    try (KerberosCredentials cached = KerberosCredentials.ticketCache(ccache);
        SecurityContext client = Kerberos.initiator(cached, TestKdc.HTTP);
        SecurityContext server = Kerberos.acceptor(http)) {
      assertThat(cached.principal()).isEqualTo(TestKdc.ALICE);
      establish(client, server);
      assertThat(server.peerName()).isEqualTo(TestKdc.ALICE);
      sealBothWays(client, server, 5);
    }
  }

  @Test
  void anyPrincipalInTheKeytab() {
    try (KerberosCredentials any = KerberosCredentials.acceptorKeytab("*", kdc.httpKeytab);
        SecurityContext client = Kerberos.initiator(alice, TestKdc.HTTP);
        SecurityContext server = Kerberos.acceptor(any)) {
      establish(client, server);
      assertThat(server.peerName()).isEqualTo(TestKdc.ALICE);
    }
  }

  @Test
  void replayedApReqIsRefused() {
    try (SecurityContext client = Kerberos.initiator(alice, TestKdc.HTTP);
        SecurityContext first = Kerberos.acceptor(http);
        SecurityContext second = Kerberos.acceptor(http)) {
      byte[] apReq = client.step(null);
      first.step(apReq);
      assertReason(() -> second.step(apReq), Reason.REPLAYED);
      assertReason(() -> second.step(apReq), Reason.STATE);
    }
  }

  @Test
  void wrongPasswordAndUnknownUser() {
    assertReason(
        () -> KerberosCredentials.password(TestKdc.ALICE, "wrong".toCharArray()),
        Reason.BAD_CREDENTIALS);
    assertReason(
        () -> KerberosCredentials.password("nobody@" + TestKdc.REALM, "x".toCharArray()),
        Reason.BAD_CREDENTIALS);
  }

  @Test
  void wrongServiceOrKeytab() {
    // the KDC does not know the service
    try (SecurityContext client = Kerberos.initiator(alice, "HTTP/unknown.test@" + TestKdc.REALM)) {
      assertReason(() -> client.step(null), Reason.BAD_CREDENTIALS);
    }
    // a ticket for another service than the acceptor's
    try (SecurityContext client = Kerberos.initiator(alice, TestKdc.OTHER);
        SecurityContext server = Kerberos.acceptor(http)) {
      byte[] apReq = client.step(null);
      assertReason(() -> server.step(apReq), Reason.BAD_CREDENTIALS);
    }
    // a keytab whose keys the KDC has since changed
    try (KerberosCredentials stale =
            KerberosCredentials.acceptorKeytab(TestKdc.STALE, kdc.staleKeytab);
        SecurityContext client = Kerberos.initiator(alice, TestKdc.STALE);
        SecurityContext server = Kerberos.acceptor(stale)) {
      byte[] apReq = client.step(null);
      assertReason(() -> server.step(apReq), Reason.BAD_CREDENTIALS);
    }
    // a keytab without the principal
    assertReason(
        () -> KerberosCredentials.acceptorKeytab(TestKdc.OTHER, kdc.httpKeytab),
        Reason.BAD_CREDENTIALS);
  }

  @Test
  void expiredTickets() throws Exception {
    KerberosCredentials bob =
        kdc.shortTickets(
            () -> KerberosCredentials.password(TestKdc.BOB, TestKdc.BOB_PASSWORD.toCharArray()));
    SecurityContext client = Kerberos.initiator(bob, TestKdc.HTTP);
    byte[] apReq = kdc.shortTickets(() -> client.step(null));
    try (bob;
        client;
        SecurityContext server = Kerberos.acceptor(http)) {
      // past the ticket's end and the allowed clock skew
      Thread.sleep((TestKdc.SHORT_LIFETIME_S + TestKdc.CLOCK_SKEW_S + 1) * 1000L);
      assertReason(() -> server.step(apReq), Reason.EXPIRED);
      assertReason(() -> Kerberos.initiator(bob, TestKdc.HTTP), Reason.EXPIRED);
    }
  }

  @Test
  void closeRefusesFurtherUse() {
    SecurityContext client = Kerberos.initiator(alice, TestKdc.HTTP);
    SecurityContext server = Kerberos.acceptor(http);
    establish(client, server);
    SealedMessage m = client.seal(new byte[] {1});
    client.close();
    client.close();
    server.close();
    assertThat(client.isEstablished()).isFalse();
    assertThatThrownBy(() -> client.seal(new byte[] {1})).isInstanceOf(IllegalStateException.class);
    assertReason(() -> server.unseal(m), Reason.STATE);
    assertReason(() -> client.step(new byte[] {1}), Reason.STATE);

    KerberosCredentials closed =
        KerberosCredentials.password(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray());
    closed.close();
    assertReason(() -> Kerberos.initiator(closed, TestKdc.HTTP), Reason.STATE);
  }

  static void assertReason(Runnable r, Reason reason) {
    assertThatThrownBy(r::run)
        .isInstanceOf(SecurityContextException.class)
        .extracting(e -> ((SecurityContextException) e).reason())
        .isEqualTo(reason);
  }
}
