package org.openrms.wsman.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openrms.wsman.server.ShellSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open shells of one listener, the per-user shell quota, and a reaper thread that closes shells
 * idle for their idle timeout (killing their process trees). {@link #close()} closes every shell.
 */
public final class ShellRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShellRegistry.class);

  private final ShellSettings settings;
  private final Map<String, WinrsShell> shells = new ConcurrentHashMap<>();
  private final ScheduledExecutorService reaper;
  private final ThreadFactory pumps;
  private final Map<String, Integer> longPolls = new ConcurrentHashMap<>();
  private final java.util.Set<Long> groups = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** A registry with these quotas; the reaper looks every {@code reapMillis}. */
  public ShellRegistry(ShellSettings settings, long reapMillis) {
    this.settings = settings;
    this.reaper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openrms-wsman-shell-reaper");
              t.setDaemon(true);
              return t;
            });
    reaper.scheduleWithFixedDelay(this::reap, reapMillis, reapMillis, TimeUnit.MILLISECONDS);
    AtomicInteger n = new AtomicInteger();
    this.pumps =
        r -> {
          Thread t = new Thread(r, "openrms-wsman-shell-pump-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
  }

  ShellSettings settings() {
    return settings;
  }

  ThreadFactory pumps() {
    return pumps;
  }

  /** Takes one of {@code user}'s waiting-request slots, or faults with QuotaLimit. */
  void beginLongPoll(String user) {
    int max = settings.maxLongPollsPerUser();
    boolean[] taken = {false};
    longPolls.compute(
        user,
        (u, n) -> {
          int v = n == null ? 0 : n;
          if (v >= max) {
            return n;
          }
          taken[0] = true;
          return v + 1;
        });
    if (!taken[0]) {
      throw ShellFaults.tooManyLongPolls(max);
    }
  }

  /** Gives the slot back. */
  void endLongPoll(String user) {
    longPolls.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
  }

  /** Adds a shell unless its owner is at the quota. */
  synchronized void add(WinrsShell shell) {
    if (closed) {
      throw ShellFaults.tooManyShells();
    }
    long mine = shells.values().stream().filter(s -> s.owner.equals(shell.owner)).count();
    if (mine >= settings.maxShellsPerUser()) {
      throw ShellFaults.tooManyShells();
    }
    shells.put(shell.id, shell);
  }

  /** The shell {@code id} of {@code user}; another user's shell is reported as unknown. */
  WinrsShell get(String id, String user) {
    WinrsShell s = id == null ? null : shells.get(id);
    if (s == null || !s.owner.equals(user) || s.closed()) {
      throw ShellFaults.invalidSelector("ShellId", id);
    }
    return s;
  }

  /** The open shells of {@code user}, oldest first. */
  List<WinrsShell> of(String user) {
    List<WinrsShell> out = new ArrayList<>();
    for (WinrsShell s : shells.values()) {
      if (s.owner.equals(user) && !s.closed()) {
        out.add(s);
      }
    }
    out.sort((a, b) -> Long.compare(a.createdNanos, b.createdNanos));
    return out;
  }

  /** Closes a shell (killing its processes), then removes it: gone from openShells() = dead. */
  void remove(WinrsShell shell) {
    shell.close();
    shells.remove(shell.id, shell);
  }

  /** Open shells. */
  public int openShells() {
    return shells.size();
  }

  /** Remembers the process group of a started command until a scan finds it empty. */
  void track(ShellCommand command) {
    if (command.processGroup() > 0) {
      groups.add(command.processGroup());
    }
  }

  /**
   * Live processes started by shell commands: every member of a process group a command started
   * (counted until the group is seen empty, even after its shell is gone), plus descendants that
   * left their group while their command's shell lives.
   */
  public int liveProcesses() {
    Map<Long, Integer> scan = ProcessTrees.scan();
    int n = ProcessTrees.countGroups(groups, scan);
    for (WinrsShell s : shells.values()) {
      n += s.strayProcesses();
    }
    return n;
  }

  /**
   * The pids of live processes in the process groups that shell commands of any listener in this
   * JVM started, until each group is seen empty (for leak checks in tests and by operators).
   */
  public static List<Long> startedProcesses() {
    return ProcessTrees.startedGroupMembers();
  }

  private void reap() {
    long now = System.nanoTime();
    for (WinrsShell s : shells.values()) {
      if (s.idle(now)) {
        LOG.info("closing idle shell {} of {}", s.id, s.owner);
        remove(s);
      }
    }
  }

  /** Closes every shell (killing the process trees) and stops the reaper. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    reaper.shutdownNow();
    for (WinrsShell s : shells.values()) {
      remove(s);
    }
  }
}
