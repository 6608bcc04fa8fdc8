package org.openrms.auth.internal.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.NtlmCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/** Initiator against acceptor, in process: the exchange, session security and every refusal. */
class NtlmContextTest {
  private static final char[] PASSWORD = "Secret-1".toCharArray();
  private static final NtlmAccountStore STORE =
      NtlmAccountStore.of(Map.of("alice", Ntlm.ntHash(PASSWORD)));
  private static final NtlmOptions SERVER = NtlmOptions.builder().computerName("HOST").build();

  static SecurityContext client(String login, char[] password, NtlmOptions options) {
    try (NtlmCredentials creds = NtlmCredentials.parse(login, password)) {
      return Ntlm.initiator(creds, options);
    }
  }

  /** Runs the exchange; returns the AUTHENTICATE message. */
  static byte[] handshake(SecurityContext client, SecurityContext server) {
    byte[] challenge = server.step(client.step(null));
    byte[] authenticate = client.step(challenge);
    assertThat(server.step(authenticate)).isNull();
    return authenticate;
  }

  static Reason reasonOf(Runnable r) {
    try {
      r.run();
    } catch (SecurityContextException e) {
      return e.reason();
    }
    throw new AssertionError("no SecurityContextException");
  }

  @Test
  void roundTripSealsManyMessagesBothWays() {
    SecurityContext client = client("alice", PASSWORD, NtlmOptions.defaults());
    SecurityContext server = Ntlm.acceptor(STORE, SERVER);
    handshake(client, server);
    assertThat(client.isEstablished()).isTrue();
    assertThat(server.isEstablished()).isTrue();
    assertThat(server.peerName()).isEqualTo("alice");
    assertThat(client.peerName()).isEqualTo("HOST");
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] up = new byte[random.nextInt(5000)];
      random.nextBytes(up);
      SealedMessage sealed = client.seal(up);
      assertThat(sealed.header()).hasSize(16);
      assertThat(server.unseal(sealed)).isEqualTo(up);
      byte[] down = ("reply " + i).getBytes(StandardCharsets.UTF_8);
      assertThat(client.unseal(server.seal(down))).isEqualTo(down);
    }
  }

  @Test
  void localAccountNameForms() {
    for (String login : new String[] {"alice", "ALICE", ".\\alice", "HOST\\alice", "alice@host"}) {
      SecurityContext server = Ntlm.acceptor(STORE, SERVER);
      handshake(client(login, PASSWORD, NtlmOptions.defaults()), server);
      assertThat(server.peerName()).as(login).isEqualTo("alice");
    }
    for (String login : new String[] {"CORP\\alice", "alice@corp.example", "bob"}) {
      SecurityContext server = Ntlm.acceptor(STORE, SERVER);
      assertThat(reasonOf(() -> handshake(client(login, PASSWORD, NtlmOptions.defaults()), server)))
          .as(login)
          .isEqualTo(Reason.BAD_CREDENTIALS);
    }
  }

  @Test
  void wrongPasswordIsBadCredentials() {
    SecurityContext server = Ntlm.acceptor(STORE, SERVER);
    SecurityContext client = client("alice", "secret-1".toCharArray(), NtlmOptions.defaults());
    assertThat(reasonOf(() -> handshake(client, server))).isEqualTo(Reason.BAD_CREDENTIALS);
    assertThat(server.isEstablished()).isFalse();
    assertThat(reasonOf(() -> server.step(new byte[1]))).isEqualTo(Reason.STATE);
  }

  @Test
  void tamperedReplayedAndReorderedMessagesAreRejected() {
    SecurityContext client = client("alice", PASSWORD, NtlmOptions.defaults());
    SecurityContext server = Ntlm.acceptor(STORE, SERVER);
    handshake(client, server);
    SealedMessage m0 = client.seal("zero".getBytes(StandardCharsets.UTF_8));
    SealedMessage m1 = client.seal("one".getBytes(StandardCharsets.UTF_8));

    byte[] data = m0.data().clone();
    data[0] ^= 1;
    assertThat(reasonOf(() -> server.unseal(new SealedMessage(m0.header(), data))))
        .isEqualTo(Reason.TAMPERED);
    byte[] sig = m0.header().clone();
    sig[6] ^= 1;
    assertThat(reasonOf(() -> server.unseal(new SealedMessage(sig, m0.data()))))
        .isEqualTo(Reason.TAMPERED);
    assertThat(reasonOf(() -> server.unseal(m1))).isEqualTo(Reason.TAMPERED); // out of order
    assertThat(reasonOf(() -> server.unseal(new SealedMessage(new byte[3], m0.data()))))
        .isEqualTo(Reason.MALFORMED);

    assertThat(server.unseal(m0)).asString(StandardCharsets.UTF_8).isEqualTo("zero");
    assertThat(reasonOf(() -> server.unseal(m0))).isEqualTo(Reason.TAMPERED); // replay
    assertThat(server.unseal(m1)).asString(StandardCharsets.UTF_8).isEqualTo("one");
    // A message the server sealed for the client does not verify as a client message.
    SealedMessage reflected = server.seal("x".getBytes(StandardCharsets.UTF_8));
    assertThat(reasonOf(() -> server.unseal(reflected))).isEqualTo(Reason.TAMPERED);
  }

  @Test
  void timestampOutsideTheSkewIsExpired() {
    MutableClock clock = new MutableClock();
    NtlmOptions options =
        NtlmOptions.builder()
            .computerName("HOST")
            .clock(clock)
            .maxClockSkew(Duration.ofMinutes(1))
            .build();
    SecurityContext server = Ntlm.acceptor(STORE, options);
    SecurityContext client = client("alice", PASSWORD, NtlmOptions.defaults());
    byte[] authenticate = client.step(server.step(client.step(null)));
    clock.advance(Duration.ofSeconds(61));
    assertThat(reasonOf(() -> server.step(authenticate))).isEqualTo(Reason.EXPIRED);

    // Within the window it works; the default window is 5 minutes.
    SecurityContext server2 =
        Ntlm.acceptor(STORE, NtlmOptions.builder().computerName("HOST").clock(clock).build());
    SecurityContext client2 = client("alice", PASSWORD, NtlmOptions.defaults());
    byte[] auth2 = client2.step(server2.step(client2.step(null)));
    clock.advance(Duration.ofMinutes(4));
    assertThat(server2.step(auth2)).isNull();
    assertThat(server2.isEstablished()).isTrue();

    SecurityContext server3 =
        Ntlm.acceptor(STORE, NtlmOptions.builder().computerName("HOST").clock(clock).build());
    SecurityContext client3 = client("alice", PASSWORD, NtlmOptions.defaults());
    byte[] auth3 = client3.step(server3.step(client3.step(null)));
    clock.advance(Duration.ofMinutes(6));
    assertThat(reasonOf(() -> server3.step(auth3))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void authenticateReplayedOnANewContextIsRefused() {
    SecurityContext client = client("alice", PASSWORD, NtlmOptions.defaults());
    byte[] negotiate = client.step(null);
    // A fresh challenge: the captured response does not verify.
    SecurityContext server = Ntlm.acceptor(STORE, SERVER);
    byte[] authenticate = client.step(server.step(negotiate));
    assertThat(server.step(authenticate)).isNull();
    SecurityContext other = Ntlm.acceptor(STORE, SERVER);
    other.step(negotiate);
    assertThat(reasonOf(() -> other.step(authenticate))).isEqualTo(Reason.BAD_CREDENTIALS);

    // Even an acceptor that repeated its challenge (same random, same clock) refuses the replay.
    Clock fixed = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    NtlmOptions repeating =
        NtlmOptions.builder().computerName("HOST").clock(fixed).random(new FixedRandom()).build();
    SecurityContext c2 = client("alice", PASSWORD, NtlmOptions.defaults());
    byte[] neg2 = c2.step(null);
    SecurityContext first = Ntlm.acceptor(STORE, repeating);
    byte[] auth2 = c2.step(first.step(neg2));
    assertThat(first.step(auth2)).isNull();
    SecurityContext second = Ntlm.acceptor(STORE, repeating);
    second.step(neg2);
    assertThat(reasonOf(() -> second.step(auth2))).isEqualTo(Reason.REPLAYED);
  }

  @Test
  void micProtectsTheMessages() {
    SecurityContext client = client("alice", PASSWORD, NtlmOptions.defaults());
    SecurityContext server = Ntlm.acceptor(STORE, SERVER);
    byte[] auth = client.step(server.step(client.step(null)));
    byte[] flagsChanged = auth.clone();
    flagsChanged[61] ^= (byte) 0x80; // drop NEGOTIATE_ALWAYS_SIGN, outside the NTLMv2 blob
    assertThat(reasonOf(() -> server.step(flagsChanged))).isEqualTo(Reason.TAMPERED);

    SecurityContext client2 = client("alice", PASSWORD, NtlmOptions.defaults());
    SecurityContext server2 = Ntlm.acceptor(STORE, SERVER);
    byte[] auth2 = client2.step(server2.step(client2.step(null)));
    auth2[NtlmMessages.MIC_OFFSET + 3] ^= 1;
    assertThat(reasonOf(() -> server2.step(auth2))).isEqualTo(Reason.TAMPERED);
  }

  @Test
  void channelBindings() {
    byte[] cb = "tls-server-end-point:0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] other = "tls-server-end-point:fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    NtlmOptions bound = NtlmOptions.builder().channelBindings(cb).build();
    NtlmOptions required =
        NtlmOptions.builder()
            .computerName("HOST")
            .channelBindings(cb)
            .requireChannelBindings(true)
            .build();
    NtlmOptions optional = NtlmOptions.builder().computerName("HOST").channelBindings(cb).build();

    SecurityContext server = Ntlm.acceptor(STORE, required);
    handshake(client("alice", PASSWORD, bound), server);
    assertThat(server.isEstablished()).isTrue();

    assertThat(
            reasonOf(
                () ->
                    handshake(
                        client("alice", PASSWORD, NtlmOptions.defaults()),
                        Ntlm.acceptor(STORE, required))))
        .isEqualTo(Reason.REFUSED);
    NtlmOptions wrong = NtlmOptions.builder().channelBindings(other).build();
    assertThat(
            reasonOf(
                () -> handshake(client("alice", PASSWORD, wrong), Ntlm.acceptor(STORE, optional))))
        .isEqualTo(Reason.TAMPERED);
    SecurityContext lenient = Ntlm.acceptor(STORE, optional);
    handshake(client("alice", PASSWORD, NtlmOptions.defaults()), lenient);
    assertThat(lenient.isEstablished()).isTrue();
    assertThatThrownBy(() -> NtlmOptions.builder().requireChannelBindings(true).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anonymousNtlmV1AndWeakNegotiationAreRefused() {
    SecurityContext server = Ntlm.acceptor(STORE, SERVER);
    server.step(NtlmMessages.encodeNegotiate(NtlmFlags.INITIATOR));
    byte[] anonymous =
        NtlmMessages.encodeAuthenticate(
            NtlmFlags.INITIATOR | NtlmFlags.ANONYMOUS,
            new byte[1],
            new byte[0],
            "",
            "",
            "",
            new byte[0]);
    assertThat(reasonOf(() -> server.step(anonymous))).isEqualTo(Reason.REFUSED);

    SecurityContext server2 = Ntlm.acceptor(STORE, SERVER);
    server2.step(NtlmMessages.encodeNegotiate(NtlmFlags.INITIATOR));
    byte[] v1 =
        NtlmMessages.encodeAuthenticate(
            NtlmFlags.INITIATOR, new byte[24], new byte[24], "", "alice", "", new byte[16]);
    assertThat(reasonOf(() -> server2.step(v1))).isEqualTo(Reason.REFUSED);

    int noSeal = NtlmFlags.INITIATOR & ~NtlmFlags.SEAL;
    assertThat(
            reasonOf(() -> Ntlm.acceptor(STORE, SERVER).step(NtlmMessages.encodeNegotiate(noSeal))))
        .isEqualTo(Reason.REFUSED);

    // The initiator refuses a server that does not grant sealing.
    SecurityContext client = client("alice", PASSWORD, NtlmOptions.defaults());
    client.step(null);
    byte[] weak =
        NtlmMessages.encodeChallenge(noSeal, "HOST", new byte[8], NtlmCryptoTest.SPEC_PAIRS);
    assertThat(reasonOf(() -> client.step(weak))).isEqualTo(Reason.REFUSED);
  }

  @Test
  void initiatorAnswersTheSpecChallenge() {
    // MS-NLMP 4.2.4.3's CHALLENGE (no timestamp): the AUTHENTICATE carries a verifiable NTLMv2
    // response for User/Domain/Password, an LMv2 response, a key exchange and a MIC flag.
    SecurityContext client =
        Ntlm.initiator(
            new NtlmCredentials("User", "Domain", "Password".toCharArray()),
            NtlmOptions.builder().servicePrincipal("HTTP/server.example").build());
    client.step(null);
    NtlmMessages.Authenticate a =
        NtlmMessages.parseAuthenticate(client.step(NtlmMessagesTest.SPEC_CHALLENGE));
    assertThat(a.user()).isEqualTo("User");
    assertThat(a.domain()).isEqualTo("Domain");
    assertThat(a.flags() & NtlmFlags.KEY_EXCH).isNotZero();
    assertThat(a.encryptedSessionKey()).hasSize(16);
    byte[] key = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password".toCharArray()), "User", "Domain");
    byte[] temp = Arrays.copyOfRange(a.ntResponse(), 16, a.ntResponse().length);
    assertThat(NtlmCrypto.ntlmv2Response(key, NtlmCryptoTest.SERVER_CHALLENGE, temp))
        .isEqualTo(a.ntResponse());
    NtlmBlob blob = NtlmBlob.parse(temp);
    assertThat(a.lmResponse())
        .isEqualTo(
            NtlmCrypto.lmv2Response(key, NtlmCryptoTest.SERVER_CHALLENGE, blob.clientChallenge()));
    assertThat(blob.pairs().string(AvPairs.NB_COMPUTER_NAME)).contains("Server");
    assertThat(blob.pairs().flags()).isEqualTo(AvPairs.FLAG_MIC);
    assertThat(blob.pairs().channelBindings()).contains(new byte[16]);
    assertThat(blob.pairs().string(AvPairs.TARGET_NAME)).contains("HTTP/server.example");
    assertThat(a.mic()).isNotNull().isNotEqualTo(new byte[16]);
    assertThat(client.peerName()).isEqualTo("HTTP/server.example");
  }

  @Test
  void wrongOrderIsState() {
    assertThat(reasonOf(() -> Ntlm.acceptor(STORE, SERVER).step(null))).isEqualTo(Reason.STATE);
    SecurityContext client = client("alice", PASSWORD, NtlmOptions.defaults());
    assertThat(reasonOf(() -> client.step(new byte[8]))).isEqualTo(Reason.STATE);
    assertThatThrownBy(client::peerName).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> client.seal(new byte[1])).isInstanceOf(IllegalStateException.class);
    SecurityContext c2 = client("alice", PASSWORD, NtlmOptions.defaults());
    SecurityContext s2 = Ntlm.acceptor(STORE, SERVER);
    handshake(c2, s2);
    assertThat(reasonOf(() -> s2.step(new byte[8]))).isEqualTo(Reason.STATE);
    assertThat(reasonOf(() -> c2.step(new byte[8]))).isEqualTo(Reason.STATE);
  }

  @Test
  void closeZeroesKeysAndRefusesEverything() {
    NtlmInitiatorContext client =
        (NtlmInitiatorContext) client("alice", PASSWORD, NtlmOptions.defaults());
    NtlmAcceptorContext server = (NtlmAcceptorContext) Ntlm.acceptor(STORE, SERVER);
    handshake(client, server);
    SealedMessage pending = client.seal(new byte[] {1, 2, 3});
    client.close();
    server.close();
    server.close(); // idempotent
    assertThat(client.isZeroed()).isTrue();
    assertThat(server.isZeroed()).isTrue();
    assertThat(client.isEstablished()).isFalse();
    assertThatThrownBy(() -> client.seal(new byte[1])).isInstanceOf(IllegalStateException.class);
    assertThat(reasonOf(() -> server.unseal(pending))).isEqualTo(Reason.STATE);
    assertThat(reasonOf(() -> server.step(new byte[1]))).isEqualTo(Reason.STATE);

    char[] password = PASSWORD.clone();
    NtlmCredentials creds = new NtlmCredentials("alice", "", password);
    creds.close();
    assertThat(creds.password()).containsOnly('\0');
    assertThat(password).isEqualTo(PASSWORD); // the caller's array is the caller's
    assertThat(creds.toString()).doesNotContain("Secret");
  }

  @Test
  void tlsServerEndPointHashFollowsTheSignatureAlgorithm() {
    assertThat(ChannelBindings.hashOf("SHA256withRSA")).isEqualTo("SHA-256");
    assertThat(ChannelBindings.hashOf("SHA1withRSA")).isEqualTo("SHA-256");
    assertThat(ChannelBindings.hashOf("MD5withRSA")).isEqualTo("SHA-256");
    assertThat(ChannelBindings.hashOf("SHA384withECDSA")).isEqualTo("SHA-384");
    assertThat(ChannelBindings.hashOf("SHA512withRSA")).isEqualTo("SHA-512");
    assertThat(ChannelBindings.hash(new byte[0])).hasSize(16);
  }

  /** Returns the same bytes every time: an acceptor that repeats its challenge. */
  static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
      Arrays.fill(bytes, (byte) 0x42);
    }
  }

  /** A clock tests move forward. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
