package org.openrms.wsman.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The WinRS cmd shell of a {@link WsmanListener}: whether it is on, and its quotas. The defaults
 * are Windows' {@code winrm/config/winrs} defaults where Windows has one (MS-WSMV 2.2.4.42
 * WinrsType and {@code winrm get winrm/config/winrs} on Windows Server): 30 shells per user, 25
 * processes per shell, an idle timeout of 7200 s; 1500 concurrent commands per shell (Windows'
 * {@code MaxConcurrentOperationsPerUser}). Output is buffered per command up to {@link
 * #maxBufferedOutput()} bytes; beyond that the listener stops reading the command's pipes until a
 * Receive takes the output (the command then blocks in its write); the same number of stdin bytes
 * may wait per command for a command that does not read them. At most {@link
 * #maxLongPollsPerUser()} requests of one account wait at once (Receives waiting for output, Sends
 * waiting for room in the stdin queue), so one account cannot hold every worker thread.
 *
 * @param enabled whether the shell resource is registered (default true)
 * @param maxShellsPerUser open shells one account may have (Windows {@code MaxShellsPerUser})
 * @param maxCommandsPerShell commands running at once in one shell
 * @param maxProcessesPerShell live processes (commands and their descendants) of one shell; a
 *     Command is refused at this count (Windows {@code MaxProcessesPerShell})
 * @param idleTimeout the default and largest shell idle timeout; a shell without requests for this
 *     long is closed and its processes killed (Windows {@code IdleTimeout})
 * @param maxBufferedOutput output bytes buffered per command before reading pauses (and stdin bytes
 *     queued per command)
 * @param maxLongPollsPerUser requests of one account that may wait at once (default 64); more are
 *     refused with {@code w:QuotaLimit}
 */
public record ShellSettings(
    boolean enabled,
    int maxShellsPerUser,
    int maxCommandsPerShell,
    int maxProcessesPerShell,
    Duration idleTimeout,
    int maxBufferedOutput,
    int maxLongPollsPerUser) {

  /** The default {@link #maxLongPollsPerUser()}: a quarter of the listener's 256 workers. */
  public static final int DEFAULT_MAX_LONG_POLLS_PER_USER = 64;

  /** The defaults: on, 30 shells per user, 1500 commands, 25 processes, 7200 s, 1 MiB, 64. */
  public static final ShellSettings DEFAULTS =
      new ShellSettings(true, 30, 1500, 25, Duration.ofSeconds(7200), 1 << 20);

  /** Settings with the default {@link #maxLongPollsPerUser()}. */
  public ShellSettings(
      boolean enabled,
      int maxShellsPerUser,
      int maxCommandsPerShell,
      int maxProcessesPerShell,
      Duration idleTimeout,
      int maxBufferedOutput) {
    this(
        enabled,
        maxShellsPerUser,
        maxCommandsPerShell,
        maxProcessesPerShell,
        idleTimeout,
        maxBufferedOutput,
        DEFAULT_MAX_LONG_POLLS_PER_USER);
  }

  /** Checks the values. */
  public ShellSettings {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxShellsPerUser < 1
        || maxCommandsPerShell < 1
        || maxProcessesPerShell < 1
        || maxLongPollsPerUser < 1) {
      throw new IllegalArgumentException("shell quotas must be at least 1");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the idle timeout must be positive");
    }
    if (maxBufferedOutput < 4096) {
      throw new IllegalArgumentException("maxBufferedOutput must be at least 4096 bytes");
    }
  }

  /** These settings with the shell on or off. */
  public ShellSettings withEnabled(boolean value) {
    return new ShellSettings(
        value,
        maxShellsPerUser,
        maxCommandsPerShell,
        maxProcessesPerShell,
        idleTimeout,
        maxBufferedOutput,
        maxLongPollsPerUser);
  }

  /** These settings with another per-user shell quota. */
  public ShellSettings withMaxShellsPerUser(int value) {
    return new ShellSettings(
        enabled,
        value,
        maxCommandsPerShell,
        maxProcessesPerShell,
        idleTimeout,
        maxBufferedOutput,
        maxLongPollsPerUser);
  }

  /** These settings with another per-shell command quota. */
  public ShellSettings withMaxCommandsPerShell(int value) {
    return new ShellSettings(
        enabled,
        maxShellsPerUser,
        value,
        maxProcessesPerShell,
        idleTimeout,
        maxBufferedOutput,
        maxLongPollsPerUser);
  }

  /** These settings with another per-shell process quota. */
  public ShellSettings withMaxProcessesPerShell(int value) {
    return new ShellSettings(
        enabled,
        maxShellsPerUser,
        maxCommandsPerShell,
        value,
        idleTimeout,
        maxBufferedOutput,
        maxLongPollsPerUser);
  }

  /** These settings with another idle timeout. */
  public ShellSettings withIdleTimeout(Duration value) {
    return new ShellSettings(
        enabled,
        maxShellsPerUser,
        maxCommandsPerShell,
        maxProcessesPerShell,
        value,
        maxBufferedOutput,
        maxLongPollsPerUser);
  }

  /** These settings with another output buffer size. */
  public ShellSettings withMaxBufferedOutput(int value) {
    return new ShellSettings(
        enabled,
        maxShellsPerUser,
        maxCommandsPerShell,
        maxProcessesPerShell,
        idleTimeout,
        value,
        maxLongPollsPerUser);
  }

  /** These settings with another per-user cap on waiting requests. */
  public ShellSettings withMaxLongPollsPerUser(int value) {
    return new ShellSettings(
        enabled,
        maxShellsPerUser,
        maxCommandsPerShell,
        maxProcessesPerShell,
        idleTimeout,
        maxBufferedOutput,
        value);
  }
}
