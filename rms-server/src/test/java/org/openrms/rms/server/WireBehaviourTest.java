package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** HTTP-level behaviour seen on a raw socket, what the database records, and what is logged. */
class WireBehaviourTest {
  @TempDir Path tmp;

  @Test
  void bodyOfA401IsConsumedSoTheConnectionServesTheNextRequest() throws Exception {
    try (RightsServer server =
        TestSupport.start(tmp.resolve("data"), b -> b.plainHttp(true).allowBasicOverHttp(true))) {
      String body = "{\"publicKey\":\"" + "A".repeat(20_000) + "\"}";
      List<TestSupport.RawAnswer> answers =
          TestSupport.exchange(
              server,
              TestSupport.rawPost("/activation", "application/json", body)
                  + TestSupport.RAW_GET_ROOT,
              2);
      assertThat(answers.get(0).statusLine()).startsWith("HTTP/1.1 401");
      assertThat(answers.get(1).statusLine()).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void malformedHttpIsAnsweredWithProblemJson() throws Exception {
    try (RightsServer server = TestSupport.start(tmp.resolve("data"), b -> b.plainHttp(true))) {
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.setSoTimeout(10_000);
        s.getOutputStream()
            .write("GET /rms/v1 HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".getBytes());
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("application/problem+json").contains("\"BAD_REQUEST\"");
        assertThat(answer).doesNotContain("<html");
      }
    }
  }

  @Test
  void activationAndCertificationAreRecordedInTheDatabase() throws Exception {
    try (RightsServer server = TestSupport.start(tmp.resolve("data"))) {
      TestSupport.addUser(server, "alice");
      var client = TestSupport.client(server);
      String chain = TestSupport.activate(server, client, "alice", TestSupport.p256());
      TestSupport.certify(server, client, TestSupport.alice(), chain, true);
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
          Statement st = c.createStatement()) {
        try (ResultSet rs =
            st.executeQuery("SELECT fingerprint, activated_by, host_name FROM machines")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(TestSupport.fingerprint("host-1"));
          assertThat(rs.getString(2)).isEqualTo("alice");
          assertThat(rs.getString(3)).isEqualTo("host-1");
        }
        try (ResultSet rs =
            st.executeQuery(
                "SELECT kind, subject_email, login, rac_type FROM issued_certificates"
                    + " ORDER BY kind")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("MACHINE");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("RAC");
          assertThat(rs.getString(2)).isEqualTo("alice@example.com");
          assertThat(rs.getString(3)).isEqualTo("alice");
          assertThat(rs.getString(4)).isEqualTo("TEMPORARY");
        }
      }
      assertThat(server.audit().recent(10))
          .extracting(AuditEntry::kind)
          .containsExactly("CERTIFICATION", "ACTIVATION");
    }
  }

  @Test
  void neverLogsPasswordsOrAuthorizationHeaders() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    String header = TestSupport.alice();
    try (RightsServer server = TestSupport.start(tmp.resolve("data"))) {
      TestSupport.addUser(server, "alice");
      var client = TestSupport.client(server);
      String chain = TestSupport.activate(server, client, "alice", TestSupport.p256());
      TestSupport.certify(server, client, header, chain, false);
      TestSupport.certify(server, client, TestSupport.basic("alice", "typo"), chain, false);
    } finally {
      root.detachAppender(appender);
    }
    String b64 = header.substring(6);
    for (ILoggingEvent e : appender.list) {
      String text = e.getFormattedMessage() + String.valueOf(e.getThrowableProxy());
      assertThat(text)
          .doesNotContain(TestSupport.PASSWORD)
          .doesNotContain(b64)
          .doesNotContain("typo");
    }
    assertThat(Base64.getDecoder().decode(b64)).isNotEmpty();
  }
}
