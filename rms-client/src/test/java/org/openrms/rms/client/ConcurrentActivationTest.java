package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.client.internal.LicenseStore;
import org.openrms.rms.client.internal.RacRecord;

/** Many sessions of one RightsClient activating users in parallel on one license store. */
class ConcurrentActivationTest {
  static final int SESSIONS = 8;
  static final int PER_SESSION = 5;

  @TempDir static Path tmp;

  @RegisterExtension
  static final TestServers.SharedServer shared = new TestServers.SharedServer(() -> tmp, "cat");

  @Test
  void eightSessionsTimesFiveActivationsOnOneStoreGiveFortyDistinctRacs() throws Exception {
    Path store = tmp.resolve("store");
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    try (RightsClient client = TestServers.client(shared.server(), store, "cat").build()) {
      Activations.activateMachine(client);
      List<Callable<List<String>>> work = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        work.add(
            () -> {
              List<String> racs = new ArrayList<>();
              StatusRecorder rec = new StatusRecorder();
              try (ClientSession s =
                  client.createClientSession(rec, 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
                for (int n = 0; n < PER_SESSION; n++) {
                  rec.events.clear();
                  HResult hr =
                      Activations.activateUser(
                          s, rec, TestServers.certification(shared.server()), false);
                  assertThat(hr).as("%s", rec.events).isEqualTo(HResult.S_DRM_COMPLETED);
                  racs.add((String) rec.terminal().param());
                }
              }
              return racs;
            });
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : pool.invokeAll(work, 5, TimeUnit.MINUTES)) {
        all.addAll(f.get());
      }
      int total = SESSIONS * PER_SESSION;
      assertThat(all).hasSize(total).doesNotHaveDuplicates();

      Set<String> lids = new HashSet<>();
      try (ClientSession s =
          client.createClientSession(
              new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, "cat@example.com")) {
        Set<String> chains = new HashSet<>();
        for (int i = 0; ; i++) {
          try {
            lids.add(s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY_LID), i).data());
            chains.add(s.enumerateLicense(EnumSet.of(EnumerationFlag.GROUPIDENTITY), i).data());
          } catch (DrmException e) {
            assertThat(e.hresult()).isEqualTo(HResult.E_DRM_NO_MORE_DATA);
            assertThat(i).isEqualTo(total);
            break;
          }
        }
        assertThat(lids).hasSize(total);
        assertThat(chains).containsExactlyInAnyOrderElementsOf(all);
        assertThat(s.isActivated(ActivationFlag.GROUPIDENTITY)).isTrue();
      }

      // the store on disk: 40 RAC files, each parses, no temp file, reads back consistently
      ObjectMapper json = new ObjectMapper();
      try (Stream<Path> files = Files.list(store.resolve("rac"))) {
        List<Path> racFiles = files.toList();
        assertThat(racFiles).hasSize(total);
        for (Path p : racFiles) {
          assertThat(p.getFileName().toString())
              .startsWith("GIC-cat@example.com-")
              .endsWith(".json");
          JsonNode node = json.readTree(p.toFile());
          assertThat(p.getFileName().toString()).contains(node.get("lid").asText());
          assertThat(Pem.decodeChain(node.get("chain").asText())).hasSize(3);
        }
      }
      List<RacRecord> records = LicenseStore.open(store, false).readRacs();
      assertThat(records).hasSize(total);
      assertThat(records.stream().map(RacRecord::lid)).containsExactlyInAnyOrderElementsOf(lids);
    } finally {
      pool.shutdownNow();
    }
  }
}
