package org.openrms.wsman.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting a command line in its own session and process group, and signalling or killing the whole
 * tree. On Linux the command runs as {@code setsid /bin/sh -c <line>} (util-linux {@code setsid}),
 * so the shell's pid is also its process group id: ctrl_c sends SIGINT to that group; terminate
 * sends SIGKILL to the group and to every descendant Java can still see (a process that left the
 * group). Without {@code setsid} the command runs as {@code /bin/sh -c <line>} and only the
 * descendants are reached.
 */
final class ProcessTrees {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTrees.class);
  private static final String SETSID = find("/usr/bin/setsid", "/bin/setsid");
  private static final String KILL = find("/usr/bin/kill", "/bin/kill");

  private ProcessTrees() {}

  private static String find(String... candidates) {
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    return null;
  }

  /** Whether processes get their own process group. */
  static boolean ownGroups() {
    return SETSID != null;
  }

  /**
   * Starts {@code /bin/sh -c commandLine} in {@code dir} with the listener's environment plus
   * {@code extraEnv}.
   */
  static Process start(String commandLine, Path dir, Map<String, String> extraEnv)
      throws IOException {
    List<String> argv = new ArrayList<>();
    if (SETSID != null) {
      argv.add(SETSID);
    }
    argv.add("/bin/sh");
    argv.add("-c");
    argv.add(commandLine);
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
    pb.environment().putAll(extraEnv);
    return pb.start();
  }

  /** Kills {@code root} and everything below it; waits briefly for them to go. */
  static void kill(ProcessHandle root) {
    List<ProcessHandle> all = root.descendants().collect(Collectors.toList());
    if (SETSID != null && root.isAlive()) {
      signalGroup("-KILL", root.pid());
    }
    root.destroyForcibly();
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    all.add(root);
    while (all.stream().anyMatch(ProcessTrees::alive) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Ctrl+C: SIGINT to the process group (or to the root and its descendants without groups). */
  static void interrupt(ProcessHandle root) {
    if (!root.isAlive()) {
      return;
    }
    if (SETSID != null) {
      signalGroup("-INT", root.pid());
      return;
    }
    signal("-INT", root.pid());
    root.descendants().forEach(p -> signal("-INT", p.pid()));
  }

  /** Live processes of {@code root}'s tree (root included). */
  static int count(ProcessHandle root) {
    return (alive(root) ? 1 : 0) + (int) root.descendants().filter(ProcessTrees::alive).count();
  }

  /**
   * Alive and not a zombie: a killed process whose new parent (init, or a container's pid 1) has
   * not reaped it yet is dead for our purposes, though {@link ProcessHandle#isAlive} says alive.
   */
  static boolean alive(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return p.isAlive();
    }
  }

  private static void signalGroup(String signal, long pgid) {
    run(signal, "--", "-" + pgid);
  }

  private static void signal(String signal, long pid) {
    run(signal, Long.toString(pid));
  }

  private static void run(String... args) {
    if (KILL == null) {
      return;
    }
    List<String> argv = new ArrayList<>();
    argv.add(KILL);
    argv.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(argv)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      LOG.debug("kill {} failed: {}", args, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
