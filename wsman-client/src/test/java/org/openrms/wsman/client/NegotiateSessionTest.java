package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrms.auth.Mechanism;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.server.WsmanListener;

/**
 * Negotiate with NTLM over plain HTTP: the 401 rounds per connection, MS-WSMV encryption of every
 * request and response, against a Negotiate front ({@link NegotiatePeer}) of a real listener.
 */
class NegotiateSessionTest {
  static WsmanListener listener;
  static NegotiatePeer peer;

  @BeforeAll
  static void start() throws Exception {
    listener = Listeners.start(b -> {});
    NtlmAccountStore store =
        NtlmAccountStore.of(Map.of(Listeners.USER, Ntlm.ntHash(Listeners.PASSWORD.toCharArray())));
    peer =
        new NegotiatePeer(
            listener,
            Map.of(
                "Negotiate",
                () ->
                    Spnego.acceptor(
                        m -> {
                          if (m != Mechanism.NTLM) {
                            throw new SecurityContextException(
                                SecurityContextException.Reason.REFUSED, "no " + m);
                          }
                          return Ntlm.acceptor(
                              store, NtlmOptions.builder().computerName("WSMANHOST").build());
                        })));
  }

  @AfterAll
  static void stop() {
    peer.close();
    listener.close();
  }

  @BeforeEach
  void reset() {
    peer.requireEncryption = true;
    peer.tamper = false;
  }

  private static Session negotiate(ConnectionOptions options, SessionFlag... more) {
    Set<SessionFlag> flags = EnumSet.of(SessionFlag.USE_NEGOTIATE);
    flags.addAll(List.of(more));
    return WSMan.builder().build().createSession(peer.uri("127.0.0.1"), flags, options);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void ntlmOverHttpEncryptsIdentifyGetAndAShellCommand() {
    int before = peer.wire().size();
    try (ConnectionOptions alice = Listeners.alice();
        Session s = negotiate(alice)) {
      assertThat(s.plan().encryptsMessages()).isTrue();
      IdentifyResponse id = s.identify();
      assertThat(id.productVendor()).isEqualTo("OpenRMS");
      assertThat(s.get(Namespaces.CONFIG)).contains("MaxEnvelopeSizekb");
      try (RemoteShell shell = s.openShell()) {
        CommandResult r = shell.execute("echo secret-output; exit 3");
        assertThat(text(r.stdout())).isEqualTo("secret-output\n");
        assertThat(r.exitCode()).isEqualTo(3);
      }
    }
    List<NegotiatePeer.Seen> seen = peer.wire().subList(before, peer.wire().size());
    assertThat(seen).isNotEmpty();
    for (NegotiatePeer.Seen r : seen) {
      String body = new String(r.body(), StandardCharsets.ISO_8859_1);
      if (r.body().length > 0) {
        assertThat(r.contentType())
            .startsWith("multipart/encrypted")
            .contains("protocol=\"application/HTTP-SPNEGO-session-encrypted\"");
        assertThat(body).doesNotContain("Envelope").doesNotContain("echo secret-output");
      }
      if (r.authorization() != null) {
        assertThat(r.authorization()).startsWith("Negotiate ");
        assertThat(r.body()).isEmpty(); // the handshake goes in empty POSTs, as pywinrm's
      }
    }
    // raw NTLMSSP as pywinrm sends it: "NTLMSSP\0" is "TlRMTVNTUA" in base64
    assertThat(seen.get(0).authorization()).startsWith("Negotiate TlRMTVNTUA");
  }

  @Test
  void eachNewConnectionAuthenticatesAgain() {
    int before = peer.connectionsAuthenticated;
    try (ConnectionOptions alice = Listeners.alice();
        Session s = negotiate(alice)) {
      try (RemoteShell shell = s.openShell()) {
        // the command's Receive goes over a connection of its own
        assertThat(text(shell.execute("echo hi").stdout())).isEqualTo("hi\n");
      }
    }
    assertThat(peer.connectionsAuthenticated - before).isGreaterThanOrEqualTo(2);
  }

  @Test
  void ntlmCanGoWrappedInSpnego() {
    int before = peer.wire().size();
    try (ConnectionOptions alice =
            ConnectionOptions.builder()
                .userName("WSMANHOST\\" + Listeners.USER)
                .password(Listeners.PASSWORD.toCharArray())
                .spnegoWrappedNtlm(true)
                .build();
        Session s = negotiate(alice)) {
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    }
    byte[] first =
        Base64.getDecoder()
            .decode(peer.wire().get(before).authorization().substring("Negotiate ".length()));
    assertThat(first[0]).isEqualTo((byte) 0x60); // a GSS InitialContextToken (SPNEGO)
  }

  @Test
  void aWrongPasswordIsAnAuthenticationExceptionWithoutThePassword() {
    try (ConnectionOptions wrong = Listeners.alice("Wrong-Pa55word-123");
        Session s = negotiate(wrong)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining("401")
          .hasMessageContaining(Listeners.USER)
          .hasMessageNotContaining("Wrong-Pa55word-123");
    }
  }

  @Test
  void aTamperedResponseFailsClearly() {
    peer.tamper = true;
    try (ConnectionOptions alice = Listeners.alice();
        Session s = negotiate(alice)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanClientException.class)
          .hasMessageContaining("encrypted response")
          .hasMessageContaining("refused");
    }
  }

