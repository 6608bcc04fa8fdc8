package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openrms.rms.server.TestSupport.alice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.Pem;
import org.openrms.core.wire.MachineActivationRequest;
import org.openrms.core.wire.RmsOids;

class MachineActivationTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestSupport.SharedServer shared = new TestSupport.SharedServer(() -> tmp, "alice");

  @BeforeAll
  static void addDisabledUser() {
    shared
        .server()
        .directory()
        .addUser(
            NewUser.builder("mallory")
                .password(TestSupport.PASSWORD.toCharArray())
                .enabled(false)
                .build());
  }

  private static HttpResponse<String> activate(String auth, Object body) {
    String json = body instanceof String ? (String) body : TestSupport.toJson(body);
    return shared.post("/activation", auth, json);
  }

  @Test
  void issuesAMachineCertificateSignedByTheRoot() throws Exception {
    KeyPair keys = TestSupport.p256();
    MachineActivationRequest req = TestSupport.activationRequest(keys, System.currentTimeMillis());
    HttpResponse<String> r = activate(alice(), req);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<X509Certificate> chain =
        Pem.decodeChain(TestSupport.json(r).get("certificateChain").asText());
    assertThat(chain).hasSize(2);
    assertThat(chain.get(1)).isEqualTo(shared.server().rootCertificate());
    X509Certificate machine = chain.get(0);
    machine.verify(shared.server().rootCertificate().getPublicKey());
    assertThat(machine.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(machine.getSubjectX500Principal().getName())
        .contains("CN=machine-" + req.fingerprint().substring(0, 16));
    assertThat(CertificateExtensions.utf8(machine, RmsOids.MACHINE_FINGERPRINT))
        .hasValue(req.fingerprint());
    assertThat(machine.getNonCriticalExtensionOIDs()).contains(RmsOids.MACHINE_FINGERPRINT);
    boolean[] ku = machine.getKeyUsage();
    assertThat(ku[0]).as("digitalSignature").isTrue();
    assertThat(ku[4]).as("keyAgreement").isTrue();
    assertThat(machine.getBasicConstraints()).isEqualTo(-1);
    Instant now = Instant.now();
    assertThat(machine.getNotBefore().toInstant())
        .isCloseTo(now.minus(Duration.ofMinutes(15)), within(1, ChronoUnit.MINUTES));
    assertThat(machine.getNotAfter().toInstant())
        .isCloseTo(now.plus(Duration.ofDays(365)), within(1, ChronoUnit.MINUTES));

    AuditEntry last = shared.server().audit().recent(1).get(0);
    assertThat(last.kind()).isEqualTo("ACTIVATION");
    assertThat(last.outcome()).isEqualTo("OK");
    assertThat(last.login()).isEqualTo("alice");
    assertThat(last.remoteAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void refusesAProofMadeWithAnotherKey() {
    KeyPair keys = TestSupport.p256();
    MachineActivationRequest good = TestSupport.activationRequest(keys, System.currentTimeMillis());
    MachineActivationRequest forged =
        new MachineActivationRequest(
            good.publicKey(),
            good.fingerprint(),
            good.hostName(),
            good.timestamp(),
            TestSupport.sign(TestSupport.p256(), good.signedBytes()));
    assertBadRequest(activate(alice(), forged), "proof");
  }

  @Test
  void refusesAProofOverOtherBytes() {
    KeyPair keys = TestSupport.p256();
    MachineActivationRequest good = TestSupport.activationRequest(keys, System.currentTimeMillis());
    MachineActivationRequest tampered =
        new MachineActivationRequest(
            good.publicKey(),
            TestSupport.fingerprint("another host"),
            good.hostName(),
            good.timestamp(),
            good.proof());
    assertBadRequest(activate(alice(), tampered), "proof");
    MachineActivationRequest garbage =
        new MachineActivationRequest(
            good.publicKey(), good.fingerprint(), good.hostName(), good.timestamp(), "!!notb64");
    assertBadRequest(activate(alice(), garbage), "proof");
  }

  @Test
  void refusesKeysThatAreNotP256() {
    KeyPair p384 = TestSupport.ecKey("secp384r1");
    assertBadRequest(
        activate(alice(), TestSupport.activationRequest(p384, System.currentTimeMillis())),
        "P-256");
    MachineActivationRequest good =
        TestSupport.activationRequest(TestSupport.p256(), System.currentTimeMillis());
    MachineActivationRequest junk =
        new MachineActivationRequest(
            Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}),
            good.fingerprint(),
            null,
            good.timestamp(),
            good.proof());
    assertBadRequest(activate(alice(), junk), "P-256");
  }

  @Test
  void refusesAMalformedFingerprint() {
    MachineActivationRequest good =
        TestSupport.activationRequest(TestSupport.p256(), System.currentTimeMillis());
    MachineActivationRequest upper =
        new MachineActivationRequest(
            good.publicKey(),
            good.fingerprint().toUpperCase(),
            null,
            good.timestamp(),
            good.proof());
    assertBadRequest(activate(alice(), upper), "fingerprint");
  }

  @Test
  void refusesStaleAndFutureTimestamps() {
    long now = System.currentTimeMillis();
    long twentyMinutes = Duration.ofMinutes(20).toMillis();
    KeyPair keys = TestSupport.p256();
    assertBadRequest(
        activate(alice(), TestSupport.activationRequest(keys, now - twentyMinutes)), "timestamp");
    assertBadRequest(
        activate(alice(), TestSupport.activationRequest(keys, now + twentyMinutes)), "timestamp");
    assertThat(
            activate(
                    alice(),
                    TestSupport.activationRequest(keys, now - Duration.ofMinutes(10).toMillis()))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesMalformedJsonAndMissingFields() {
    assertBadRequest(activate(alice(), "{not json"), "MachineActivationRequest");
    assertBadRequest(activate(alice(), "[]"), "MachineActivationRequest");
    assertBadRequest(activate(alice(), ""), "empty");
    ObjectNode missing =
        TestSupport.toTree(
            TestSupport.activationRequest(TestSupport.p256(), System.currentTimeMillis()));
    missing.remove("proof");
    assertBadRequest(activate(alice(), missing.toString()), "proof");
  }

  @Test
  void disabledAccountIsDenied() {
    HttpResponse<String> r =
        activate(
            TestSupport.basic("mallory", TestSupport.PASSWORD),
            TestSupport.activationRequest(TestSupport.p256(), System.currentTimeMillis()));
    ServiceDiscoveryTest.assertProblem(r, 403, "REQUEST_DENIED");
    AuditEntry last = shared.server().audit().recent(1).get(0);
    assertThat(last.login()).isEqualTo("mallory");
    assertThat(last.outcome()).isEqualTo("REQUEST_DENIED");
  }

  @Test
  void wrongPasswordUnknownUserAndNoCredentialsAre401WithAChallenge() {
    MachineActivationRequest req =
        TestSupport.activationRequest(TestSupport.p256(), System.currentTimeMillis());
    List<String> auths =
        java.util.Arrays.asList(
            TestSupport.basic("alice", "wrong"),
            TestSupport.basic("nobody", TestSupport.PASSWORD),
            null,
            "Bearer abc",
            "Basic %%%",
            "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()));
    for (String auth : auths) {
      HttpResponse<String> r = activate(auth, req);
      ServiceDiscoveryTest.assertProblem(r, 401, "AUTHENTICATION_FAILED");
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"OpenRMS\"");
      AuditEntry last = shared.server().audit().recent(1).get(0);
      assertThat(last.outcome()).isEqualTo("AUTHENTICATION_FAILED");
      assertThat(last.login()).isNull();
      assertThat(last.kind()).isEqualTo("ACTIVATION");
    }
  }

  @Test
  void oversizedBodyIs413() {
    String big = "{\"publicKey\":\"" + "A".repeat(100 * 1024) + "\"}";
    HttpResponse<String> r = activate(alice(), big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(TestSupport.json(r).get("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(shared.server().audit().recent(1).get(0).outcome()).isEqualTo("BAD_REQUEST");
    assertThat(TestSupport.get(shared.client(), shared.server().baseUri()).statusCode())
        .isEqualTo(200);
  }

  private static void assertBadRequest(HttpResponse<String> r, String detailPart) {
    ServiceDiscoveryTest.assertProblem(r, 400, "BAD_REQUEST");
    assertThat(TestSupport.json(r).get("detail").asText()).contains(detailPart);
  }
}
