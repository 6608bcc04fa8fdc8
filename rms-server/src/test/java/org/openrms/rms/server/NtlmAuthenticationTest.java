package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.Spnego;
import org.openrms.core.Pem;
import org.openrms.core.wire.CertificationRequest;

/**
 * {@code Authorization: Negotiate} with NTLM for built-in accounts that opted in: two rounds on one
 * kept-alive HTTPS connection (NEGOTIATE answered 401 with the CHALLENGE, then AUTHENTICATE with
 * the certification request), raw or in SPNEGO, with channel bindings of the server certificate;
 * wrong password, an account without NT hash, a replay on another connection are 401, a disabled
 * account 403, and the server keeps serving.
 */
class NtlmAuthenticationTest {
  @TempDir static Path tmp;
  static RightsServer server;
  static HttpClient basicClient;
  static String machineChain;
  static X509Certificate tlsCertificate;

  @BeforeAll
  static void start() throws Exception {
    server = TestSupport.start(tmp.resolve("data"), b -> b.ntlm(true));
    server.directory().addUser(user("alice").email("alice.ntlm@example.com").ntlm(true).build());
    server.directory().addUser(user("bob").email("bob@example.com").build());
    server
        .directory()
        .addUser(user("dave").email("dave@example.com").ntlm(true).enabled(false).build());
    basicClient = TestSupport.client(server.rootCertificate());
    machineChain = TestSupport.activate(server, basicClient, "bob", TestSupport.p256());
    HttpResponse<String> r = TestSupport.get(basicClient, TestSupport.uri(server, ""));
    tlsCertificate = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static NewUser.Builder user(String login) {
    return NewUser.builder(login).password(TestSupport.PASSWORD.toCharArray()).verified(true);
  }

  private static SecurityContext initiator(String login, String password) {
    try (NtlmCredentials c = NtlmCredentials.parse(login, password.toCharArray())) {
      return Ntlm.initiator(c, NtlmOptions.builder().tlsServerCertificate(tlsCertificate).build());
    }
  }

  private static HttpResponse<String> certify(HttpClient client, String authorization) {
    String body = TestSupport.toJson(new CertificationRequest(machineChain, false, "WINDOWS_AUTH"));
    HttpRequest request =
        HttpRequest.newBuilder(TestSupport.uri(server, "/certification"))
            .version(HttpClient.Version.HTTP_1_1)
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return TestSupport.send(client, request);
  }

  private static String negotiate(byte[] token) {
    return "Negotiate " + Base64.getEncoder().encodeToString(token);
  }

  /** The two rounds on one connection; returns the answer to the AUTHENTICATE round. */
  private static HttpResponse<String> exchange(SecurityContext ctx, byte[][] authenticateOut) {
    HttpClient client = TestSupport.client(server.rootCertificate());
    HttpResponse<String> first = certify(client, negotiate(ctx.step(null)));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(401);
    String challenge = first.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(challenge).startsWith("Negotiate ");
    byte[] authenticate = ctx.step(Base64.getDecoder().decode(challenge.substring(10)));
    if (authenticateOut != null) {
      authenticateOut[0] = authenticate;
    }
    return certify(client, negotiate(authenticate));
  }

  private static String racEmail(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    X509Certificate rac = Pem.decodeChain(TestSupport.json(r).get("racChain").asText()).get(0);
    return (String) rac.getSubjectAlternativeNames().iterator().next().get(1);
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(TestSupport.json(r).get("code").asText()).isEqualTo(code);
  }

  private static void stillServes() throws Exception {
    try (SecurityContext ctx = initiator("alice", TestSupport.PASSWORD)) {
      assertThat(racEmail(exchange(ctx, null))).isEqualTo("alice.ntlm@example.com");
    }
  }

  @Test
  void rawNtlmCertifiesTheDirectoryEmail() throws Exception {
    try (SecurityContext ctx = initiator("alice", TestSupport.PASSWORD)) {
      assertThat(racEmail(exchange(ctx, null))).isEqualTo("alice.ntlm@example.com");
    }
    assertThat(server.audit().recent(1).get(0).login()).isEqualTo("alice");
  }

  @Test
  void spnegoWrappedNtlmAndDomainFormsAreAccepted() throws Exception {
    try (SecurityContext ctx = Spnego.initiator(initiator(".\\ALICE", TestSupport.PASSWORD))) {
      assertThat(racEmail(exchange(ctx, null))).isEqualTo("alice.ntlm@example.com");
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    try (SecurityContext ctx = initiator("alice", "wrong")) {
      assertProblem(exchange(ctx, null), 401, "AUTHENTICATION_FAILED");
    }
    stillServes();
  }

  @Test
  void anAccountWithoutNtlmIsRefused() throws Exception {
    try (SecurityContext ctx = initiator("bob", TestSupport.PASSWORD)) {
      assertProblem(exchange(ctx, null), 401, "AUTHENTICATION_FAILED");
    }
    stillServes();
  }

  @Test
  void aDisabledAccountIsDenied() throws Exception {
    try (SecurityContext ctx = initiator("dave", TestSupport.PASSWORD)) {
      assertProblem(exchange(ctx, null), 403, "REQUEST_DENIED");
    }
    assertThat(server.audit().recent(1).get(0).login()).isEqualTo("dave");
    stillServes();
  }

  @Test
  void aReplayedAuthenticateOnAnotherConnectionIsRefused() throws Exception {
    byte[][] authenticate = new byte[1][];
    try (SecurityContext ctx = initiator("alice", TestSupport.PASSWORD)) {
      assertThat(exchange(ctx, authenticate).statusCode()).isEqualTo(200);
    }
    HttpClient other = TestSupport.client(server.rootCertificate());
    assertProblem(certify(other, negotiate(authenticate[0])), 401, "AUTHENTICATION_FAILED");
    stillServes();
  }

  @Test
  void channelBindingsOfAnotherCertificateAreRefused() throws Exception {
    try (NtlmCredentials c = NtlmCredentials.parse("alice", TestSupport.PASSWORD.toCharArray());
        SecurityContext ctx =
            Ntlm.initiator(
                c, NtlmOptions.builder().tlsServerCertificate(server.rootCertificate()).build())) {
      assertProblem(exchange(ctx, null), 401, "AUTHENTICATION_FAILED");
    }
    stillServes();
  }

  @Test
  void aFresh401OffersNegotiate() {
    HttpResponse<String> r = TestSupport.certify(server, basicClient, null, machineChain, false);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue("Negotiate, Basic realm=\"OpenRMS\"");
  }
}
