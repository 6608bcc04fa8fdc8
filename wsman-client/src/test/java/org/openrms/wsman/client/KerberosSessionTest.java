package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrms.auth.Kerberos;
import org.openrms.auth.Mechanism;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.server.WsmanListener;

/**
 * Kerberos (the {@code Kerberos} scheme) and Negotiate with Kerberos through SPNEGO, against a
 * Kerby KDC and a Negotiate front ({@link NegotiatePeer}) of a real listener: password login,
 * mutual authentication, MS-WSMV encryption with RFC 4121 wrap tokens over plain HTTP.
 */
class KerberosSessionTest {
  static Kdc kdc;
  static WsmanListener listener;
  static NegotiatePeer peer;
  static NegotiatePeer negotiateOnly;

  @BeforeAll
  static void start() throws Exception {
    kdc = Kdc.get();
    listener = Listeners.start(b -> {});
    peer =
        new NegotiatePeer(
            listener,
            Map.of(
                "Kerberos",
                () -> Kerberos.acceptor(kdc.service()),
                "Negotiate",
                KerberosSessionTest::spnego));
    negotiateOnly = new NegotiatePeer(listener, Map.of("Negotiate", KerberosSessionTest::spnego));
  }

  private static org.openrms.auth.SecurityContext spnego() {
    return Spnego.acceptor(
        m -> {
          if (m != Mechanism.KERBEROS) {
            throw new SecurityContextException(SecurityContextException.Reason.REFUSED, "no " + m);
          }
          return Kerberos.acceptor(kdc.service());
        });
  }

  @AfterAll
  static void stop() {
    peer.close();
    negotiateOnly.close();
    listener.close();
  }

  @AfterEach
  void reset() {
    peer.tamper = false;
    peer.omitFinalToken = false;
  }

  private static ConnectionOptions alice(String password) {
    return ConnectionOptions.builder().userName(Kdc.ALICE).password(password.toCharArray()).build();
  }

  private static Session session(NegotiatePeer p, SessionFlag flag, ConnectionOptions o) {
    return WSMan.builder().build().createSession(p.uri("localhost"), EnumSet.of(flag), o);
  }

  @Test
  void kerberosOverHttpEncryptsIdentifyGetAndAShellCommand() {
    int before = peer.wire().size();
    try (ConnectionOptions o = alice(Kdc.ALICE_PASSWORD);
        Session s = session(peer, SessionFlag.USE_KERBEROS, o)) {
      assertThat(s.plan().encryptsMessages()).isTrue();
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
      assertThat(s.get(Namespaces.CONFIG)).contains("MaxEnvelopeSizekb");
      try (RemoteShell shell = s.openShell()) {
        CommandResult r = shell.execute("echo kerberos-output");
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("kerberos-output\n");
      }
    }
    List<NegotiatePeer.Seen> seen = peer.wire().subList(before, peer.wire().size());
    assertThat(seen.get(0).authorization()).startsWith("Kerberos ");
    for (NegotiatePeer.Seen r : seen) {
      if (r.body().length > 0) {
        assertThat(r.contentType())
            .contains("protocol=\"application/HTTP-Kerberos-session-encrypted\"");
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1))
            .doesNotContain("Envelope")
            .doesNotContain("kerberos-output");
      }
    }
  }

  @Test
  void negotiateWithAUserAtARealmWithAKdcUsesKerberosThroughSpnego() {
    int before = peer.wire().size();
    try (ConnectionOptions o = alice(Kdc.ALICE_PASSWORD);
        Session s = session(peer, SessionFlag.USE_NEGOTIATE, o)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
      assertThat(s.get(Namespaces.CONFIG)).contains("MaxEnvelopeSizekb");
    }
    NegotiatePeer.Seen first = peer.wire().get(before);
    assertThat(first.authorization()).startsWith("Negotiate ");
    byte[] token = Base64.getDecoder().decode(first.authorization().substring(10));
    assertThat(token[0]).isEqualTo((byte) 0x60);
    assertThat(peer.wire().subList(before, peer.wire().size()))
        .filteredOn(r -> r.body().length > 0)
        .allSatisfy(
            r ->
                assertThat(r.contentType())
                    .contains("protocol=\"application/HTTP-SPNEGO-session-encrypted\""));
  }

  @Test
  void aServiceThatOffersOnlyNegotiateGetsTheKerberosTokenUnderNegotiate() {
    try (ConnectionOptions o = alice(Kdc.ALICE_PASSWORD);
        Session s = session(negotiateOnly, SessionFlag.USE_KERBEROS, o)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationExceptionWithoutThePassword() {
    try (ConnectionOptions o = alice("Not-Alices-Pa55");
        Session s = session(peer, SessionFlag.USE_KERBEROS, o)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining(Kdc.ALICE)
          .hasMessageNotContaining("Not-Alices-Pa55");
    }
  }

  @Test
  void aServiceThatDoesNotAuthenticateItselfIsRefused() {
    peer.omitFinalToken = true;
    try (ConnectionOptions o = alice(Kdc.ALICE_PASSWORD);
        Session s = session(peer, SessionFlag.USE_KERBEROS, o)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining("mutual authentication");
    }
  }

  @Test
  void aTamperedResponseFailsClearly() {
    peer.tamper = true;
    try (ConnectionOptions o = alice(Kdc.ALICE_PASSWORD);
        Session s = session(peer, SessionFlag.USE_KERBEROS, o)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanClientException.class)
          .hasMessageContaining("encrypted response")
          .hasMessageContaining("refused");
    }
  }
}
