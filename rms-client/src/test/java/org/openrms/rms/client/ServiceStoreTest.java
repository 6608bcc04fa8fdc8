package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * Seed 000's last rule, with real processes: a client session cannot be held concurrently by
 * processes of different users on a (machine-wide) service store; the second succeeds only after
 * the first closed its session. Processes of the same user share the store.
 */
class ServiceStoreTest {
  @TempDir Path store;

  /** A child JVM running {@link ServiceStoreHolder} as a local user. */
  static final class Child implements AutoCloseable {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> all = new ArrayList<>();

    Child(String user, Path store, long holdMillis, long timeoutMillis) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd =
          List.of(
              java,
              "-cp",
              System.getProperty("java.class.path"),
              "-Duser.name=" + user,
              "-Djdk.net.hosts.file=" + System.getProperty("openrms.test.hostsFile", "/etc/hosts"),
              ServiceStoreHolder.class.getName(),
              store.toString(),
              Long.toString(holdMillis),
              Long.toString(timeoutMillis));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    synchronized (all) {
                      all.add(line);
                    }
                    if (line.startsWith("OPEN")
                        || line.startsWith("CLOSED")
                        || line.startsWith("FAILED")) {
                      lines.add(line);
                    }
                  }
                } catch (java.io.IOException e) {
                  // process gone
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    String next(String prefix) throws InterruptedException {
      String line = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (line == null && System.nanoTime() < deadline) {
        line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line == null && !process.isAlive()) {
          line = lines.poll(500, TimeUnit.MILLISECONDS);
          break;
        }
      }
      assertThat(line).as("output of the child: %s", output()).isNotNull().startsWith(prefix);
      return line;
    }

    long time(String line) {
      return Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
    }

    int exit() throws InterruptedException {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
      return process.exitValue();
    }

    String output() {
      synchronized (all) {
        return String.join("\n", all);
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  @Test
  void cannotBeCalledConcurrentlyByProcessesOfDifferentUsersOnAServiceStore() throws Exception {
    try (Child service = new Child("svc-a", store, 3000, 10_000)) {
      long opened = service.time(service.next("OPEN"));
      try (Child other = new Child("user-b", store, 0, 30_000)) {
        long otherOpened = other.time(other.next("OPEN"));
        long serviceClosed = service.time(service.next("CLOSED"));
        assertThat(otherOpened)
            .as("the other user's session opens only after the first one closed")
            .isGreaterThanOrEqualTo(serviceClosed);
        assertThat(otherOpened - opened).isGreaterThanOrEqualTo(3000);
        assertThat(other.exit()).isZero();
      }
      assertThat(service.exit()).isZero();
    }
  }

  @Test
  void aProcessOfAnotherUserGivesUpAfterTheTimeoutNamingStoreAndHolder() throws Exception {
    try (Child service = new Child("svc-a", store, 6000, 10_000)) {
      service.next("OPEN");
      try (Child other = new Child("user-b", store, 0, 500)) {
        String failed = other.next("FAILED");
        assertThat(failed)
            .contains(HResult.E_DRM_ALREADY_IN_PROGRESS.name())
            .contains(store.toString())
            .contains("svc-a");
        assertThat(other.exit()).isEqualTo(3);
      }
    }
  }

  @Test
  void processesOfTheSameUserShareAServiceStore() throws Exception {
    try (Child first = new Child("svc-a", store, 4000, 10_000)) {
      first.next("OPEN");
      try (Child second = new Child("svc-a", store, 0, 500)) {
        long secondOpened = second.time(second.next("OPEN"));
        assertThat(second.exit()).isZero();
        // the second opened while the first still held its session
        String firstClosed = first.next("CLOSED");
        assertThat(secondOpened).isLessThan(first.time(firstClosed));
      }
    }
  }

  @Test
  void thisProcessBlocksAnotherUserUntilItsLastSessionCloses() throws Exception {
    RightsClient client =
        RightsClient.builder()
            .storeDirectory(store)
            .serviceStore(true)
            .storeLockTimeout(Duration.ofSeconds(5))
            .build();
    ClientSession a =
        client.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null);
    ClientSession b =
        client.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null);
    try (Child other = new Child("user-b", store, 0, 500)) {
      assertThat(other.next("FAILED")).contains(System.getProperty("user.name"));
    }
    a.close();
    try (Child other = new Child("user-b", store, 0, 500)) {
      assertThat(other.next("FAILED")).contains(HResult.E_DRM_ALREADY_IN_PROGRESS.name());
    }
    b.close();
    try (Child other = new Child("user-b", store, 1500, 500)) {
      other.next("OPEN");
      // now this process is the other user: it must wait, then fail clearly
      try {
        client
            .newBuilder()
            .storeLockTimeout(Duration.ofMillis(300))
            .build()
            .createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null);
        throw new AssertionError("the store is held by user-b");
      } catch (DrmException e) {
        assertThat(e.hresult()).isEqualTo(HResult.E_DRM_ALREADY_IN_PROGRESS);
        assertThat(e.getMessage()).contains("user-b");
      }
      assertThat(other.exit()).isZero();
    }
    // released by the child's exit: we get it again
    client.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null).close();
    client.close();
  }
}
