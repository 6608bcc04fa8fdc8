package org.openrms.wsman.client;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openrms.wsman.Actions;
import org.openrms.wsman.CommandLine;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.EnvelopeBuilder;
import org.openrms.wsman.Namespaces;
import org.openrms.wsman.ShellCreate;
import org.openrms.wsman.Shells;
import org.openrms.wsman.client.internal.Channel;
import org.openrms.wsman.client.internal.HttpTransport;

/**
 * A WinRS cmd shell on the service, opened by {@link Session#openShell(ShellOptions)}. One shell
 * runs many commands, one after another or side by side ({@link #run}); reusing it saves the Create
 * and Delete round trips and the shell start-up on the service. {@link #close()} ends the running
 * commands and deletes the shell; it is idempotent.
 *
 * <pre>{@code
 * try (RemoteShell shell = session.openShell()) {
 *   CommandResult r = shell.execute("ipconfig", "/all");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RemoteShell implements AutoCloseable {
  private final Session session;
  private final String shellId;
  private final ShellOptions options;
  private final Deque<HttpTransport> idleReceivers = new ArrayDeque<>();
  private final Set<RemoteCommand> commands = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RemoteShell(Session session, String shellId, ShellOptions options) {
    this.session = session;
    this.shellId = shellId;
    this.options = options;
  }

  static RemoteShell open(Session session, ShellOptions options) {
    ShellCreate body =
        new ShellCreate(
            "stdin",
            "stdout stderr",
            options.workingDirectory().orElse(null),
            options.environment(),
            options.idleTimeout().orElse(null));
    Envelope request =
        session
            .request(Namespaces.RESOURCE_CMD_SHELL, Actions.CREATE)
            .option(Shells.OPTION_NOPROFILE, options.noProfile() ? "TRUE" : "FALSE")
            .option(Shells.OPTION_CODEPAGE, Integer.toString(options.codepage()))
            .body(body.toElement())
            .build();
    Envelope response = session.call(request, true);
    String id =
        Shells.shellId(response)
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () -> new WsmanClientException("the shell Create response holds no ShellId"));
    RemoteShell shell = new RemoteShell(session, id, options);
    session.opened(shell);
    return shell;
  }

  /** The ShellId the service gave this shell. */
  public String id() {
    return shellId;
  }

  /** The options the shell was created with. */
  public ShellOptions options() {
    return options;
  }

  /** The session of this shell. */
  public Session session() {
    return session;
  }

  /**
   * Starts a command whose output is read from {@link RemoteCommand#stdout()} and {@link
   * RemoteCommand#stderr()}. As with {@link Process}, read both (or close the one you do not want):
   * output is buffered only up to a bound, then the command waits for the reader.
   *
   * @param command the command, such as {@code dir} or {@code /usr/bin/env}
   * @param arguments its arguments, each sent as one {@code rsp:Arguments}
   */
  public RemoteCommand run(String command, String... arguments) {
    return start(null, command, arguments);
  }

  /**
   * Starts a command whose output goes to {@code listener} as it arrives.
   *
   * @see OutputListener
   */
  public RemoteCommand run(OutputListener listener, String command, String... arguments) {
    return start(java.util.Objects.requireNonNull(listener, "listener"), command, arguments);
  }

  /**
   * Runs a command to its end with an empty standard input and returns its exit code and output.
   *
   * @throws WsmanClientException if the thread is interrupted while waiting (the command is then
   *     terminated)
   */
  public CommandResult execute(String command, String... arguments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RemoteCommand c =
        start(
            (stream, data) -> {
              if (stream.equals("stderr")) {
                err.writeBytes(data);
              } else {
                out.writeBytes(data);
              }
            },
            command,
            arguments);
    try (c) {
      c.closeStdinQuietly();
      int code = c.waitFor();
      synchronized (out) {
        return new CommandResult(code, out.toByteArray(), err.toByteArray());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WsmanClientException("interrupted while waiting for '" + command + "'", e);
    }
  }

  private RemoteCommand start(OutputListener listener, String command, String... arguments) {
    if (closed.get()) {
      throw new IllegalStateException("the shell is closed");
    }
    CommandLine line = new CommandLine(command, List.of(arguments));
    String commandId =
        session.op(
            () -> {
              Envelope response =
                  session.call(
                      request(Actions.COMMAND)
                          .option(Shells.OPTION_CONSOLEMODE_STDIN, "TRUE")
                          .option(Shells.OPTION_SKIP_CMD_SHELL, "FALSE")
                          .body(line.toElement())
                          .build(),
                      true);
              return Shells.commandId(Channel.body(response))
                  .orElseThrow(
                      () -> new WsmanClientException("the Command response holds no CommandId"));
            });
    RemoteCommand c = new RemoteCommand(this, commandId, listener);
    commands.add(c);
    c.start();
    return c;
  }

  /** Deletes the shell after ending its commands. Idempotent; failures go to the session error. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (RemoteCommand c : commands.toArray(new RemoteCommand[0])) {
      c.close();
    }
    try {
      if (!session.isClosedForUse()) {
        session.op(() -> session.call(request(Actions.DELETE).build(), true));
      }
    } catch (RuntimeException e) {
      // recorded in session.error()
    } finally {
      synchronized (idleReceivers) {
        idleReceivers.forEach(HttpTransport::close);
        idleReceivers.clear();
      }
      session.closed(this);
    }
  }

  /** True after {@link #close()}. */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String toString() {
    return "RemoteShell[" + shellId + (closed.get() ? ", closed" : "") + "]";
  }

  // ---- for RemoteCommand ----

  EnvelopeBuilder request(String action) {
    return session
        .request(Namespaces.RESOURCE_CMD_SHELL, action)
        .selector(Shells.SELECTOR_SHELL_ID, shellId);
  }

  /** A connection for a command's Receive loop: an idle one of this shell, or a new one. */
  HttpTransport borrowReceiver() {
    synchronized (idleReceivers) {
      HttpTransport t = idleReceivers.poll();
      return t != null ? t : session.newTransport();
    }
  }

  void returnReceiver(HttpTransport t, boolean healthy) {
    synchronized (idleReceivers) {
      if (healthy && !closed.get() && !t.isClosed()) {
        idleReceivers.push(t);
        return;
      }
    }
    t.close();
  }

  void finished(RemoteCommand c) {
    commands.remove(c);
  }
}
