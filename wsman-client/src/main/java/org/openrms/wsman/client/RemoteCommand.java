package org.openrms.wsman.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openrms.wsman.Actions;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.ReceiveResponse;
import org.openrms.wsman.Send;
import org.openrms.wsman.ShellStream;
import org.openrms.wsman.Shells;
import org.openrms.wsman.Signal;
import org.openrms.wsman.SignalCode;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.client.internal.BoundedPipe;
import org.openrms.wsman.client.internal.Channel;
import org.openrms.wsman.client.internal.HttpTransport;

/**
 * A command running in a {@link RemoteShell}. Its output is received on a thread of its own, over a
 * connection of its own, so that {@link #stdin()}, {@link #signal} and {@link #terminate()} go
 * through while a Receive waits on the service. A Receive answered with {@code w:TimedOut} (nothing
 * within the OperationTimeout) is simply sent again. Each Receive carries a SequenceId, so one
 * whose connection broke before the answer is sent again with the same SequenceId and the service
 * repeats its output instead of dropping it.
 *
 * <p>Output arrives through {@link #stdout()} and {@link #stderr()} (bounded buffers: read both,
 * like {@link Process}) or through the {@link OutputListener} given to {@link RemoteShell#run(
 * OutputListener, String, String...)}. {@link #waitFor()} returns the exit code once the service
 * reported it. {@link #close()} terminates the command if it still runs; it is idempotent.
 */
public final class RemoteCommand implements AutoCloseable {
  private static final int PIPE_CAPACITY = 1 << 20;
  private static final int SEND_OVERHEAD = 4096;

  private final RemoteShell shell;
  private final Session session;
  private final String commandId;
  private final OutputListener listener;
  private final BoundedPipe stdout;
  private final BoundedPipe stderr;
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object stdinLock = new Object();
  private volatile HttpTransport receiver;
  private volatile Integer exitCode;
  private volatile RuntimeException failure;
  private Stdin stdin;

  RemoteCommand(RemoteShell shell, String commandId, OutputListener listener) {
    this.shell = shell;
    this.session = shell.session();
    this.commandId = commandId;
    this.listener = listener;
    this.stdout = listener == null ? new BoundedPipe(PIPE_CAPACITY) : null;
    this.stderr = listener == null ? new BoundedPipe(PIPE_CAPACITY) : null;
  }

  void start() {
    Thread t = new Thread(this::receiveLoop, "wsman-receive-" + commandId);
    t.setDaemon(true);
    t.start();
  }

  /** The CommandId the service gave this command. */
  public String id() {
    return commandId;
  }

  /**
   * The standard output as it arrives; end of stream when the command is done.
   *
   * @throws IllegalStateException if output goes to a listener
   */
  public InputStream stdout() {
    if (stdout == null) {
      throw new IllegalStateException("the output of this command goes to its listener");
    }
    return stdout;
  }

  /**
   * The standard error as it arrives; end of stream when the command is done.
   *
   * @throws IllegalStateException if output goes to a listener
   */
  public InputStream stderr() {
    if (stderr == null) {
      throw new IllegalStateException("the output of this command goes to its listener");
    }
    return stderr;
  }

  /**
   * The standard input. Writes are sent in Send messages that fit the service's MaxEnvelopeSize;
   * {@link OutputStream#flush()} sends what is buffered; {@link OutputStream#close()} sends the end
   * of the stream. Failures surface as {@link IOException}s.
   */
  public OutputStream stdin() {
    synchronized (stdinLock) {
      if (stdin == null) {
        long limit = session.serviceMaxEnvelopeSize();
        long room = limit - SEND_OVERHEAD - commandId.length();
        if (session.plan().charset().equals(java.nio.charset.StandardCharsets.UTF_16)) {
          room /= 2;
        }
        int chunk = (int) Math.max(1024, Math.min(Integer.MAX_VALUE - 8, room / 4 * 3));
        stdin = new Stdin(chunk);
      }
      return stdin;
    }
  }

  void closeStdinQuietly() {
    try {
      send(new byte[0], true);
    } catch (RuntimeException e) {
      // the command may have ended already
    }
  }

  /** Sends a signal such as {@link SignalCode#CTRL_C}. */
  public void signal(SignalCode code) {
    session.op(
        () ->
            session.call(
                shell.request(Actions.SIGNAL).body(new Signal(commandId, code).toElement()).build(),
                true));
  }

  /**
   * Terminates the command ({@code signal/terminate}) and stops receiving its output; {@link
   * #waitFor()} then returns the exit code the service reported, or -1 if it reported none.
   */
  public void terminate() {
    stopping.set(true);
    try {
      signal(SignalCode.TERMINATE);
    } finally {
      HttpTransport r = receiver;
      if (r != null && done.getCount() > 0) {
        r.close();
      }
    }
  }

