package org.openrms.rms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.internal.LocalUser;

/**
 * Seed 000's last rule, with real processes of real, different OS users: a client session cannot be
 * held concurrently by processes of different users on a (machine-wide) service store; the second
 * succeeds only after the first closed its session. Processes of the same user share the store.
 *
 * <p>Running child JVMs as other users needs root (CI runs as root): the tests create the users
 * {@code openrms-t1} and {@code openrms-t2} in the group {@code openrms-t}, a store directory of
 * that group, and a world-readable copy of the class path, and start the children with {@code
 * setpriv}. Without root those tests are skipped; the same-user test then runs as the current user.
 */
class ServiceStoreTest {
  static final String NEEDS_ROOT =
      "needs root to create the OS users openrms-t1/openrms-t2 and run child JVMs as them"
          + " (CI runs as root)";
  static boolean root;
  static Path classPathCopy;
  static String childClassPath;

  Path base;
  Path store;

  @BeforeAll
  static void prepare() throws Exception {
    root = OsUsers.isRoot();
    if (root) {
      OsUsers.ensureUsers();
      classPathCopy = Files.createTempDirectory("openrms-svc-cp");
      childClassPath = OsUsers.copyClassPath(classPathCopy);
    } else {
      childClassPath = System.getProperty("java.class.path");
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (classPathCopy != null) {
      deleteTree(classPathCopy);
    }
  }

  @BeforeEach
  void storeDirectory() throws Exception {
    base = Files.createTempDirectory("openrms-svc");
    store = base.resolve("store");
    Files.createDirectory(store);
    if (root) {
      // the admin's set-up: a store directory owned by the group of the users sharing it
      OsUsers.makeWorldReadable(base);
      exec("chgrp", OsUsers.GROUP, store.toString());
      exec("chmod", "2770", store.toString());
    }
  }

  @AfterEach
  void deleteStore() throws Exception {
    deleteTree(base);
  }

  /** A child JVM running {@link ServiceStoreHolder}, as an OS user or (null) as this process's. */
  final class Child implements AutoCloseable {
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> all = new ArrayList<>();

    Child(String user, long holdMillis, long timeoutMillis, String... jvmOptions) throws Exception {
      List<String> cmd = new ArrayList<>();
      if (user != null) {
        cmd.addAll(OsUsers.asUser(user));
      }
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-XX:-UsePerfData");
      cmd.addAll(List.of(jvmOptions));
      cmd.addAll(
          List.of(
              "-cp",
              childClassPath,
              ServiceStoreHolder.class.getName(),
              store.toString(),
              Long.toString(holdMillis),
              Long.toString(timeoutMillis)));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Thread reader = new Thread(this::read);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (all) {
            all.add(line);
          }
          if (line.startsWith("OPEN") || line.startsWith("CLOSED") || line.startsWith("FAILED")) {
            lines.add(line);
          }
        }
      } catch (java.io.IOException e) {
        // process gone
      }
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
    assumeTrue(root, NEEDS_ROOT);
    try (Child service = new Child(OsUsers.USER_1, 3000, 10_000)) {
      long opened = service.time(service.next("OPEN"));
      try (Child other = new Child(OsUsers.USER_2, 0, 30_000)) {
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
    // the store stays usable by the group: every file has the store's group
    try (Stream<Path> files = Files.walk(store)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        assertThat(Files.readAttributes(p, PosixFileAttributes.class).group().getName())
            .as("group of %s", p)
            .isEqualTo(OsUsers.GROUP);
      }
    }
  }

  @Test
  void aProcessOfAnotherUserGivesUpAfterTheTimeoutNamingStoreAndHolder() throws Exception {
    assumeTrue(root, NEEDS_ROOT);
    try (Child service = new Child(OsUsers.USER_1, 6000, 10_000)) {
      service.next("OPEN");
      try (Child other = new Child(OsUsers.USER_2, 0, 500)) {
        String failed = other.next("FAILED");
        assertThat(failed)
            .contains(HResult.E_DRM_ALREADY_IN_PROGRESS.name())
            .contains(store.toString())
            .contains(OsUsers.USER_1);
        assertThat(other.exit()).isEqualTo(3);
      }
    }
  }

  @Test
  void theUserNamePropertyCannotImpersonateAnotherUser() throws Exception {
    assumeTrue(root, NEEDS_ROOT);
    try (Child service = new Child(OsUsers.USER_1, 6000, 10_000)) {
      service.next("OPEN");
      // openrms-t2 claims to be openrms-t1: the real identity decides, so it must wait
      try (Child other = new Child(OsUsers.USER_2, 0, 500, "-Duser.name=" + OsUsers.USER_1)) {
        assertThat(other.next("FAILED")).contains(HResult.E_DRM_ALREADY_IN_PROGRESS.name());
        assertThat(other.exit()).isEqualTo(3);
      }
    }
  }

  @Test
  void processesOfTheSameUserShareAServiceStore() throws Exception {
    String user = root ? OsUsers.USER_1 : null; // without root: the current user
    try (Child first = new Child(user, 4000, 10_000)) {
      first.next("OPEN");
      try (Child second = new Child(user, 0, 500)) {
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
    assumeTrue(root, NEEDS_ROOT);
    String me = LocalUser.current().key();
    try (RightsClient client =
        RightsClient.builder()
            .storeDirectory(store)
            .serviceStore(true)
            .storeLockTimeout(Duration.ofSeconds(5))
            .build()) {
      ClientSession a =
          client.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null);
      ClientSession b =
          client.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null);
      try (Child other = new Child(OsUsers.USER_2, 0, 500)) {
        assertThat(other.next("FAILED")).contains(me);
      }
      a.close();
      try (Child other = new Child(OsUsers.USER_2, 0, 500)) {
        assertThat(other.next("FAILED")).contains(HResult.E_DRM_ALREADY_IN_PROGRESS.name());
      }
      b.close();
      try (Child other = new Child(OsUsers.USER_2, 1500, 500)) {
        other.next("OPEN");
        // now this process is the other user: it must wait, then fail clearly
        try (RightsClient impatient =
            client.newBuilder().storeLockTimeout(Duration.ofMillis(300)).build()) {
          impatient.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null);
          throw new AssertionError("the store is held by " + OsUsers.USER_2);
        } catch (DrmException e) {
          assertThat(e.hresult()).isEqualTo(HResult.E_DRM_ALREADY_IN_PROGRESS);
          assertThat(e.getMessage()).contains(OsUsers.USER_2);
        }
        assertThat(other.exit()).isZero();
      }
      // released by the child's exit: we get it again
      client.createClientSession(new StatusRecorder(), 0, GroupIdType.WINDOWS_AUTH, null).close();
    }
  }

  private static void exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
  }

  static void deleteTree(Path root) throws Exception {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
