package org.openrms.rms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety for real: a child JVM writing RACs in a loop is killed (SIGKILL) at a random moment,
 * three times; afterwards the store opens, every RAC entry parses, nothing reported written is
 * lost, and temp files of the interrupted write are cleaned up.
 */
class StoreCrashTest {
  @TempDir Path store;

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void killingAWriterMidWayLeavesEveryStoredRacReadable() throws Exception {
    int leftoversSeen = 0;
    int reported = 0;
    ObjectMapper json = new ObjectMapper();
    for (int round = 0; round < 3; round++) {
      AtomicInteger wrote = new AtomicInteger();
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:-UsePerfData",
                  "-cp",
                  System.getProperty("java.class.path"),
                  RacWriterChild.class.getName(),
                  store.toString())
              .redirectErrorStream(true)
              .start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    if (line.startsWith("WROTE ")) {
                      wrote.set(Integer.parseInt(line.substring(6).trim()));
                    }
                  }
                } catch (java.io.IOException e) {
                  // killed
                }
              });
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (wrote.get() < 3 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(wrote.get()).as("the writer got going").isGreaterThanOrEqualTo(3);
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 40));
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);
      reported += wrote.get();

      Path rac = store.resolve("rac");
      leftoversSeen +=
          (int)
              list(rac).stream()
                  .filter(p -> p.getFileName().toString().endsWith(StoreFiles.TEMP_SUFFIX))
                  .count();
      LicenseStore reopened = LicenseStore.open(store, false); // cleans up
      List<Path> entries = list(rac);
      assertThat(entries)
          .allSatisfy(
              p -> assertThat(p.getFileName().toString()).startsWith("GIC-").endsWith(".json"));
      for (Path p : entries) {
        assertThat(json.readTree(p.toFile()).get("lid").asText()).as("%s parses", p).isNotBlank();
      }
      List<RacRecord> racs = reopened.readRacs();
      assertThat(racs).hasSize(entries.size());
      // every write that was reported complete is there; at most the one in flight beyond that
      assertThat(racs.size()).isBetween(reported, reported + round + 1);
    }
    System.out.println(
        "crash test: " + reported + " RACs reported, " + leftoversSeen + " leftovers cleaned");
  }
}
