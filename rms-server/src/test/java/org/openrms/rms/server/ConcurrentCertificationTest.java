package org.openrms.rms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.Pem;

/**
 * Concurrent certifications through real HTTPS all succeed, each with its own RAC, and each leaves
 * exactly one certificate row and one audit row. (Throughput is measured in the benchmarks module,
 * not here.)
 */
class ConcurrentCertificationTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 5;
  private static final int TOTAL = THREADS * PER_THREAD;

  @TempDir Path tmp;

  @Test
  void twentyCertificationsFromFourThreadsAllSucceedWithDistinctSerials() throws Exception {
    try (RightsServer server = TestSupport.start(tmp.resolve("data"))) {
      TestSupport.addUser(server, "alice");
      String chain =
          TestSupport.activate(server, TestSupport.client(server), "alice", TestSupport.p256());
      String auth = TestSupport.basic("alice", TestSupport.PASSWORD);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<List<HttpResponse<String>>>> threads = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          threads.add(
              pool.submit(
                  () -> {
                    HttpClient client = TestSupport.client(server);
                    start.await(30, TimeUnit.SECONDS);
                    List<HttpResponse<String>> answers = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                      answers.add(TestSupport.certify(server, client, auth, chain, i % 2 == 0));
                    }
                    return answers;
                  }));
        }
        Set<String> serials = new HashSet<>();
        for (Future<List<HttpResponse<String>>> thread : threads) {
          for (HttpResponse<String> r : thread.get(120, TimeUnit.SECONDS)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            X509Certificate rac =
                Pem.decodeChain(TestSupport.json(r).get("racChain").asText()).get(0);
            serials.add(rac.getSerialNumber().toString(16));
          }
        }
        assertThat(serials).hasSize(TOTAL);

        try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "sa", "");
            Statement st = db.createStatement()) {
          assertThat(strings(st, "SELECT serial FROM issued_certificates WHERE kind = 'RAC'"))
              .containsExactlyInAnyOrderElementsOf(serials);
          assertThat(strings(st, "SELECT kind FROM issued_certificates WHERE kind <> 'RAC'"))
              .containsExactly("MACHINE");
          assertThat(
                  strings(
                      st,
                      "SELECT outcome || ' ' || login FROM audit_log"
                          + " WHERE kind = 'CERTIFICATION'"))
              .hasSize(TOTAL)
              .containsOnly("OK alice");
          assertThat(strings(st, "SELECT kind FROM audit_log WHERE kind <> 'CERTIFICATION'"))
              .containsExactly("ACTIVATION");
        }
      } finally {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  private static List<String> strings(Statement st, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
