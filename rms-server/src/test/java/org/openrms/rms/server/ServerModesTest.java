package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerModesTest {
  @TempDir Path tmp;

  @Test
  void decommissionedServerAnswers410Everywhere() {
    try (RightsServer server =
        TestSupport.start(tmp.resolve("data"), b -> b.decommissioned(true))) {
      HttpClient client = TestSupport.client(server);
      for (String path : List.of("", "/service-locations", "/root-ca.pem", "/anything")) {
        ServiceDiscoveryTest.assertProblem(
            TestSupport.get(client, TestSupport.uri(server, path)), 410, "SERVICE_GONE");
      }
      ServiceDiscoveryTest.assertProblem(
          TestSupport.post(client, TestSupport.uri(server, "/certification"), null, "{}"),
          410,
          "SERVICE_GONE");
      assertThat(server.audit().recent(1).get(0).outcome()).isEqualTo("SERVICE_GONE");
    }
  }

  @Test
  void movedServerRedirectsWith308ToTheSamePathUnderTheNewBase() {
    URI target = URI.create("https://rms.example.net:9443/rms/v1");
    try (RightsServer server = TestSupport.start(tmp.resolve("data"), b -> b.movedTo(target))) {
      HttpClient client = TestSupport.client(server);
      HttpResponse<String> root = TestSupport.get(client, server.baseUri());
      assertThat(root.statusCode()).isEqualTo(308);
      assertThat(root.headers().firstValue("Location")).hasValue(target.toString());
      HttpResponse<String> cert =
          TestSupport.post(client, TestSupport.uri(server, "/certification"), null, "{}");
      assertThat(cert.statusCode()).isEqualTo(308);
      assertThat(cert.headers().firstValue("Location")).hasValue(target + "/certification");
      HttpResponse<String> query =
          TestSupport.get(client, TestSupport.uri(server, "/service-locations?x=1"));
      assertThat(query.headers().firstValue("Location"))
          .hasValue(target + "/service-locations?x=1");
      AuditEntry last = server.audit().recent(1).get(0);
      assertThat(last.outcome()).isEqualTo("MOVED");
    }
  }

  @Test
  void plainHttpRefusesBasicAuthentication() {
    try (RightsServer server = TestSupport.start(tmp.resolve("data"), b -> b.plainHttp(true))) {
      TestSupport.addUser(server, "alice");
      assertThat(server.baseUri().getScheme()).isEqualTo("http");
      HttpClient client = HttpClient.newHttpClient();
      assertThat(TestSupport.get(client, server.baseUri()).statusCode()).isEqualTo(200);
      HttpResponse<String> r =
          TestSupport.post(
              client,
              TestSupport.uri(server, "/activation"),
              TestSupport.alice(),
              TestSupport.activationBody());
      ServiceDiscoveryTest.assertProblem(r, 403, "REQUEST_DENIED");
      assertThat(TestSupport.json(r).get("detail").asText())
          .isEqualTo("Basic authentication over plain HTTP is refused");
    }
  }

  @Test
  void plainHttpAcceptsBasicWhenExplicitlyAllowed() {
    try (RightsServer server =
        TestSupport.start(tmp.resolve("data"), b -> b.plainHttp(true).allowBasicOverHttp(true))) {
      TestSupport.addUser(server, "alice");
      HttpClient client = HttpClient.newHttpClient();
      String chain = TestSupport.activate(server, client, "alice", TestSupport.p256());
      HttpResponse<String> r =
          TestSupport.certify(server, client, TestSupport.alice(), chain, false);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  @Test
  void databaseFailureIs500WithoutInternalsAndTheServiceRootStillAnswers() throws Exception {
    try (RightsServer server = TestSupport.start(tmp.resolve("data"))) {
      TestSupport.addUser(server, "alice");
      HttpClient client = TestSupport.client(server);
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
      // H2 would reopen the file database on the pool's next connection: hold it in exclusive
      // mode so the database stays unusable for the server while we look.
      try (Connection hold = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
          Statement s = hold.createStatement()) {
        s.execute("SET EXCLUSIVE 1");
        HttpResponse<String> r =
            TestSupport.post(
                client,
                TestSupport.uri(server, "/activation"),
                TestSupport.alice(),
                TestSupport.activationBody());
        ServiceDiscoveryTest.assertProblem(r, 500, "SERVER_ERROR");
        assertThat(TestSupport.json(r).get("detail").asText())
            .isEqualTo("the server could not complete the request");
        assertThat(r.body())
            .doesNotContainIgnoringCase("h2")
            .doesNotContain("SQL")
            .doesNotContain("Exception")
            .doesNotContain("jdbc");
        assertThat(TestSupport.get(client, server.baseUri()).statusCode()).isEqualTo(200);
        s.execute("SET EXCLUSIVE 0");
      }
    }
  }
}
