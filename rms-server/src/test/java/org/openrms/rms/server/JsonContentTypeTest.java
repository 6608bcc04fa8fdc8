package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrms.rms.server.TestSupport.activationBody;
import static org.openrms.rms.server.TestSupport.alice;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrms.core.wire.CertificationRequest;

/** POST bodies must be {@code application/json}; anything else is 415 after the body was read. */
class JsonContentTypeTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestSupport.SharedServer shared = new TestSupport.SharedServer(() -> tmp, "alice");

  private static HttpResponse<String> post(
      String path, String auth, String body, String... contentTypes) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(TestSupport.uri(shared.server(), path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (String type : contentTypes) {
      b.header("Content-Type", type);
    }
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return TestSupport.send(shared.client(), b.build());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "APPLICATION/Json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
      })
  void jsonWithOrWithoutAUtf8CharsetIsServed(String type) {
    HttpResponse<String> r = post("/activation", alice(), activationBody(), type);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/problem+json",
        "application/json; charset=iso-8859-1",
        "application/json; version=2",
      })
  void anyOtherTypeIs415OnBothEndpointsAndIsAudited(String type) {
    String body = activationBody();
    for (String path : List.of("/activation", "/certification")) {
      HttpResponse<String> r = post(path, alice(), body, type);
      assert415(r);
      AuditEntry last = shared.server().audit().recent(1).get(0);
      assertThat(last.kind())
          .isEqualTo(path.equals("/activation") ? "ACTIVATION" : "CERTIFICATION");
      assertThat(last.outcome()).isEqualTo("BAD_REQUEST");
      assertThat(last.detail()).contains("application/json");
    }
  }

  @Test
  void missingAndDuplicatedContentTypesAre415() {
    String body = TestSupport.toJson(new CertificationRequest("garbage", false, "WINDOWS_AUTH"));
    assert415(post("/certification", alice(), body));
    assert415(post("/certification", alice(), body, "application/json", "application/json"));
    // the same body with the right type gets as far as the machine chain check
    ServiceDiscoveryTest.assertProblem(
        post("/certification", alice(), body, "application/json"), 409, "NEEDS_MACHINE_ACTIVATION");
  }

  @Test
  void theTypeIsCheckedBeforeTheCredentials() {
    HttpResponse<String> r =
        post("/activation", TestSupport.basic("alice", "wrong"), "{}", "text/plain");
    assert415(r);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(shared.server().audit().recent(1).get(0).login()).isNull();
  }

  @Test
  void theWrongMethodIsStill405() {
    HttpResponse<String> r =
        TestSupport.send(
            shared.client(),
            HttpRequest.newBuilder(shared.server().baseUri())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
    ServiceDiscoveryTest.assertProblem(r, 405, "BAD_REQUEST");
  }

  @Test
  void theBodyOfA415IsReadSoTheConnectionServesTheNextRequest() throws Exception {
    try (RightsServer plain = TestSupport.start(tmp.resolve("plain"), b -> b.plainHttp(true))) {
      String body = "x".repeat(30_000);
      List<TestSupport.RawAnswer> answers =
          TestSupport.exchange(
              plain,
              TestSupport.rawPost("/certification", "text/plain", body) + TestSupport.RAW_GET_ROOT,
              2);
      assertThat(answers.get(0).statusLine()).startsWith("HTTP/1.1 415");
      assertThat(answers.get(0).body()).contains("\"BAD_REQUEST\"").contains("application/json");
      assertThat(answers.get(1).statusLine()).startsWith("HTTP/1.1 200");
      assertThat(answers.get(1).body()).contains("OpenRMS");
    }
  }

  private static void assert415(HttpResponse<String> r) {
    ServiceDiscoveryTest.assertProblem(r, 415, "BAD_REQUEST");
    assertThat(TestSupport.json(r).get("detail").asText()).contains("application/json");
  }
}
