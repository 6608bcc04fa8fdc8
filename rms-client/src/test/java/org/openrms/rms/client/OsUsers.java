package org.openrms.rms.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real OS users for the service store tests: {@code openrms-t1} and {@code openrms-t2} in the group
 * {@code openrms-t}, created (idempotently) with useradd/groupadd when the tests run as root, and a
 * world-readable copy of the test class path so that child JVMs can run as those users.
 */
final class OsUsers {
  static final String GROUP = "openrms-t";
  static final String USER_1 = "openrms-t1";
  static final String USER_2 = "openrms-t2";

  private OsUsers() {}

  /** Whether this process runs as root ({@code id -u} is 0). */
  static boolean isRoot() {
    try {
      return run("id", "-u").trim().equals("0");
    } catch (IOException e) {
      return false;
    }
  }

  /** Creates the group and the two users if they do not exist (safe to run concurrently). */
  static void ensureUsers() throws IOException {
    exec(List.of("groupadd", "-f", GROUP), true);
    for (String user : List.of(USER_1, USER_2)) {
      if (!exists(user)) {
        exec(List.of("useradd", "-M", "-N", "-g", GROUP, "-s", "/usr/sbin/nologin", user), false);
      }
      if (!exists(user)) {
        throw new IOException("could not create the test user " + user);
      }
    }
  }

  static long uid(String user) throws IOException {
    return Long.parseLong(run("id", "-u", user).trim());
  }

  static long gid(String group) throws IOException {
    String line = run("getent", "group", group).trim();
    return Long.parseLong(line.split(":")[2]);
  }

  /** A copy of every class path entry in a new world-readable directory; returns the new path. */
  static String copyClassPath(Path target) throws IOException {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path src = Path.of(entry);
      if (!Files.exists(src)) {
        continue;
      }
      Path dst = target.resolve((i++) + "-" + src.getFileName());
      if (Files.isDirectory(src)) {
        try (Stream<Path> walk = Files.walk(src)) {
          for (Path p : (Iterable<Path>) walk::iterator) {
            Path d = dst.resolve(src.relativize(p).toString());
            if (Files.isDirectory(p)) {
              Files.createDirectories(d);
            } else {
              Files.copy(p, d, StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      } else {
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
      }
      out.add(dst.toString());
    }
    makeWorldReadable(target);
    return String.join(java.io.File.pathSeparator, out);
  }

  static void makeWorldReadable(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  /** The command prefix that runs a program as a user with the test group as primary group. */
  static List<String> asUser(String user) throws IOException {
    return List.of(
        "setpriv", "--reuid=" + uid(user), "--regid=" + gid(GROUP), "--init-groups", "--reset-env");
  }

  private static boolean exists(String user) {
    try {
      run("id", "-u", user);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void exec(List<String> cmd, boolean mustSucceed) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(cmd + " hung");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (mustSucceed && p.exitValue() != 0) {
      throw new IOException(cmd + " failed: " + out);
    }
  }

  private static String run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + ": " + out);
    }
    return out;
  }
}
