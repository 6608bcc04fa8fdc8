package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.Pem;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.RmsOids;

class CertificationTest {
  @TempDir static Path tmp;
  static RightsServer server;
  static HttpClient client;
  static KeyPair machineKeys;
  static String machineChain;

  @BeforeAll
  static void startServer() {
    server = TestSupport.start(tmp.resolve("data"));
    client = TestSupport.client(server);
    TestSupport.addUser(server, "alice");
    UserDirectory dir = server.directory();
    dir.addUser(user("noemail").build());
    dir.addUser(user("bademail").email("not-an-address").allowInvalidEmail(true).build());
    dir.addUser(user("unverified").email("unverified@example.com").verified(false).build());
    dir.addUser(user("disabled").email("disabled@example.com").enabled(false).build());
    machineKeys = TestSupport.p256();
    machineChain = TestSupport.activate(server, client, "alice", machineKeys);
  }

  private static NewUser.Builder user(String login) {
    return NewUser.builder(login).password(TestSupport.PASSWORD.toCharArray()).verified(true);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static HttpResponse<String> certify(String login, String chain, boolean temporary) {
    return TestSupport.certify(
        server, client, TestSupport.basic(login, TestSupport.PASSWORD), chain, temporary);
  }

  @Test
  void issuesAStandardRacWhoseSealedKeyOnlyTheMachineCanOpen() throws Exception {
    HttpResponse<String> r = certify("alice", machineChain, false);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = TestSupport.json(r);
    List<X509Certificate> chain = Pem.decodeChain(body.get("racChain").asText());
    assertThat(chain).hasSize(3);
    assertThat(chain.get(1)).isEqualTo(server.licensorCertificate());
    assertThat(chain.get(2)).isEqualTo(server.rootCertificate());
    X509Certificate rac = chain.get(0);

    PKIXParameters params =
        new PKIXParameters(Set.of(new TrustAnchor(server.rootCertificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 2)), params);

    assertThat(rac.getSubjectAlternativeNames()).containsExactly(List.of(1, "alice@example.com"));
    assertThat(rac.getSubjectX500Principal().getName()).contains("CN=User alice");
    assertThat(CertificateExtensions.utf8(rac, RmsOids.RAC_INFO)).hasValue("WINDOWS_AUTH;STANDARD");
    Instant now = Instant.now();
    assertThat(rac.getNotAfter().toInstant())
        .isCloseTo(now.plus(Duration.ofDays(365)), within(1, ChronoUnit.MINUTES));
    assertThat(rac.getNotBefore().toInstant())
        .isCloseTo(now.minus(Duration.ofMinutes(15)), within(1, ChronoUnit.MINUTES));

    JWEObject jwe = JWEObject.parse(body.get("sealedPrivateKey").asText());
    assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES);
    assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
    jwe.decrypt(new ECDHDecrypter((ECPrivateKey) machineKeys.getPrivate()));
    PrivateKey racKey =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(jwe.getPayload().toBytes()));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(racKey);
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(rac.getPublicKey());
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).isTrue();

    JWEObject again = JWEObject.parse(body.get("sealedPrivateKey").asText());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> again.decrypt(new ECDHDecrypter((ECPrivateKey) TestSupport.p256().getPrivate())))
        .isInstanceOf(com.nimbusds.jose.JOSEException.class);

    AuditEntry last = server.audit().recent(1).get(0);
    assertThat(last.kind()).isEqualTo("CERTIFICATION");
    assertThat(last.outcome()).isEqualTo("OK");
    assertThat(last.login()).isEqualTo("alice");
    assertThat(last.detail()).contains(rac.getSerialNumber().toString(16));
  }

  @Test
  void temporaryRacLastsFifteenMinutesAndPassportIsRecorded() throws Exception {
    HttpResponse<String> r =
        TestSupport.post(
            client,
            TestSupport.uri(server, "/certification"),
            TestSupport.basic("alice", TestSupport.PASSWORD),
            TestSupport.toJson(new CertificationRequest(machineChain, true, "PASSPORT")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    X509Certificate rac = Pem.decodeChain(TestSupport.json(r).get("racChain").asText()).get(0);
    assertThat(rac.getNotAfter().toInstant())
        .isCloseTo(Instant.now().plus(Duration.ofMinutes(15)), within(1, ChronoUnit.MINUTES));
    assertThat(CertificateExtensions.utf8(rac, RmsOids.RAC_INFO)).hasValue("PASSPORT;TEMPORARY");
  }

  @Test
  void accountWithoutEmailIsAdEntryNotFound() {
    ServiceDiscoveryTest.assertProblem(
        certify("noemail", machineChain, false), 403, "AD_ENTRY_NOT_FOUND");
  }

  @Test
  void invalidDirectoryEmailIsInvalidEmail() {
    ServiceDiscoveryTest.assertProblem(
        certify("bademail", machineChain, false), 403, "INVALID_EMAIL");
  }

  @Test
  void unverifiedEmailIsEmailNotVerified() {
    ServiceDiscoveryTest.assertProblem(
        certify("unverified", machineChain, false), 403, "EMAIL_NOT_VERIFIED");
  }

  @Test
  void disabledAccountIsRequestDenied() {
    ServiceDiscoveryTest.assertProblem(
        certify("disabled", machineChain, false), 403, "REQUEST_DENIED");
    AuditEntry last = server.audit().recent(1).get(0);
    assertThat(last.login()).isEqualTo("disabled");
    assertThat(last.outcome()).isEqualTo("REQUEST_DENIED");
  }

  @Test
  void wrongPasswordIs401() {
    HttpResponse<String> r =
        TestSupport.certify(
            server, client, TestSupport.basic("alice", "nope"), machineChain, false);
    ServiceDiscoveryTest.assertProblem(r, 401, "AUTHENTICATION_FAILED");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"OpenRMS\"");
  }

  @Test
  void checksRunInTheDocumentedOrder() {
    // no e-mail wins over a bad chain; a bad chain only shows for a fully valid account
    ServiceDiscoveryTest.assertProblem(
        certify("noemail", "garbage", false), 403, "AD_ENTRY_NOT_FOUND");
    ServiceDiscoveryTest.assertProblem(
        certify("unverified", "garbage", false), 403, "EMAIL_NOT_VERIFIED");
    ServiceDiscoveryTest.assertProblem(
        certify("alice", "garbage", false), 409, "NEEDS_MACHINE_ACTIVATION");
  }

  @Test
  void chainFromAnotherRootNeedsMachineActivation() {
    try (RightsServer other = TestSupport.start(tmp.resolve("other"))) {
      TestSupport.addUser(other, "alice");
      String foreign =
          TestSupport.activate(other, TestSupport.client(other), "alice", TestSupport.p256());
      HttpResponse<String> r = certify("alice", foreign, false);
      ServiceDiscoveryTest.assertProblem(r, 409, "NEEDS_MACHINE_ACTIVATION");
      assertThat(TestSupport.json(r).get("detail").asText()).contains("not issued by this server");
    }
  }

  @Test
  void racChainIsNotAMachineChain() {
    String racChain =
        TestSupport.json(certify("alice", machineChain, true)).get("racChain").asText();
    ServiceDiscoveryTest.assertProblem(
        certify("alice", racChain, false), 409, "NEEDS_MACHINE_ACTIVATION");
  }

  @Test
  void expiredMachineCertificateNeedsMachineActivation() {
    TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.now());
    try (RightsServer timed = TestSupport.start(tmp.resolve("timed"), b -> b.clock(clock))) {
      TestSupport.addUser(timed, "alice");
      HttpClient c = TestSupport.client(timed);
      String chain = TestSupport.activate(timed, c, "alice", TestSupport.p256());
      String auth = TestSupport.basic("alice", TestSupport.PASSWORD);
      assertThat(TestSupport.certify(timed, c, auth, chain, false).statusCode()).isEqualTo(200);
      clock.advance(Duration.ofDays(366));
      HttpResponse<String> r = TestSupport.certify(timed, c, auth, chain, false);
      ServiceDiscoveryTest.assertProblem(r, 409, "NEEDS_MACHINE_ACTIVATION");
      assertThat(TestSupport.json(r).get("detail").asText()).contains("expired");
    }
  }

  @Test
  void unknownGroupIdTypeAndMalformedBodyAreBadRequests() {
    HttpResponse<String> r =
        TestSupport.post(
            client,
            TestSupport.uri(server, "/certification"),
            TestSupport.basic("alice", TestSupport.PASSWORD),
            TestSupport.toJson(new CertificationRequest(machineChain, false, "KERBEROS")));
    ServiceDiscoveryTest.assertProblem(r, 400, "BAD_REQUEST");
    HttpResponse<String> malformed =
        TestSupport.post(
            client,
            TestSupport.uri(server, "/certification"),
            TestSupport.basic("alice", TestSupport.PASSWORD),
            "{\"machineCertificateChain\": ");
    ServiceDiscoveryTest.assertProblem(malformed, 400, "BAD_REQUEST");
    assertThat(server.audit().recent(1).get(0).outcome()).isEqualTo("BAD_REQUEST");
  }
}
