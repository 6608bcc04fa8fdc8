package org.openrms.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.Spnego;
import org.openrms.wsman.EncryptedMessage;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.IdentifyResponse;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.XmlElement;

/**
 * Negotiate (NTLM, raw and in SPNEGO) bound to the connection, with MS-WSMV message encryption: the
 * 401 rounds, sealed requests and answers, refusals, and a listener that keeps serving.
 */
class NegotiateTest {
  private static final String NTLM_USER = "ntlmuser";
  private static final String PW = "Ntlm-pa55";
  private static final String WHOAMI = "urn:test/whoami";
  private static final LocalAccounts ACCOUNTS =
      TestListeners.ACCOUNTS.withAccount(NTLM_USER, PW.toCharArray(), true);

  /** A plugin that answers with the user the listener authenticated. */
  static final class WhoAmI implements Resource {
    final List<String> users = new CopyOnWriteArrayList<>();

    @Override
    public String resourceUri() {
      return WHOAMI;
    }

    @Override
    public XmlElement get(ResourceRequest request) {
      users.add(request.user());
      return XmlElement.builder(new QName(WHOAMI, "User", "u")).text(request.user()).build();
    }
  }

  private WsmanListener listener;
  private final WhoAmI whoami = new WhoAmI();

  @AfterEach
  void close() {
    if (listener != null) {
      listener.close();
    }
  }

  private WsmanListener start(Consumer<WsmanListenerConfig.Builder> custom) {
    listener =
        TestListeners.start(
            b -> {
              b.accounts(ACCOUNTS)
                  .allowUnencrypted(false)
                  .resource(whoami)
                  .auth(AuthSettings.builder().negotiate(true).computerName("HOST").build());
              custom.accept(b);
            });
    return listener;
  }

  static SecurityContext client(String user, String password) {
    try (NtlmCredentials c = NtlmCredentials.parse(user, password.toCharArray())) {
      return Ntlm.initiator(c, NtlmOptions.defaults());
    }
  }

