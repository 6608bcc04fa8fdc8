package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrms.rms.server.TestSupport.activationBody;
import static org.openrms.rms.server.TestSupport.alice;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.MachineActivationRequest;

/**
 * Bad input changes nothing: after every rejected activation or certification the {@code users},
 * {@code machines} and {@code issued_certificates} tables hold exactly the rows they held before,
 * and the audit log gained exactly one row with the outcome of the rejection.
 */
class RejectedRequestsChangeNothingTest {
  private static final List<String> GUARDED = List.of("users", "machines", "issued_certificates");

  @TempDir static Path tmp;
  static RightsServer server;
  static HttpClient client;
  static String machineChain;
  static String foreignChain;

  @BeforeAll
  static void startServer() {
    try (RightsServer other = TestSupport.start(tmp.resolve("other"))) {
      TestSupport.addUser(other, "alice");
      foreignChain =
          TestSupport.activate(other, TestSupport.client(other), "alice", TestSupport.p256());
    }
    server = TestSupport.start(tmp.resolve("data"));
    client = TestSupport.client(server);
    TestSupport.addUser(server, "alice");
    UserDirectory dir = server.directory();
    dir.addUser(user("disabled").email("disabled@example.com").enabled(false).build());
    dir.addUser(user("noemail").build());
    dir.addUser(user("bademail").email("not-an-address").allowInvalidEmail(true).build());
    dir.addUser(user("unverified").email("unverified@example.com").verified(false).build());
    machineChain = TestSupport.activate(server, client, "alice", TestSupport.p256());
  }

