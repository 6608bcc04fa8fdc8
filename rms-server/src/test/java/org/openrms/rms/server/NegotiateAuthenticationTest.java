package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.auth.Kerberos;
import org.openrms.auth.KerberosCredentials;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.Spnego;
import org.openrms.core.Pem;

/**
 * {@code Authorization: Negotiate} against a Kerby KDC: SPNEGO and raw Kerberos tokens, the
 * principal mapped through the built-in directory (whole principal as login, or its user part in
 * the service's realm), the AP-REP returned for mutual authentication, and the failures (wrong
 * service principal, expired or replayed ticket, garbage, no directory entry, plain HTTP), after
 * which the server keeps serving.
 */
class NegotiateAuthenticationTest {
  @TempDir static Path tmp;
  static TestKdc kdc;
  static RightsServer server;
  static HttpClient client;
  static KerberosCredentials alice;
  static String machineChain;

  @BeforeAll
  static void start() {
    kdc = TestKdc.get();
    server = TestSupport.start(tmp.resolve("data"), b -> b.kerberos(TestKdc.HTTP, kdc.httpKeytab));
    server.directory().addUser(user(TestKdc.ALICE).email("alice.kerberos@example.com").build());
    server.directory().addUser(user("carol").email("carol@example.com").build());
    client = TestSupport.client(server.rootCertificate());
    alice = KerberosCredentials.password(TestKdc.ALICE, TestKdc.USER_PASSWORD.toCharArray());
    HttpResponse<String> m =
        TestSupport.post(
            client,
            TestSupport.uri(server, "/activation"),
            negotiate(alice, TestKdc.HTTP),
            TestSupport.activationBody());
    assertThat(m.statusCode()).as(m.body()).isEqualTo(200);
    machineChain = TestSupport.json(m).get("certificateChain").asText();
  }

  @AfterAll
  static void stop() {
    alice.close();
    server.close();
  }

  private static NewUser.Builder user(String login) {
    return NewUser.builder(login).password(TestSupport.PASSWORD.toCharArray()).verified(true);
  }

  /** The header of a fresh SPNEGO/Kerberos context (the context itself is dropped). */
  static String negotiate(KerberosCredentials who, String spn) {
    try (SecurityContext ctx = Spnego.initiator(Kerberos.initiator(who, spn))) {
      return "Negotiate " + Base64.getEncoder().encodeToString(ctx.step(null));
    }
  }

  private static HttpResponse<String> certify(String authorization) {
    return TestSupport.certify(server, client, authorization, machineChain, false);
  }

  private static String racEmail(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    X509Certificate rac = Pem.decodeChain(TestSupport.json(r).get("racChain").asText()).get(0);
    return (String) rac.getSubjectAlternativeNames().iterator().next().get(1);
  }

  @Test
  void spnegoCertifiesTheDirectoryEmailAndAuthenticatesTheServer() throws Exception {
    try (SecurityContext ctx = Spnego.initiator(Kerberos.initiator(alice, TestKdc.HTTP))) {
      String header = "Negotiate " + Base64.getEncoder().encodeToString(ctx.step(null));
      HttpResponse<String> r = certify(header);
      assertThat(racEmail(r)).isEqualTo("alice.kerberos@example.com");
      String mutual = r.headers().firstValue("WWW-Authenticate").orElseThrow();
      assertThat(mutual).startsWith("Negotiate ");
      assertThat(ctx.step(Base64.getDecoder().decode(mutual.substring(10)))).isNull();
      assertThat(ctx.isEstablished()).isTrue();
    }
    assertThat(server.audit().recent(1).get(0).login()).isEqualTo(TestKdc.ALICE);
  }

  @Test
  void rawKerberosIsAcceptedAndAnsweredRaw() throws Exception {
    try (SecurityContext ctx = Kerberos.initiator(alice, TestKdc.HTTP)) {
      HttpResponse<String> r =
          certify("Negotiate " + Base64.getEncoder().encodeToString(ctx.step(null)));
      assertThat(racEmail(r)).isEqualTo("alice.kerberos@example.com");
      String mutual = r.headers().firstValue("WWW-Authenticate").orElseThrow();
      ctx.step(Base64.getDecoder().decode(mutual.substring(10)));
      assertThat(ctx.isEstablished()).isTrue();
    }
  }

  @Test
  void theUserPartOfAPrincipalOfTheServiceRealmIsTheBuiltInLogin() throws Exception {
    try (KerberosCredentials carol = login(TestKdc.CAROL)) {
      assertThat(racEmail(certify(negotiate(carol, TestKdc.HTTP)))).isEqualTo("carol@example.com");
    }
  }

  @Test
  void aPrincipalWithoutEntryIsAdEntryNotFound() {
    try (KerberosCredentials nobody = login(TestKdc.NOBODY)) {
      HttpResponse<String> r = certify(negotiate(nobody, TestKdc.HTTP));
      assertProblem(r, 403, "AD_ENTRY_NOT_FOUND");
    }
    stillServes();
  }

  @Test
  void aTicketForAnotherServiceIsRefused() {
    HttpResponse<String> r = certify(negotiate(alice, TestKdc.OTHER));
    assertProblem(r, 401, "AUTHENTICATION_FAILED");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue("Negotiate, Basic realm=\"OpenRMS\"");
    stillServes();
  }

  @Test
  void anExpiredTicketIsRefused() throws Exception {
    String header =
        kdc.shortTickets(
            1,
            () -> {
              try (KerberosCredentials shortLived = login(TestKdc.ALICE)) {
                return negotiate(shortLived, TestKdc.HTTP);
              }
            });
    Thread.sleep((1 + TestKdc.CLOCK_SKEW_S) * 1000L + 1500);
    assertProblem(certify(header), 401, "AUTHENTICATION_FAILED");
    stillServes();
  }

  @Test
  void aReplayedTicketIsRefused() {
    String header = negotiate(alice, TestKdc.HTTP);
    assertThat(certify(header).statusCode()).isEqualTo(200);
    assertProblem(certify(header), 401, "AUTHENTICATION_FAILED");
  }

  @Test
  void garbageIsRefused() {
    for (String h :
        List.of(
            "Negotiate",
            "Negotiate !!!",
            "Negotiate AAAA",
            "Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==")) {
      assertProblem(certify(h), 401, "AUTHENTICATION_FAILED");
    }
    stillServes();
  }

  @Test
  void negotiateOverPlainHttpIsRefused() {
    try (RightsServer plain =
        TestSupport.start(
            tmp.resolve("plain"),
            b ->
                b.plainHttp(true)
                    .allowBasicOverHttp(true)
                    .kerberos(TestKdc.HTTP, kdc.httpKeytab))) {
      HttpResponse<String> r =
          TestSupport.post(
              HttpClient.newHttpClient(),
              TestSupport.uri(plain, "/activation"),
              negotiate(alice, TestKdc.HTTP),
              TestSupport.activationBody());
      assertProblem(r, 403, "REQUEST_DENIED");
    }
  }

  private static KerberosCredentials login(String principal) {
    return KerberosCredentials.password(principal, TestKdc.USER_PASSWORD.toCharArray());
  }

  private static void stillServes() {
    assertThat(certify(negotiate(alice, TestKdc.HTTP)).statusCode()).isEqualTo(200);
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode problem = TestSupport.json(r);
    assertThat(problem.get("code").asText()).isEqualTo(code);
  }
}