  private static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
  }

  private static byte[] challengeOf(RawConnection.Answer a) {
    String h = a.header("WWW-Authenticate");
    assertThat(h).startsWith("Negotiate ");
    return Base64.getDecoder().decode(h.substring("Negotiate ".length()));
  }

  /** The handshake as pywinrm does it: NEGOTIATE, then AUTHENTICATE with an empty body. */
  static byte[] handshake(RawConnection c, SecurityContext client) throws Exception {
    RawConnection.Answer round =
        c.postTyped(null, new byte[0], "Authorization", negotiate(client.step(null)));
    assertThat(round.status()).isEqualTo(401);
    byte[] authenticate = client.step(challengeOf(round));
    RawConnection.Answer done =
        c.postTyped(null, new byte[0], "Authorization", negotiate(authenticate));
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).isEmpty();
    assertThat(client.isEstablished()).isTrue();
    return authenticate;
  }

  static RawConnection.Answer sealed(RawConnection c, SecurityContext client, byte[] soap)
      throws Exception {
    EncryptedMessage m = EncryptedMessage.seal(client, EncryptedMessage.SPNEGO, soap);
    return c.postTyped(m.contentType(), m.encode());
  }

  static byte[] open(RawConnection.Answer a, SecurityContext client) {
    assertThat(a.header("Content-Type"))
        .isEqualTo(EncryptedMessage.contentType(EncryptedMessage.SPNEGO));
    return EncryptedMessage.decode(a.header("Content-Type"), a.body(), 1 << 20).unseal(client);
  }

  private static String userOf(byte[] soap) {
    Envelope e = TestListeners.parse(new RawConnection.Answer(200, java.util.Map.of(), soap));
    return e.body().children().get(0).text();
  }

  @Test
  void challengesOfferNegotiateAndNotBasicOverPlainHttp() throws Exception {
    start(b -> {});
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a = c.post(TestListeners.bytes(TestListeners.get(WHOAMI)));
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.header("WWW-Authenticate")).isEqualTo("Negotiate");
    }
  }

  @Test
  void ntlmHandshakeThenEverySealedMessageIsServedAsTheContextsPeer() throws Exception {
    start(b -> {});
    SecurityContext client = client(NTLM_USER, PW);
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      handshake(c, client);
      for (int i = 0; i < 3; i++) {
        // a Basic header claiming someone else changes nothing: identity comes from the context
        EncryptedMessage m =
            EncryptedMessage.seal(
                client, EncryptedMessage.SPNEGO, TestListeners.bytes(TestListeners.get(WHOAMI)));
        RawConnection.Answer a =
            c.postTyped(m.contentType(), m.encode(), "Authorization", TestListeners.auth());
        assertThat(a.status()).isEqualTo(200);
        assertThat(userOf(open(a, client))).isEqualTo(NTLM_USER);
      }
      RawConnection.Answer id = sealed(c, client, TestListeners.identify());
      IdentifyResponse r =
          IdentifyResponse.from(
              TestListeners.parse(
                  new RawConnection.Answer(200, java.util.Map.of(), open(id, client))));
      assertThat(r.securityProfiles())
          .first()
          .isEqualTo(Namespaces.SECPROFILE_PREFIX + "http/spnego-kerberos");
      RawConnection.Answer cfg =
          sealed(c, client, TestListeners.bytes(TestListeners.get(Namespaces.CONFIG)));
      String config = new String(open(cfg, client), StandardCharsets.UTF_8);
      assertThat(config)
          .contains("<cfg:Negotiate>true</cfg:Negotiate>", "<cfg:Kerberos>false</cfg:Kerberos>");
    }
    assertThat(whoami.users).containsOnly(NTLM_USER);
  }

  @Test
  void spnegoWrappedNtlmWorksToo() throws Exception {
    start(b -> {});
    SecurityContext client = Spnego.initiator(client(NTLM_USER, PW));
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer round =
          c.post(new byte[0], "Authorization", negotiate(client.step(null)));
      byte[] next = client.step(challengeOf(round));
      RawConnection.Answer done =
          c.postTyped(
              EncryptedMessage.contentType(EncryptedMessage.SPNEGO),
              new byte[0],
              "Authorization",
              negotiate(next));
      if (done.header("WWW-Authenticate") != null) {
        client.step(challengeOf(done)); // the final NegTokenResp (accept-completed, mechListMIC)
      }
      assertThat(client.isEstablished()).isTrue();
      RawConnection.Answer a = sealed(c, client, TestListeners.bytes(TestListeners.get(WHOAMI)));
      assertThat(a.status()).isEqualTo(200);
      assertThat(userOf(open(a, client))).isEqualTo(NTLM_USER);
    }
  }

  @Test
  void clearBodiesAfterAuthenticationAre400OverPlainHttpUnlessAllowUnencrypted() throws Exception {
    start(b -> {});
    SecurityContext client = client(NTLM_USER, PW);
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      handshake(c, client);
      assertThat(c.post(TestListeners.bytes(TestListeners.get(WHOAMI))).status()).isEqualTo(400);
      // the context survives a refused clear message
      assertThat(sealed(c, client, TestListeners.bytes(TestListeners.get(WHOAMI))).status())
          .isEqualTo(200);
    }
    listener.close();
    start(b -> b.allowUnencrypted(true));
    SecurityContext again = client(NTLM_USER, PW);
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      handshake(c, again);
      RawConnection.Answer a = c.post(TestListeners.bytes(TestListeners.get(WHOAMI)));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.header("Content-Type")).startsWith("application/soap+xml");
      assertThat(userOf(a.body())).isEqualTo(NTLM_USER);
    }
  }

  @Test
  void winrm4jStyleTheAuthenticateRoundCarriesTheFirstSealedRequest() throws Exception {
    start(b -> {});
    SecurityContext client = client(NTLM_USER, PW);
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer round =
          c.post(
              "AWAITING_ENCRYPTION_KEYS".getBytes(StandardCharsets.US_ASCII),
              "Authorization",
              negotiate(client.step(null)));
      assertThat(round.status()).isEqualTo(401);
      byte[] authenticate = client.step(challengeOf(round));
      EncryptedMessage m =
          EncryptedMessage.seal(
              client, EncryptedMessage.SPNEGO, TestListeners.bytes(TestListeners.get(WHOAMI)));
      RawConnection.Answer a =
          c.postTyped(m.contentType(), m.encode(), "Authorization", negotiate(authenticate));
      assertThat(a.status()).isEqualTo(200);
      assertThat(userOf(open(a, client))).isEqualTo(NTLM_USER);
    }
  }

  @Test
  void wrongPasswordUnknownOrNonNtlmAccountAre401AndTheConnectionCanRetry() throws Exception {
    start(b -> {});
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      for (SecurityContext bad :
          List.of(
              client(NTLM_USER, "wrong"),
              client("nobody", PW),
              client(TestListeners.USER, TestListeners.PASSWORD))) {
        RawConnection.Answer round =
            c.post(new byte[0], "Authorization", negotiate(bad.step(null)));
        RawConnection.Answer refused =
            c.post(new byte[0], "Authorization", negotiate(bad.step(challengeOf(round))));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Negotiate");
      }
      SecurityContext good = client(NTLM_USER, PW);
      handshake(c, good);
      assertThat(sealed(c, good, TestListeners.bytes(TestListeners.get(WHOAMI))).status())
          .isEqualTo(200);
    }
  }

  @Test
  void aReplayedAuthenticateIsRefusedAndTheListenerKeepsServing() throws Exception {
    start(b -> {});
    byte[] authenticate;
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      authenticate = handshake(c, client(NTLM_USER, PW));
    }
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      // straight away, without a NEGOTIATE
      assertThat(c.post(new byte[0], "Authorization", negotiate(authenticate)).status())
          .isEqualTo(401);
      // after a NEGOTIATE of the attacker's own (another server challenge)
      SecurityContext attacker = client(NTLM_USER, "guess");
      c.post(new byte[0], "Authorization", negotiate(attacker.step(null)));
      RawConnection.Answer a = c.post(new byte[0], "Authorization", negotiate(authenticate));
      assertThat(a.status()).isEqualTo(401);
      // and encrypted bodies on an unauthenticated connection are not served
      EncryptedMessage m =
          new EncryptedMessage(
              EncryptedMessage.SPNEGO,
              new org.openrms.auth.SealedMessage(new byte[16], new byte[10]),
              10);
      assertThat(c.postTyped(m.contentType(), m.encode()).status()).isEqualTo(401);
    }
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      SecurityContext good = client(NTLM_USER, PW);
      handshake(c, good);
      assertThat(sealed(c, good, TestListeners.bytes(TestListeners.get(WHOAMI))).status())
          .isEqualTo(200);
    }
  }

  @Test
  void tamperedSealedBodyIs401AndDropsTheContextMalformedFrameIs400() throws Exception {
    start(b -> {});
    SecurityContext client = client(NTLM_USER, PW);
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      handshake(c, client);
      EncryptedMessage m =
          EncryptedMessage.seal(
              client, EncryptedMessage.SPNEGO, TestListeners.bytes(TestListeners.get(WHOAMI)));
      // a malformed frame is 400 and leaves the context as it was
      byte[] frame = m.encode();
      assertThat(
              c.postTyped(m.contentType(), java.util.Arrays.copyOf(frame, frame.length - 8))
                  .status())
          .isEqualTo(400);
      byte[] tampered = frame.clone();
      tampered[tampered.length - 30] ^= 0x20;
      RawConnection.Answer a = c.postTyped(m.contentType(), tampered);
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.header("WWW-Authenticate")).isEqualTo("Negotiate");
      // the context is gone: the next sealed message is not served
      assertThat(sealed(c, client, TestListeners.bytes(TestListeners.get(WHOAMI))).status())
          .isEqualTo(401);
      SecurityContext again = client(NTLM_USER, PW);
      handshake(c, again);
      assertThat(sealed(c, again, TestListeners.bytes(TestListeners.get(WHOAMI))).status())
          .isEqualTo(200);
    }
    assertThat(whoami.users).containsOnly(NTLM_USER);
  }

  @Test
  void basicStillWorksBesideNegotiateAndCanBeTurnedOff() throws Exception {
    start(b -> b.allowUnencrypted(true));
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer refused = c.post(TestListeners.bytes(TestListeners.get(WHOAMI)));
      assertThat(refused.header("WWW-Authenticate")).isEqualTo("Negotiate, Basic realm=\"WSMAN\"");
      RawConnection.Answer a =
          c.post(
              TestListeners.bytes(TestListeners.get(WHOAMI)),
              "Authorization",
              TestListeners.auth());
      assertThat(a.status()).isEqualTo(200);
    }
    listener.close();
    start(
        b ->
            b.allowUnencrypted(true)
                .auth(AuthSettings.builder().basic(false).negotiate(true).build()));
    try (RawConnection c = new RawConnection(listener.httpUri())) {
      RawConnection.Answer a =
          c.post(
              TestListeners.bytes(TestListeners.get(WHOAMI)),
              "Authorization",
              TestListeners.auth());
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.header("WWW-Authenticate")).isEqualTo("Negotiate");
      RawConnection.Answer cfg = c.post(TestListeners.bytes(TestListeners.get(Namespaces.CONFIG)));
      assertThat(cfg.status()).isEqualTo(401);
    }
  }
}
