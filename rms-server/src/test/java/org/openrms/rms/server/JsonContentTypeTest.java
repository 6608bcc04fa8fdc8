package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrms.core.wire.CertificationRequest;

/** POST bodies must be {@code application/json}; anything else is 415 after the body was read. */
class JsonContentTypeTest {
  @TempDir static Path tmp;
  static RightsServer server;
  static HttpClient client;

  @BeforeAll
  static void startServer() {
    server = TestSupport.start(tmp.resolve("data"));
    client = TestSupport.client(server);
    TestSupport.addUser(server, "alice");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static HttpResponse<String> post(
      String path, String auth, String body, String... contentTypes) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(TestSupport.uri(server, path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (String type : contentTypes) {
      b.header("Content-Type", type);
    }
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return TestSupport.send(client, b.build());
  }

  private static String alice() {
    return TestSupport.basic("alice", TestSupport.PASSWORD);
  }

  private static String activationBody() {
    return TestSupport.toJson(
        TestSupport.activationRequest(TestSupport.p256(), System.currentTimeMillis()));
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
      AuditEntry last = server.audit().recent(1).get(0);
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
    assertThat(server.audit().recent(1).get(0).login()).isNull();
  }

  @Test
  void theWrongMethodIsStill405() {
    HttpResponse<String> r =
        TestSupport.send(
            client,
            HttpRequest.newBuilder(server.baseUri())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());
    ServiceDiscoveryTest.assertProblem(r, 405, "BAD_REQUEST");
  }

  @Test
  void theBodyOfA415IsReadSoTheConnectionServesTheNextRequest() throws Exception {
    try (RightsServer plain = TestSupport.start(tmp.resolve("plain"), b -> b.plainHttp(true));
        Socket s = new Socket("127.0.0.1", plain.port())) {
      s.setSoTimeout(10_000);
      String body = "x".repeat(30_000);
      String req1 =
          "POST /rms/v1/certification HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n"
              + body;
      String req2 = "GET /rms/v1 HTTP/1.1\r\nHost: x\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write((req1 + req2).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      List<String> statusLines = new ArrayList<>();
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        statusLines.add(in.readLine());
        int length = 0;
        String line;
        while (!(line = in.readLine()).isEmpty()) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        char[] content = new char[length];
        int read = 0;
        while (read < length) {
          read += in.read(content, read, length - read);
        }
        bodies.add(new String(content));
      }
      assertThat(statusLines.get(0)).startsWith("HTTP/1.1 415");
      assertThat(bodies.get(0)).contains("\"BAD_REQUEST\"").contains("application/json");
      assertThat(statusLines.get(1)).startsWith("HTTP/1.1 200");
      assertThat(bodies.get(1)).contains("OpenRMS");
    }
  }

  private static void assert415(HttpResponse<String> r) {
    ServiceDiscoveryTest.assertProblem(r, 415, "BAD_REQUEST");
    assertThat(TestSupport.json(r).get("detail").asText()).contains("application/json");
  }
}
