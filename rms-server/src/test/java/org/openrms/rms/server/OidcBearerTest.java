package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.CertificateExtensions;
import org.openrms.core.Pem;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.RmsOids;
import org.openrms.testkit.FakeIdp;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect ID tokens as {@code Authorization: Bearer} on the wire: a good token certifies a
 * PASSPORT identity, every bad one is answered with its problem code and a Bearer challenge, the
 * server keeps serving, and no token (nor its signature) reaches a log line or the audit log.
 */
class OidcBearerTest {
  @TempDir static Path tmp;
  static FakeIdp idp;
  static RightsServer server;
  static HttpClient client;
  static String machineChain;
  static ListAppender<ILoggingEvent> logs;
  static Logger root;
  static Level rootLevel;

  @BeforeAll
  static void start() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO);
    logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    idp = FakeIdp.start();
    KeyStore trust = idp.tls.trustStore();
    server =
        TestSupport.start(
            tmp.resolve("data"),
            b ->
                b.oidc(
                    OidcConfig.builder()
                        .trustedIssuer(OidcIssuer.of(idp.issuerUri(), FakeIdp.CLIENT_ID))
                        .trustStore(trust)
                        .jwksRefreshInterval(Duration.ZERO)
                        .build()));
    client = TestSupport.client(server);
    TestSupport.addUser(server, "alice");
    machineChain = TestSupport.activate(server, client, "alice", TestSupport.p256());
  }

  @AfterAll
  static void stop() throws Exception {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    server.close();
    idp.close();
  }

  static HttpResponse<String> certify(String token, String groupIdType) {
    return TestSupport.post(
        client,
        TestSupport.uri(server, "/certification"),
        "Bearer " + token,
        TestSupport.toJson(new CertificationRequest(machineChain, false, groupIdType)));
  }

  @Test
  void badTokensAreRefusedAndNeverLogged() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    String good = idp.token("fox@example.com");
    String[] parts = good.split("\\.");
    List<String> bad = new ArrayList<>();
    bad.add(idp.token("fox@example.com", c -> c.issuer("https://127.0.0.1:1/other")));
    bad.add(
        idp.token(
            "fox@example.com",
            c ->
                c.issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plus(Duration.ofMinutes(5))))));
    bad.add(idp.token("fox@example.com", c -> c.audience("someone-else")));
    bad.add(
        parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA");
    bad.add(FakeIdp.sign(FakeIdp.newKey("unknown-kid"), idp.claims("fox@example.com", c -> {})));
    bad.add(parts[0] + "." + parts[1] + ".");
    bad.add("eyJhbGciOiJub25lIn0." + parts[1] + ".");
    bad.add("garbage");
    for (String token : bad) {
      HttpResponse<String> r = certify(token, "PASSPORT");
      ServiceDiscoveryTest.assertProblem(r, 401, "AUTHENTICATION_FAILED");
      assertThat(r.headers().allValues("WWW-Authenticate").toString()).contains("Bearer");
      assertThat(r.body()).doesNotContain(token);
    }
    String unverified = idp.token("fox@example.com", c -> c.claim("email_verified", false));
    ServiceDiscoveryTest.assertProblem(certify(unverified, "PASSPORT"), 403, "EMAIL_NOT_VERIFIED");
    bad.add(unverified);
    // a token proves PASSPORT, not WINDOWS_AUTH
    ServiceDiscoveryTest.assertProblem(certify(good, "WINDOWS_AUTH"), 403, "REQUEST_DENIED");

    // the server keeps serving: the good token, and Basic
    HttpResponse<String> ok = certify(good, "PASSPORT");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    X509Certificate rac = Pem.decodeChain(TestSupport.json(ok).get("racChain").asText()).get(0);
    assertThat(rac.getSubjectAlternativeNames()).containsExactly(List.of(1, "fox@example.com"));
    assertThat(CertificateExtensions.utf8(rac, RmsOids.RAC_INFO)).hasValue("PASSPORT;STANDARD");
    assertThat(
            TestSupport.certify(
                    server,
                    client,
                    TestSupport.basic("alice", TestSupport.PASSWORD),
                    machineChain,
                    false)
                .statusCode())
        .isEqualTo(200);

    bad.add(good);
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      lines.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    server.audit().recent(100).forEach(a -> lines.add(a.toString()));
    assertThat(lines).anyMatch(l -> l.contains("ID token rejected"));
    for (String token : bad) {
      String[] p = token.split("\\.");
      for (String line : lines) {
        assertThat(line).doesNotContain(token);
        if (p.length == 3 && p[2].length() > 10) {
          assertThat(line).doesNotContain(p[2]);
        }
        if (p.length > 1 && p[1].length() > 10) {
          assertThat(line).doesNotContain(p[1]);
        }
      }
    }
  }

  @Test
  void withoutCredentialsTheChallengeNamesBothSchemes() {
    HttpResponse<String> r =
        TestSupport.post(
            client,
            TestSupport.uri(server, "/certification"),
            null,
            TestSupport.toJson(new CertificationRequest(machineChain, false, "PASSPORT")));
    ServiceDiscoveryTest.assertProblem(r, 401, "AUTHENTICATION_FAILED");
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"OpenRMS\", Bearer realm=\"OpenRMS\"");
  }
}
