package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.Pem;

class ServiceDiscoveryTest {
  @TempDir static Path tmp;

  @RegisterExtension
  static final TestSupport.SharedServer shared = new TestSupport.SharedServer(() -> tmp);

  @Test
  void serviceRootDescribesTheServer() {
    HttpResponse<String> r = shared.get("");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode info = TestSupport.json(r);
    assertThat(info.get("product").asText()).isEqualTo("OpenRMS");
    assertThat(info.get("apiVersion").asInt()).isEqualTo(1);
    assertThat(info.get("serverId").asText()).isEqualTo(shared.server().serverId());
    assertThat(shared.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void serviceLocationsAreAbsoluteUrlsOfThisServer() {
    HttpResponse<String> r = shared.get("/service-locations");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode loc = TestSupport.json(r);
    assertThat(loc.get("activation").asText()).isEqualTo(shared.server().baseUri() + "/activation");
    assertThat(loc.get("certification").asText())
        .isEqualTo(shared.server().baseUri() + "/certification");
    assertThat(loc.get("publishing").isNull()).isTrue();
    assertThat(loc.get("clientLicensor").isNull()).isTrue();
  }

  @Test
  void serviceLocationsUseThePublicBaseUriWhenSet() throws Exception {
    try (RightsServer other =
        TestSupport.start(
            tmp.resolve("public"),
            b -> b.publicBaseUri(URI.create("https://rms.example.com:8443/rms/v1/")))) {
      JsonNode loc =
          TestSupport.json(
              TestSupport.get(
                  TestSupport.client(other), TestSupport.uri(other, "/service-locations")));
      assertThat(loc.get("activation").asText())
          .isEqualTo("https://rms.example.com:8443/rms/v1/activation");
      assertThat(loc.get("certification").asText())
          .isEqualTo("https://rms.example.com:8443/rms/v1/certification");
    }
  }

  @Test
  void rootCertificateIsServedAsPem() throws Exception {
    HttpResponse<String> r = shared.get("/root-ca.pem");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Pem.decodeChain(r.body())).containsExactly(shared.server().rootCertificate());
    assertThat(r.body()).isEqualTo(Files.readString(shared.server().rootCertificateFile()));
  }

  @Test
  void unknownPathsAreProblemJson404() {
    for (String path : new String[] {"/nope", "/activation/extra"}) {
      HttpResponse<String> r = shared.get(path);
      assertProblem(r, 404, "NOT_FOUND");
    }
    HttpResponse<String> outside =
        TestSupport.get(
            shared.client(), URI.create("https://127.0.0.1:" + shared.server().port() + "/other"));
    assertProblem(outside, 404, "NOT_FOUND");
  }

  @Test
  void wrongMethodIsProblemJson405WithAllow() {
    HttpResponse<String> r = shared.get("/activation");
    assertProblem(r, 405, "BAD_REQUEST");
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> post =
        TestSupport.send(
            shared.client(),
            HttpRequest.newBuilder(shared.server().baseUri())
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertProblem(post, 405, "BAD_REQUEST");
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void keepsTheConnectionAcrossErrorAnswers() {
    for (int i = 0; i < 5; i++) {
      assertThat(shared.post("/activation", null, "{}").statusCode()).isEqualTo(401);
      assertThat(shared.get("").statusCode()).isEqualTo(200);
    }
  }

  static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = TestSupport.json(r);
    assertThat(p.get("code").asText()).isEqualTo(code);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("type").asText()).isEqualTo("urn:openrms:problem:" + code.toLowerCase());
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
  }
}
