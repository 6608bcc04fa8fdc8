package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.Pem;

class ServiceDiscoveryTest {
  @TempDir static Path tmp;
  static RightsServer server;
  static HttpClient client;

  @BeforeAll
  static void startServer() {
    server = TestSupport.start(tmp.resolve("data"));
    client = TestSupport.client(server);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void serviceRootDescribesTheServer() {
    HttpResponse<String> r = TestSupport.get(client, server.baseUri());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode info = TestSupport.json(r);
    assertThat(info.get("product").asText()).isEqualTo("OpenRMS");
    assertThat(info.get("apiVersion").asInt()).isEqualTo(1);
    assertThat(info.get("serverId").asText()).isEqualTo(server.serverId());
    assertThat(TestSupport.get(client, URI.create(server.baseUri() + "/")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void serviceLocationsAreAbsoluteUrlsOfThisServer() {
    HttpResponse<String> r = TestSupport.get(client, TestSupport.uri(server, "/service-locations"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode loc = TestSupport.json(r);
    assertThat(loc.get("activation").asText()).isEqualTo(server.baseUri() + "/activation");
    assertThat(loc.get("certification").asText()).isEqualTo(server.baseUri() + "/certification");
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
    HttpResponse<String> r = TestSupport.get(client, TestSupport.uri(server, "/root-ca.pem"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Pem.decodeChain(r.body())).containsExactly(server.rootCertificate());
    assertThat(r.body()).isEqualTo(Files.readString(server.rootCertificateFile()));
  }

  @Test
  void unknownPathsAreProblemJson404() {
    for (String path : new String[] {"/nope", "/activation/extra"}) {
      HttpResponse<String> r = TestSupport.get(client, TestSupport.uri(server, path));
      assertProblem(r, 404, "NOT_FOUND");
    }
    HttpResponse<String> outside =
        TestSupport.get(client, URI.create("https://127.0.0.1:" + server.port() + "/other"));
    assertProblem(outside, 404, "NOT_FOUND");
  }

  @Test
  void wrongMethodIsProblemJson405WithAllow() {
    HttpResponse<String> r = TestSupport.get(client, TestSupport.uri(server, "/activation"));
    assertProblem(r, 405, "BAD_REQUEST");
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> post =
        TestSupport.send(
            client,
            HttpRequest.newBuilder(server.baseUri())
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertProblem(post, 405, "BAD_REQUEST");
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void keepsTheConnectionAcrossErrorAnswers() {
    for (int i = 0; i < 5; i++) {
      assertThat(
              TestSupport.post(client, TestSupport.uri(server, "/activation"), null, "{}")
                  .statusCode())
          .isEqualTo(401);
      assertThat(TestSupport.get(client, server.baseUri()).statusCode()).isEqualTo(200);
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
