package org.openrms.wsman.server.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting a command line in its own session and process group, and signalling, counting or killing
 * the whole group. On Linux the command runs as {@code setsid /bin/sh -c <line>} (util-linux {@code
 * setsid}), so the shell's pid is also its process group id (pgid).
 *
 * <p>Processes are counted and killed <em>by process group</em> (field 5 of {@code
 * /proc/<pid>/stat}, zombies skipped), because a background job ({@code sleep 300 &}) is
 * re-parented to init when the shell exits and is then no longer a descendant of anything the JVM
 * knows. ctrl_c sends SIGINT to the group; a kill sends SIGKILL to the group whether or not its
 * leader is still alive, then to every member still found in {@code /proc} and to every descendant
 * Java can see (a process that left the group with its own {@code setsid} is reached only while it
 * is still a descendant). Every group ever started is remembered until a scan finds it empty
 * ({@link #startedGroups()}), so a leak stays visible after its shell is gone. Without {@code
 * setsid} the command runs as {@code /bin/sh -c <line>} and only the descendants are reached.
 */
final class ProcessTrees {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTrees.class);
  private static final String SETSID = find("/usr/bin/setsid", "/bin/setsid");
  private static final String KILL = find("/usr/bin/kill", "/bin/kill");
  private static final Path PROC = Path.of("/proc");

  /** Process groups started in this JVM and not yet seen empty. */
  private static final Set<Long> STARTED = ConcurrentHashMap.newKeySet();

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
    return SETSID != null && Files.isDirectory(PROC);
  }

  /**
   * Starts {@code /bin/sh -c commandLine} in {@code dir} with the listener's environment plus
   * {@code extraEnv}.
   */
  static Process start(String commandLine, Path dir, Map<String, String> extraEnv)
      throws IOException {
    List<String> argv = new ArrayList<>();
    if (ownGroups()) {
      argv.add(SETSID);
    }
    argv.add("/bin/sh");
    argv.add("-c");
    argv.add(commandLine);
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    if (ownGroups()) {
      STARTED.add(p.pid());
    }
    return p;
  }

  /** The process group of a command started by {@link #start}, or -1 without own groups. */
  static long group(ProcessHandle root) {
    return ownGroups() ? root.pid() : -1;
  }

  /**
   * Kills {@code root}, its process group (even when root has exited) and every descendant still
   * visible; waits up to two seconds for them to go.
   */
  static void kill(ProcessHandle root) {
    List<ProcessHandle> all = root.descendants().collect(Collectors.toList());
    root.destroyForcibly();
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    killGroup(group(root));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    all.add(root);
    while (all.stream().anyMatch(ProcessTrees::alive) && System.nanoTime() < deadline) {
      if (!pause()) {
        return;
      }
    }
  }

  /**
   * SIGKILL to every member of process group {@code pgid} (nothing for -1); waits up to two seconds
   * until a scan finds the group empty.
   */
  static void killGroup(long pgid) {
    if (pgid <= 0 || members(pgid).isEmpty()) {
      forget(pgid);
      return;
    }
    signalGroup("-KILL", pgid);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    List<Long> left;
    while (!(left = members(pgid)).isEmpty() && System.nanoTime() < deadline) {
      for (long pid : left) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      if (!pause()) {
        return;
      }
    }
    if (left.isEmpty()) {
      forget(pgid);
    } else {
      LOG.warn("process group {} still has {} processes after SIGKILL", pgid, left.size());
    }
  }

  private static void forget(long pgid) {
    STARTED.remove(pgid);
  }

  private static boolean pause() {
    try {
      Thread.sleep(5);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Ctrl+C: SIGINT to the process group (or to the root and its descendants without groups). */
  static void interrupt(ProcessHandle root) {
    long pgid = group(root);
    if (pgid > 0) {
      if (!members(pgid).isEmpty()) {
        signalGroup("-INT", pgid);
      }
      return;
    }
    if (!root.isAlive()) {
      return;
    }
    signal("-INT", root.pid());
    root.descendants().forEach(p -> signal("-INT", p.pid()));
  }

  /**
   * One scan of {@code /proc}: live (non-zombie) processes per process group. Empty without own
   * groups.
   */
  static Map<Long, Integer> scan() {
    Map<Long, Integer> groups = new HashMap<>();
    if (!ownGroups()) {
      return groups;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
          continue;
        }
        long pgid = liveGroupOf(p);
        if (pgid > 0) {
          groups.merge(pgid, 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot list /proc: {}", e.toString());
    }
    return groups;
  }

  /** The live members of one process group. */
  static List<Long> members(long pgid) {
    List<Long> out = new ArrayList<>();
    if (pgid <= 0) {
      return out;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (!name.isEmpty() && Character.isDigit(name.charAt(0)) && liveGroupOf(p) == pgid) {
          out.add(Long.parseLong(name));
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("cannot list /proc: {}", e.toString());
    }
    return out;
  }

  /** The pgid of {@code /proc/<pid>} (field 5 of stat), or -1 for a zombie or a vanished one. */
  private static long liveGroupOf(Path procDir) {
    try {
      String stat = Files.readString(procDir.resolve("stat"));
      int close = stat.lastIndexOf(')');
      if (close < 0) {
        return -1;
      }
      // after ") ": state ppid pgrp ...
      String[] f = stat.substring(close + 2).split(" ", 4);
      if (f.length < 3 || f[0].equals("Z") || f[0].equals("X")) {
        return -1;
      }
      return Long.parseLong(f[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Live processes of the command rooted at {@code root}: the members of its process group in
   * {@code scan}, plus its {@link #strays}.
   */
  static int count(ProcessHandle root, Map<Long, Integer> scan) {
    long pgid = group(root);
    return (pgid > 0 ? scan.getOrDefault(pgid, 0) : 0) + strays(root);
  }

  /**
   * Processes of {@code root}'s tree that no group count sees: with own groups, the descendants
   * that left the group, while root lives; without, the whole live tree.
   */
  static int strays(ProcessHandle root) {
    long pgid = group(root);
    if (pgid <= 0) {
      return (alive(root) ? 1 : 0) + (int) root.descendants().filter(ProcessTrees::alive).count();
    }
    if (!root.isAlive()) {
      return 0;
    }
    return (int) root.descendants().filter(p -> alive(p) && groupOf(p) != pgid).count();
  }

  private static long groupOf(ProcessHandle p) {
    long g = liveGroupOf(PROC.resolve(Long.toString(p.pid())));
    return g;
  }

  /**
   * Live processes in {@code groups} according to {@code scan}; groups found empty are removed from
   * {@code groups}.
   */
  static int countGroups(Set<Long> groups, Map<Long, Integer> scan) {
    int n = 0;
    for (Long g : groups) {
      int k = scan.getOrDefault(g, 0);
      if (k == 0) {
        groups.remove(g);
      }
      n += k;
    }
    return n;
  }

  /**
   * The pids of live processes in process groups started by any listener of this JVM that have not
   * been seen empty (for leak checks).
   */
  static List<Long> startedGroupMembers() {
    Map<Long, Integer> scan = scan();
    List<Long> out = new ArrayList<>();
    for (Long g : STARTED) {
      if (scan.getOrDefault(g, 0) == 0) {
        STARTED.remove(g);
      } else {
        out.addAll(members(g));
      }
    }
    return out;
  }

  /** The process groups started in this JVM and not yet seen empty. */
  static Set<Long> startedGroups() {
    return Set.copyOf(STARTED);
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
      String stat = Files.readString(PROC.resolve(Long.toString(p.pid())).resolve("stat"));
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
