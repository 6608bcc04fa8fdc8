package org.openrms.wsman.server.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.WsmanErrorCode;
import org.openrms.wsman.WsmanFaultException;

/**
 * One open WinRS shell: who owns it, where commands run, its commands, and when it was last used.
 * Commands that finished or were terminated stay readable (a Receive or Signal after terminate
 * works) until there are more than {@link #RETAINED_FINISHED} of them.
 */
final class WinrsShell {
  static final int RETAINED_FINISHED = 64;

  final String id;
  final String owner;
  final String clientIp;
  final Path workingDirectory;
  final String requestedWorkingDirectory;
  final Map<String, String> environment;
  final Duration idleTimeout;
  final String inputStreams;
  final String outputStreams;
  final long createdNanos = System.nanoTime();
  private final Map<String, ShellCommand> commands = new LinkedHashMap<>();
  private long lastUsedNanos = createdNanos;
  private int activeRequests;
  private boolean closed;

  WinrsShell(
      String owner,
      String clientIp,
      Path workingDirectory,
      String requestedWorkingDirectory,
      Map<String, String> environment,
      Duration idleTimeout,
      String inputStreams,
      String outputStreams) {
    this.id = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    this.owner = owner;
    this.clientIp = clientIp;
    this.workingDirectory = workingDirectory;
    this.requestedWorkingDirectory = requestedWorkingDirectory;
    this.environment = Map.copyOf(environment);
    this.idleTimeout = idleTimeout;
    this.inputStreams = inputStreams;
    this.outputStreams = outputStreams;
  }

  /** Marks a request in progress (the shell is not idle while one is). */
  synchronized void enter() {
    activeRequests++;
    lastUsedNanos = System.nanoTime();
  }

  synchronized void leave() {
    activeRequests--;
    lastUsedNanos = System.nanoTime();
  }

  synchronized long lastUsedNanos() {
    return lastUsedNanos;
  }

  /** Whether the shell has been idle for its idle timeout at {@code now}. */
  synchronized boolean idle(long now) {
    return activeRequests == 0 && now - lastUsedNanos >= idleTimeout.toNanos();
  }

  synchronized boolean closed() {
    return closed;
  }

  /** The command, or an InvalidSelectors fault. */
  synchronized ShellCommand command(String commandId) {
    ShellCommand c = commandId == null ? null : commands.get(commandId);
    if (c == null || closed) {
      throw ShellFaults.invalidSelector("CommandId", commandId);
    }
    return c;
  }

  /** Starts a command within the quotas. */
  ShellCommand start(
      String commandLine, int maxCommands, int maxProcesses, int maxBuffered, ThreadFactory threads)
      throws IOException {
    synchronized (this) {
      if (closed) {
        throw ShellFaults.invalidSelector("ShellId", id);
      }
      long live = commands.values().stream().filter(ShellCommand::live).count();
      if (live >= maxCommands) {
        throw WsmanFaultException.of(
            FaultType.QUOTA_LIMIT
                .fault(
                    "The WS-Management service cannot process the request. This shell already"
                        + " runs the maximum number of concurrent commands ("
                        + maxCommands
                        + ").")
                .withWsmanCode(WsmanErrorCode.QUOTA_MAX_OPERATIONS.value()));
      }
      if (processCount() >= maxProcesses) {
        throw WsmanFaultException.of(
            FaultType.QUOTA_LIMIT.fault(
                "The Windows Remote Shell cannot process the request. The shell already runs the"
                    + " maximum number of processes ("
                    + maxProcesses
                    + ")."));
      }
      String commandId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
      ShellCommand c =
          ShellCommand.start(
              commandId, commandLine, workingDirectory, environment, maxBuffered, threads);
      commands.put(commandId, c);
      evictFinished();
      return c;
    }
  }

  private void evictFinished() {
    int finished = 0;
    for (ShellCommand c : commands.values()) {
      if (!c.live()) {
        finished++;
      }
    }
    Iterator<ShellCommand> it = commands.values().iterator();
    while (finished > RETAINED_FINISHED && it.hasNext()) {
      ShellCommand c = it.next();
      if (!c.live()) {
        it.remove();
        finished--;
      }
    }
  }

  /** Live processes of every command. */
  int processCount() {
    return processCount(ProcessTrees.scan());
  }

  /** Live processes of every command, by {@code scan} ({@link ProcessTrees#scan()}). */
  synchronized int processCount(Map<Long, Integer> scan) {
    int n = 0;
    for (ShellCommand c : commands.values()) {
      n += c.processCount(scan);
    }
    return n;
  }

  /** Processes of the commands that no process-group count sees ({@link ProcessTrees#strays}). */
  synchronized int strayProcesses() {
    int n = 0;
    for (ShellCommand c : commands.values()) {
      n += ProcessTrees.strays(c.handle());
    }
    return n;
  }

  /** Closes the shell: every command's tree is killed. Idempotent. */
  void close() {
    List<ShellCommand> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(commands.values());
    }
    for (ShellCommand c : all) {
      c.terminate();
    }
  }
}
