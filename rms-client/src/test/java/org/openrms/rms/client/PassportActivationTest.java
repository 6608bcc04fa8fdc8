package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.core.wire.RmsOids;
import org.openrms.rms.server.AuditEntry;
import org.openrms.rms.server.OidcConfig;
import org.openrms.rms.server.OidcIssuer;
import org.openrms.rms.server.RightsServer;
import org.openrms.testkit.FakeIdp;

/**
 * {@code PASSPORT} activation with OpenID Connect ID tokens from a fake provider (HTTPS with a test
 * CA, discovery, JWKS), through the real client and server: a good token gets a RAC with the
 * token's e-mail and the PASSPORT type; every kind of bad token is refused with its HRESULT, and
 * the server keeps serving.
 */
class PassportActivationTest {
  @TempDir static Path tmp;
  static FakeIdp idp;
  static RightsServer server;
  static Path store;

  @BeforeAll
  static void start() throws Exception {
    idp = FakeIdp.start();
    KeyStore trust = idp.tls.trustStore();
    server =
        TestServers.start(
            tmp.resolve("server"),
            b ->
                b.oidc(
                    OidcConfig.builder()
                        .trustedIssuer(OidcIssuer.of(idp.issuerUri(), FakeIdp.CLIENT_ID))
                        .trustStore(trust)
                        .jwksRefreshInterval(Duration.ZERO)
                        .build()));
    store = tmp.resolve("store");
    String token = idp.token("fox@example.com");
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = client(() -> token);
        ClientSession s = c.createClientSession(rec, 0, GroupIdType.PASSPORT, null)) {
      HResult hr =
          s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
              .await(Activations.WAIT);
      assertThat(hr)
          .as("machine activation with a token: %s", rec.events)
          .isEqualTo(HResult.S_DRM_COMPLETED);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  static RightsClient client(Supplier<String> token) {
    return RightsClient.builder()
        .serviceUrl(server.baseUri())
        .trustedRoots(List.of(server.rootCertificate()))
        .storeDirectory(store)
        .idToken(token)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** A non-silent PASSPORT user activation for {@code groupId} with this token. */
  static StatusRecorder activate(String groupId, String token) throws Exception {
    StatusRecorder rec = new StatusRecorder();
    try (RightsClient c = client(() -> token);
        ClientSession s = c.createClientSession(rec, 0, GroupIdType.PASSPORT, groupId)) {
      HResult hr =
          s.activate(EnumSet.of(ActivationFlag.GROUPIDENTITY), null, "ctx").await(Activations.WAIT);
      rec.assertWellOrdered(StatusMessage.ACTIVATE_GROUPIDENTITY);
      assertThat(rec.terminal().hr()).isEqualTo(hr);
    }
    return rec;
  }

  static void assertRefused(HResult expected, String groupId, String token) throws Exception {
    StatusRecorder rec = activate(groupId, token);
    assertThat(rec.terminal().hr()).as("%s", rec.events).isEqualTo(expected);
    assertThat(rec.hresults()).contains(HResult.S_DRM_CONNECTED);
  }

  static X509Certificate assertActivated(String email, String token) throws Exception {
    StatusRecorder rec = activate(email, token);
    assertThat(rec.terminal().hr()).as("%s", rec.events).isEqualTo(HResult.S_DRM_COMPLETED);
    X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
    assertThat(rac.getSubjectAlternativeNames()).contains(List.of(1, email));
    assertThat(CertificateExtensions.utf8(rac, RmsOids.RAC_INFO)).hasValue("PASSPORT;STANDARD");
    return rac;
  }

  @Test
  void aValidTokenGetsARacWithItsEmailAndThePassportType() throws Exception {
    assertActivated("fox@example.com", idp.token("fox@example.com"));
    AuditEntry last = server.audit().recent(1).get(0);
    assertThat(last.kind()).isEqualTo("CERTIFICATION");
    assertThat(last.outcome()).isEqualTo("OK");
    assertThat(last.login()).isEqualTo("fox@example.com");
  }

  @Test
  void theRacEmailIsTheTokensNotTheSessionsGroupId() throws Exception {
    // the server certifies the token's e-mail, whatever the session's group ID says
    StatusRecorder rec = activate("cat@example.com", idp.token("fox@example.com"));
    assertThat(rec.terminal().hr()).isEqualTo(HResult.S_DRM_COMPLETED);
    X509Certificate rac = Pem.decodeChain((String) rec.terminal().param()).get(0);
    assertThat(rac.getSubjectAlternativeNames()).containsExactly(List.of(1, "fox@example.com"));
  }

  @Test
  void anUntrustedIssuerIsAuthenticationFailed() throws Exception {
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        idp.token("fox@example.com", c -> c.issuer("https://127.0.0.1:1/evil")));
  }

  @Test
  void anExpiredTokenIsAuthenticationFailed() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        idp.token(
            "fox@example.com",
            c ->
                c.issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plus(Duration.ofMinutes(5))))));
  }

  @Test
  void aTokenNotYetValidOrIssuedInTheFutureIsAuthenticationFailed() throws Exception {
    Instant future = Instant.now().plus(Duration.ofHours(1));
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        idp.token("fox@example.com", c -> c.notBeforeTime(Date.from(future))));
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        idp.token(
            "fox@example.com",
            c ->
                c.issueTime(Date.from(future))
                    .expirationTime(Date.from(future.plus(Duration.ofMinutes(5))))));
  }

  @Test
  void aWrongAudienceIsAuthenticationFailed() throws Exception {
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        idp.token("fox@example.com", c -> c.audience("another-client")));
  }

  @Test
  void emailVerifiedFalseIsEmailNotVerified() throws Exception {
    assertRefused(
        HResult.E_DRM_EMAIL_NOT_VERIFIED,
        "fox@example.com",
        idp.token("fox@example.com", c -> c.claim("email_verified", false)));
    // absent is not verified either, unless the issuer is configured to vouch for e-mails
    assertRefused(
        HResult.E_DRM_EMAIL_NOT_VERIFIED,
        "fox@example.com",
        idp.token("fox@example.com", c -> c.claim("email_verified", null)));
  }

  @Test
  void aTokenWithoutEmailIsAdEntryNotFoundAndABadOneIsInvalidEmail() throws Exception {
    assertRefused(
        HResult.E_DRM_AD_ENTRY_NOT_FOUND,
        "fox@example.com",
        idp.token("fox@example.com", c -> c.claim("email", null)));
    assertRefused(
        HResult.E_DRM_INVALID_EMAIL,
        "fox@example.com",
        idp.token("fox@example.com", c -> c.claim("email", "fox at example")));
  }

  @Test
  void aTamperedTokenIsAuthenticationFailed() throws Exception {
    String[] good = idp.token("fox@example.com").split("\\.");
    String otherPayload =
        Base64URL.encode(idp.claims("boss@example.com", c -> {}).toString()).toString();
    String tampered = good[0] + "." + otherPayload + "." + good[2];
    assertRefused(HResult.E_DRM_AUTHENTICATION_FAILED, "boss@example.com", tampered);
    // a token signed by a key the provider never published (same kid)
    ECKey stranger = FakeIdp.newKey(currentKid());
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        FakeIdp.sign(stranger, idp.claims("fox@example.com", c -> {})));
  }

  @Test
  void aRotatedKeyIsFetchedOnceItsKidIsUnknownAndOldOrUnknownKeysAreRefused() throws Exception {
    assertActivated("fox@example.com", idp.token("fox@example.com"));
    ECKey old = idp.currentKey();
    ECKey rotated = idp.rotate("key-rotated-" + System.nanoTime());
    int before = idp.jwksFetches.get();
    // the new kid is not cached: the server fetches the JWKS again and accepts
    assertActivated("fox@example.com", idp.token("fox@example.com"));
    assertThat(idp.jwksFetches.get()).isEqualTo(before + 1);
    // a kid the provider does not publish: fetched again, still unknown, refused
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        FakeIdp.sign(FakeIdp.newKey("never-published"), idp.claims("fox@example.com", c -> {})));
    assertThat(idp.jwksFetches.get()).isEqualTo(before + 2);
    // the retired key is no longer published: refused as well
    assertRefused(
        HResult.E_DRM_AUTHENTICATION_FAILED,
        "fox@example.com",
        FakeIdp.sign(old, idp.claims("fox@example.com", c -> {})));
    assertThat(rotated.getKeyID()).isEqualTo(currentKid());
    // and the server keeps serving
    assertActivated("fox@example.com", idp.token("fox@example.com"));
  }

  @Test
  void aMissingOrMalformedTokenFailsBeforeAnythingIsSent() throws Exception {
    assertThat(activate("fox@example.com", null).terminal().hr())
        .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
    assertThat(activate("fox@example.com", "not a token\r\nX-Evil: 1").terminal().hr())
        .isEqualTo(HResult.E_DRM_AUTHENTICATION_FAILED);
  }

  @Test
  void anUnreachableProviderIsServerError() throws Exception {
    // the issuer is trusted but its discovery cannot be fetched: 503, E_DRM_SERVER_ERROR
    URI dead = URI.create("https://127.0.0.1:1/idp");
    KeyStore trust = idp.tls.trustStore();
    try (RightsServer other =
        TestServers.start(
            tmp.resolve("server-dead-idp"),
            b ->
                b.oidc(
                    OidcConfig.builder()
                        .trustedIssuer(OidcIssuer.of(dead, FakeIdp.CLIENT_ID))
                        .trustStore(trust)
                        .fetchTimeout(Duration.ofSeconds(2))
                        .build()))) {
      String token = idp.token("fox@example.com", c -> c.issuer(dead.toString()));
      StatusRecorder rec = new StatusRecorder();
      try (RightsClient c =
              RightsClient.builder()
                  .serviceUrl(other.baseUri())
                  .trustedRoots(List.of(other.rootCertificate()))
                  .storeDirectory(tmp.resolve("store-dead-idp"))
                  .idToken(() -> token)
                  .build();
          ClientSession s = c.createClientSession(rec, 0, GroupIdType.PASSPORT, null)) {
        HResult hr =
            s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
                .await(Activations.WAIT);
        assertThat(hr).as("%s", rec.events).isEqualTo(HResult.E_DRM_SERVER_ERROR);
      }
    }
  }

  private static String currentKid() throws Exception {
    return com.nimbusds.jwt.SignedJWT.parse(idp.token("k@example.com")).getHeader().getKeyID();
  }
}