  @Test
  void noEncryptionSendsTheSoapInClearAfterTheHandshake() {
    peer.requireEncryption = false;
    int before = peer.wire().size();
    try (ConnectionOptions alice = Listeners.alice();
        Session s = negotiate(alice, SessionFlag.NO_ENCRYPTION)) {
      assertThat(s.plan().encryptsMessages()).isFalse();
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
      assertThat(s.get(Namespaces.CONFIG)).contains("MaxEnvelopeSizekb");
    }
    List<NegotiatePeer.Seen> seen = peer.wire().subList(before, peer.wire().size());
    assertThat(seen)
        .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/soap+xml"));
  }

  @Test
  void theLoopbackDefaultIsNegotiateAndWorksWithExplicitCredentials() {
    try (ConnectionOptions alice = Listeners.alice();
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    peer.uri("127.0.0.1"), EnumSet.of(SessionFlag.CRED_USERNAME_PASSWORD), alice)) {
      assertThat(s.plan().mechanism()).isEqualTo(AuthMechanism.NEGOTIATE);
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS");
    }
  }

  @Test
  void aServiceWithoutNegotiateIsNamedWithWhatItOffers() {
    try (ConnectionOptions alice = Listeners.alice();
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    listener.httpUri().toString(), EnumSet.of(SessionFlag.USE_NEGOTIATE), alice)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining("does not offer Negotiate")
          .hasMessageContaining("Basic");
    }
  }

  @Test
  void implicitNegotiateCredentialsNeedTheirFlag() throws Exception {
    // 127.0.0.2 is a loopback address but not "the local computer" of the seed's rules
    try (ServerSocket remote = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.2"));
        Session s =
            WSMan.builder()
                .build()
                .createSession(
                    "http://127.0.0.2:" + remote.getLocalPort() + "/wsman",
                    EnumSet.of(SessionFlag.USE_NEGOTIATE),
                    null)) {
      assertThatThrownBy(s::identify)
          .isInstanceOf(WsmanAuthenticationException.class)
          .hasMessageContaining("AllowNegotiateImplicitCredentials");
    }
  }

  @Test
  void anUnauthenticatedIdentifyGoesInClearWithoutTokens() {
    try (ConnectionOptions alice = Listeners.alice();
        Session s = negotiate(alice)) {
      s.identify();
      int before = peer.wire().size();
      try {
        s.identifyUnauthenticated();
      } catch (WsmanClientException e) {
        // the front asks for authentication; what matters is what went over the wire
      }
      NegotiatePeer.Seen r = peer.wire().get(before);
      assertThat(r.authorization()).isNull();
      assertThat(r.contentType()).startsWith("application/soap+xml");
      assertThat(s.identify().productVendor()).isEqualTo("OpenRMS"); // a new, authenticated one
    }
  }
}