  /**
   * Waits for the end of the command.
   *
   * @return the exit code, or -1 if the command was terminated before the service reported one
   * @throws WsmanClientException or {@link WsmanFaultException} if receiving the output failed
   */
  public int waitFor() throws InterruptedException {
    done.await();
    return result();
  }

  /** Waits up to {@code timeout}; true if the command ended. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** True once the command ended (or its output could no longer be received). */
  public boolean isDone() {
    return done.getCount() == 0;
  }

  private int result() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
    Integer code = exitCode;
    return code == null ? -1 : code;
  }

  /** Terminates the command if it still runs and releases its connection. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (done.getCount() > 0 && !session.isClosedForUse()) {
      try {
        terminate();
      } catch (RuntimeException e) {
        // recorded in session.error(); the receiver is closed anyway
      }
    }
    stopping.set(true);
    HttpTransport r = receiver;
    if (r != null && done.getCount() > 0) {
      r.close();
    }
    if (stdout != null) {
      stdout.close();
      stderr.close();
    }
    shell.finished(this);
  }

  @Override
  public String toString() {
    return "RemoteCommand[" + commandId + (isDone() ? ", done" : "") + "]";
  }

  private void receiveLoop() {
    HttpTransport t = shell.borrowReceiver();
    receiver = t;
    boolean healthy = false;
    try {
      for (long sequenceId = 0; ; sequenceId++) {
        // MS-WSMV 3.1.4.14: a SequenceId, one more for each Receive, lets the service answer a
        // Receive sent again (after the connection broke before its answer) with the same output.
        Envelope request =
            shell
                .request(Actions.RECEIVE)
                .body(
                    Shells.receive(commandId, "stdout stderr").toBuilder()
                        .attribute("SequenceId", Long.toString(sequenceId))
                        .build())
                .build();
        Envelope response;
        try {
          response = session.call(t, request, true);
        } catch (WsmanFaultException.TimedOut e) {
          continue; // nothing within the OperationTimeout: ask again (MS-WSMV 3.1.4.14)
        }
        ReceiveResponse r = ReceiveResponse.from(Channel.body(response));
        for (ShellStream s : r.streams()) {
          deliver(s);
        }
        if (r.done()) {
          exitCode = (int) (long) r.exitCode();
          healthy = true;
          break;
        }
      }
      end(null);
      finalSignal();
    } catch (RuntimeException | IOException e) {
      if (stopping.get()) {
        end(null);
      } else {
        failure =
            e instanceof RuntimeException re
                ? re
                : new WsmanClientException("receiving the output failed: " + e.getMessage(), e);
        end(new IOException("receiving the output of " + commandId + " failed", e));
      }
    } finally {
      shell.returnReceiver(t, healthy);
      receiver = null;
      done.countDown();
    }
  }

  private void deliver(ShellStream s) throws IOException {
    byte[] data = s.data();
    if (data.length == 0) {
      return;
    }
    if (listener != null) {
      listener.output(s.name(), data);
    } else if (s.name().equals("stderr")) {
      stderr.write(data);
    } else if (s.name().equals("stdout")) {
      stdout.write(data);
    }
  }

  private void end(IOException error) {
    if (stdout != null) {
      stdout.finish(error);
      stderr.finish(error);
    }
  }

  private void finalSignal() {
    // MS-WSMV 3.1.4.14: a Signal terminate after all the output was received.
    try {
      session.call(
          shell
              .request(Actions.SIGNAL)
              .body(new Signal(commandId, SignalCode.TERMINATE).toElement())
              .build(),
          true);
    } catch (RuntimeException e) {
      // the service may have dropped the command already
    }
  }

  private void send(byte[] data, boolean end) {
    session.op(
        () ->
            session.call(
                shell
                    .request(Actions.SEND)
                    .body(Send.stdin(commandId, data, end).toElement())
                    .build(),
                true));
  }

  /** Buffers stdin up to one Send's worth. */
  private final class Stdin extends OutputStream {
    private final byte[] buf;
    private int count;
    private boolean ended;

    Stdin(int chunk) {
      this.buf = new byte[chunk];
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      synchronized (stdinLock) {
        if (ended) {
          throw new IOException("stdin is closed");
        }
        while (len > 0) {
          int n = Math.min(len, buf.length - count);
          System.arraycopy(b, off, buf, count, n);
          count += n;
          off += n;
          len -= n;
          if (count == buf.length) {
            push(false);
          }
        }
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (stdinLock) {
        if (!ended && count > 0) {
          push(false);
        }
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (stdinLock) {
        if (!ended) {
          push(true);
          ended = true;
        }
      }
    }

    private void push(boolean end) throws IOException {
      byte[] chunk = java.util.Arrays.copyOf(buf, count);
      count = 0;
      try {
        send(chunk, end);
      } catch (RuntimeException e) {
        ended = true;
        throw new IOException("sending stdin to " + commandId + " failed: " + e.getMessage(), e);
      }
    }
  }
}