  private static NewUser.Builder user(String login) {
    return NewUser.builder(login).password(TestSupport.PASSWORD.toCharArray()).verified(true);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** One rejected request: what to send and what the answer and the audit row must say. */
  record Case(
      String name,
      String kind,
      Supplier<HttpResponse<String>> send,
      int status,
      String outcome,
      String login) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> rejectedRequests() {
    return Stream.of(
        activation("bad proof", "alice", TestSupport.toJson(forgedProof()), 400, "BAD_REQUEST"),
        activation(
            "bad key (P-384)",
            "alice",
            TestSupport.toJson(
                TestSupport.activationRequest(
                    TestSupport.ecKey("secp384r1"), System.currentTimeMillis())),
            400,
            "BAD_REQUEST"),
        activation(
            "stale timestamp",
            "alice",
            TestSupport.toJson(
                TestSupport.activationRequest(
                    TestSupport.p256(), System.currentTimeMillis() - 3_600_000)),
            400,
            "BAD_REQUEST"),
        new Case(
            "activation, wrong password",
            "ACTIVATION",
            () ->
                post(
                    "/activation",
                    TestSupport.basic("alice", "wrong"),
                    "application/json",
                    activationBody()),
            401,
            "AUTHENTICATION_FAILED",
            null),
        activation("activation, disabled", "disabled", activationBody(), 403, "REQUEST_DENIED"),
        activation("activation, malformed JSON", "alice", "{\"publicKey\": ", 400, "BAD_REQUEST"),
        new Case(
            "activation, wrong content type",
            "ACTIVATION",
            () -> post("/activation", alice(), "text/plain", activationBody()),
            415,
            "BAD_REQUEST",
            null),
        new Case(
            "activation, oversized body",
            "ACTIVATION",
            () -> post("/activation", alice(), "application/json", oversized()),
            413,
            "BAD_REQUEST",
            null),
        new Case(
            "certification, wrong password",
            "CERTIFICATION",
            () ->
                post(
                    "/certification",
                    TestSupport.basic("alice", "wrong"),
                    "application/json",
                    certificationBody(machineChain)),
            401,
            "AUTHENTICATION_FAILED",
            null),
        certification(
            "certification, disabled", "disabled", () -> machineChain, 403, "REQUEST_DENIED"),
        certification("no e-mail", "noemail", () -> machineChain, 403, "AD_ENTRY_NOT_FOUND"),
        certification("invalid e-mail", "bademail", () -> machineChain, 403, "INVALID_EMAIL"),
        certification("unverified", "unverified", () -> machineChain, 403, "EMAIL_NOT_VERIFIED"),
        certification(
            "foreign chain", "alice", () -> foreignChain, 409, "NEEDS_MACHINE_ACTIVATION"),
        new Case(
            "unknown groupIdType",
            "CERTIFICATION",
            () ->
                post(
                    "/certification",
                    alice(),
                    "application/json",
                    TestSupport.toJson(new CertificationRequest(machineChain, false, "KERBEROS"))),
            400,
            "BAD_REQUEST",
            "alice"),
        new Case(
            "certification, malformed JSON",
            "CERTIFICATION",
            () -> post("/certification", alice(), "application/json", "{\"temporary\": tru"),
            400,
            "BAD_REQUEST",
            "alice"),
        new Case(
            "certification, wrong content type",
            "CERTIFICATION",
            () ->
                post(
                    "/certification",
                    alice(),
                    "application/x-www-form-urlencoded",
                    certificationBody(machineChain)),
            415,
            "BAD_REQUEST",
            null),
        new Case(
            "certification, oversized body",
            "CERTIFICATION",
            () -> post("/certification", alice(), "application/json", oversized()),
            413,
            "BAD_REQUEST",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedRequests")
  void aRejectedRequestChangesNoTableButAddsOneAuditRow(Case c) throws SQLException {
    Map<String, List<String>> before = snapshot();
    long auditBefore = auditCount();
    long lastAuditId = lastAuditId();

    HttpResponse<String> r = c.send().get();

    assertThat(r.statusCode()).as(r.body()).isEqualTo(c.status());
    assertThat(TestSupport.json(r).get("code").asText()).isEqualTo(c.outcome());
    Map<String, List<String>> after = snapshot();
    for (String table : GUARDED) {
      assertThat(after.get(table)).as(table + " row count").hasSameSizeAs(before.get(table));
      assertThat(after.get(table)).as(table + " rows").isEqualTo(before.get(table));
    }
    assertThat(auditCount()).as("audit rows").isEqualTo(auditBefore + 1);
    try (Connection db = connect();
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT kind, outcome, login FROM audit_log WHERE id > " + lastAuditId)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("kind")).isEqualTo(c.kind());
      assertThat(rs.getString("outcome")).isEqualTo(c.outcome());
      assertThat(rs.getString("login")).isEqualTo(c.login());
      assertThat(rs.next()).isFalse();
    }
  }

  /** The control: the same comparison does see what an accepted request writes. */
  @Test
  void anAcceptedRequestDoesChangeTheTables() throws SQLException {
    Map<String, List<String>> before = snapshot();
    long auditBefore = auditCount();
    HttpResponse<String> r =
        post("/activation", alice(), "application/json; charset=utf-8", activationBody());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, List<String>> after = snapshot();
    assertThat(after.get("users")).isEqualTo(before.get("users"));
    assertThat(after.get("machines")).hasSize(before.get("machines").size() + 1);
    assertThat(after.get("issued_certificates"))
        .hasSize(before.get("issued_certificates").size() + 1);
    assertThat(auditCount()).isEqualTo(auditBefore + 1);
  }

  private static Case activation(
      String name, String login, String body, int status, String outcome) {
    return new Case(
        name,
        "ACTIVATION",
        () ->
            post(
                "/activation",
                TestSupport.basic(login, TestSupport.PASSWORD),
                "application/json",
                body),
        status,
        outcome,
        login);
  }

  private static Case certification(
      String name, String login, Supplier<String> chain, int status, String outcome) {
    return new Case(
        name,
        "CERTIFICATION",
        () ->
            post(
                "/certification",
                TestSupport.basic(login, TestSupport.PASSWORD),
                "application/json",
                certificationBody(chain.get())),
        status,
        outcome,
        login);
  }

  private static MachineActivationRequest forgedProof() {
    KeyPair keys = TestSupport.p256();
    MachineActivationRequest good = TestSupport.activationRequest(keys, System.currentTimeMillis());
    return new MachineActivationRequest(
        good.publicKey(),
        good.fingerprint(),
        good.hostName(),
        good.timestamp(),
        TestSupport.sign(TestSupport.p256(), good.signedBytes()));
  }

  private static String certificationBody(String chain) {
    assertThat(chain).startsWith("-----BEGIN CERTIFICATE-----");
    return TestSupport.toJson(new CertificationRequest(chain, false, "WINDOWS_AUTH"));
  }

  private static String oversized() {
    return "{\"machineCertificateChain\":\""
        + "A".repeat(server.config().maxRequestBytes() + 1)
        + "\"}";
  }

  private static HttpResponse<String> post(
      String path, String auth, String contentType, String body) {
    return TestSupport.send(
        client,
        HttpRequest.newBuilder(TestSupport.uri(server, path))
            .header("Authorization", auth)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), "sa", "");
  }

  /** Every row of every guarded table, each row rendered as text, in primary key order. */
  private static Map<String, List<String>> snapshot() throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Connection db = connect();
        Statement st = db.createStatement()) {
      for (String table : GUARDED) {
        String key = table.equals("issued_certificates") ? "serial" : "id";
        long count;
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          count = rs.getLong(1);
        }
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY " + key)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(rs.getMetaData().getColumnName(i))
                  .append('=')
                  .append(rs.getString(i))
                  .append(' ');
            }
            rows.add(row.toString());
          }
        }
        assertThat(rows).as(table).hasSize((int) count);
        tables.put(table, rows);
      }
    }
    assertThat(tables.get("users")).hasSize(5);
    return tables;
  }

  private static long auditCount() throws SQLException {
    return queryLong("SELECT COUNT(*) FROM audit_log");
  }

  private static long lastAuditId() throws SQLException {
    return queryLong("SELECT COALESCE(MAX(id), 0) FROM audit_log");
  }

  private static long queryLong(String sql) throws SQLException {
    try (Connection db = connect();
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
