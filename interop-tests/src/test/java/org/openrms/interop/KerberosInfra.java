package org.openrms.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Kerberos infrastructure of the interop tests, started and stopped by the bash scripts in
 * {@code src/test/scripts} ({@code mit-kdc.sh}, {@code samba-ad.sh}), and the JDK's krb5
 * configuration for both realms.
 *
 * <p>The JDK reads its krb5 configuration once per JVM, so {@link #jdkKrb5Conf()} writes one file
 * naming both realms ({@link #MIT_REALM} on a port chosen here, {@link #AD_REALM} on Samba's port
 * 88) before any Kerberos code runs, and sets {@code java.security.krb5.conf} to it. MIT tools get
 * the scripts' own files through {@code KRB5_CONFIG}.
 *
 * <p>A missing package fails the test in CI ({@code CI=true}) and skips it elsewhere ({@link
 * Peers#require}).
 */
final class KerberosInfra {
  static final String MIT_REALM = "KDC.OPENRMS.TEST";
  static final String AD_REALM = "AD.OPENRMS.TEST";
  static final Path SCRIPTS = Path.of("src/test/scripts");

  private static Path jdkConf;
  private static int mitPort;

  private KerberosInfra() {}

  /** The port the MIT KDC listens on (fixed per JVM, since the JDK configuration names it). */
  static synchronized int mitPort() {
    jdkKrb5Conf();
    return mitPort;
  }

  /** Writes the JDK's krb5.conf for both realms (once per JVM) and points the JDK to it. */
  static synchronized Path jdkKrb5Conf() {
    if (jdkConf != null) {
      return jdkConf;
    }
    try (ServerSocket s = new ServerSocket(0)) {
      mitPort = s.getLocalPort();
      Path dir = Files.createTempDirectory("openrms-krb5");
      jdkConf = dir.resolve("krb5.conf");
      Files.writeString(
          jdkConf,
          String.join(
              "\n",
              "[libdefaults]",
              "  default_realm = " + MIT_REALM,
              "  udp_preference_limit = 1",
              "  dns_lookup_kdc = false",
              "  dns_lookup_realm = false",
              "  rdns = false",
              "",
              "[realms]",
              "  " + MIT_REALM + " = {",
              "    kdc = 127.0.0.1:" + mitPort,
              "  }",
              "  " + AD_REALM + " = {",
              "    kdc = 127.0.0.1:88",
              "  }",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("java.security.krb5.conf", jdkConf.toString());
    return jdkConf;
  }

  /**
   * Runs {@code script} with {@code args} and returns the {@code KEY=VALUE} lines it printed. Exit
   * 3 means a package is missing: a failure in CI, a skip elsewhere.
   */
  static Map<String, String> run(String script, String installHint, String... args) {
    List<String> cmd = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
    cmd.addAll(List.of(args));
    Result r = exec(cmd, Map.of(), null, 180);
    if (r.exit() == 3) {
      Peers.require(false, script + "'s tools", installHint + " (" + r.err().strip() + ")");
    }
    if (r.exit() != 0) {
      fail(script + " " + String.join(" ", args) + " failed (" + r.exit() + "): " + r.err());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  /** Stops what {@code script} started from {@code dir}; never throws. */
  static void stop(String script, Path dir) {
    if (dir == null) {
      return;
    }
    try {
      exec(
          List.of("bash", SCRIPTS.resolve(script).toString(), "stop", dir.toString()),
          Map.of(),
          null,
          60);
    } catch (RuntimeException e) {
      System.err.println("stopping " + script + " failed: " + e);
    }
  }

  /**
   * MIT {@code kinit}: gets {@code principal}'s ticket-granting ticket into the file cache {@code
   * ccache}, the password on standard input (never on the command line).
   */
  static Path kinit(String krb5Config, String principal, String password, Path ccache) {
    Result r =
        exec(
            List.of("kinit", principal),
            Map.of("KRB5_CONFIG", krb5Config, "KRB5CCNAME", "FILE:" + ccache),
            password + "\n",
            60);
    if (r.exit() != 0) {
      fail("kinit " + principal + " failed (" + r.exit() + "): " + r.err());
    }
    return ccache;
  }

  /** Whether a command is on the PATH. */
  static boolean onPath(String command) {
    return exec(List.of("bash", "-c", "command -v " + command), Map.of(), null, 10).exit() == 0;
  }

  /** A finished process. */
  record Result(int exit, String out, String err) {}

  /** Runs a process to its end (killed after {@code timeoutS}). */
  static Result exec(List<String> cmd, Map<String, String> env, String stdin, int timeoutS) {
    try {
      Path out = Files.createTempFile("openrms-proc", ".out");
      Path err = Files.createTempFile("openrms-proc", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail(String.join(" ", cmd) + " did not finish in " + timeoutS + " s");
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
