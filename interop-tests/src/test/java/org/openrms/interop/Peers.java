package org.openrms.interop;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the third-party peers are, and what a missing one means: in CI ({@code CI=true}) a failed
 * test, never a silent skip; elsewhere a skipped test whose message says how to install it.
 */
final class Peers {
  /** The password travels to peer processes in this variable, never on a command line. */
  static final String PASSWORD_VARIABLE = "OPENRMS_PEER_PASSWORD";

  private Peers() {}

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Fails (in CI) or aborts (elsewhere) the test unless {@code available}. */
  static void require(boolean available, String peer, String howToInstall) {
    if (available) {
      return;
    }
    String message = peer + " is not installed; " + howToInstall;
    if (inCi()) {
      fail("CI=true and a required interop peer is missing: " + message);
    }
    Assumptions.abort(message);
  }

  /** The Python that can import Debian's python3-winrm. */
  static Path python() {
    return Path.of(System.getProperty("openrms.interop.python", "/usr/bin/python3"));
  }

  /** The directory holding {@code node_modules/winrm-client} (installed by .ci/run). */
  static Path nodeDir() {
    String dir = System.getProperty("openrms.interop.nodeDir");
    return dir != null
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".cache", "openrms", "interop-node");
  }

  /** The file listing the winrm4j child JVM's classpath (written by maven-dependency-plugin). */
  static Path winrm4jClasspathFile() {
    return Path.of(
        System.getProperty("openrms.interop.winrm4jClasspath", "target/winrm4j.classpath"));
  }

  static Path testClasses() {
    return Path.of(System.getProperty("openrms.interop.testClasses", "target/test-classes"));
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
