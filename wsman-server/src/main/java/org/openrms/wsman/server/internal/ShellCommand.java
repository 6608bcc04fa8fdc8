package org.openrms.wsman.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.openrms.wsman.XmlElement;

/**
 * One running command of a shell: its process tree, two pump threads that copy stdout and stderr
 * into bounded buffers, and stdin. All state is guarded by {@code this}; a Receive waits on it.
 *
 * <p>Backpressure: a pump stops reading its pipe while the two buffers together hold {@code
 * maxBuffered} bytes, so a command printing without end blocks in its write instead of filling the
 * listener's memory.
 */
final class ShellCommand {
  private static final int READ_SIZE = 8192;

  /** One piece of output taken for a ReceiveResponse. */
  record Chunk(byte[] stdout, byte[] stderr, boolean done, long exitCode) {}

  private final String id;
  private final Process process;
  private final OutputStream stdin;
  private final int maxBuffered;
  private final Pipe out = new Pipe();
  private final Pipe err = new Pipe();
  private boolean exited;
  private boolean terminated;
  private boolean stdinClosed;
  private long sequenceId = -1;
  private XmlElement lastResponse;

  private ShellCommand(String id, Process process, int maxBuffered) {
    this.id = id;
    this.process = process;
    this.stdin = process.getOutputStream();
    this.maxBuffered = maxBuffered;
  }

  /** Starts {@code commandLine}; two pump threads come from {@code threads}. */
  static ShellCommand start(
      String id,
      String commandLine,
      Path dir,
      Map<String, String> env,
      int maxBuffered,
      ThreadFactory threads)
      throws IOException {
    ShellCommand c = new ShellCommand(id, ProcessTrees.start(commandLine, dir, env), maxBuffered);
    threads.newThread(() -> c.pump(c.process.getInputStream(), c.out)).start();
    threads.newThread(() -> c.pump(c.process.getErrorStream(), c.err)).start();
    c.process
        .onExit()
        .thenRun(
            () -> {
              synchronized (c) {
                c.exited = true;
                c.notifyAll();
              }
            });
    return c;
  }

  String id() {
    return id;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  private void pump(InputStream in, Pipe pipe) {
    byte[] buf = new byte[READ_SIZE];
    try (in) {
      int n;
      while ((n = in.read(buf)) != -1) {
        byte[] copy = java.util.Arrays.copyOf(buf, n);
        synchronized (this) {
          // Never above maxBuffered, unless one read alone is larger and nothing else is held.
          while (!terminated
              && out.size + err.size > 0
              && out.size + err.size + copy.length > maxBuffered) {
            wait();
          }
          if (!terminated) {
            pipe.add(copy);
          }
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the pipe closed under us (terminate): end of stream
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) {
        pipe.eof = true;
        notifyAll();
      }
    }
  }

  /** Finished: exited and both pipes drained to EOF, or terminated and exited. */
  private boolean finished() {
    return exited && (terminated || (out.eof && err.eof));
  }

  /** Whether the command still counts against the shell's command quota. */
  synchronized boolean live() {
    return !terminated && !finished();
  }

  /**
   * Waits until there is output, or the command finished, or {@code deadlineNanos}; then takes up
   * to {@code budget} bytes of output ({@code perStream} is the size of the base64 stream for
   * {@code n} bytes, in response bytes, used to fit both streams).
   *
   * @return the chunk, or null at the deadline with nothing to say
   */
  synchronized Chunk take(int budget, java.util.function.IntUnaryOperator encoded, long deadline)
      throws InterruptedException {
    while (out.size == 0 && err.size == 0 && !finished()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000), 0);
    }
    byte[] o = out.take(fit(out.size, budget, encoded));
    int rest = budget - (o.length == 0 ? 0 : encoded.applyAsInt(o.length));
    byte[] e = err.take(fit(err.size, rest, encoded));
    notifyAll();
    boolean done = finished() && out.size == 0 && err.size == 0;
    return new Chunk(o, e, done, done ? process.exitValue() : 0);
  }

  /** The largest n ≤ available whose encoding fits {@code budget}. */
  private static int fit(int available, int budget, java.util.function.IntUnaryOperator encoded) {
    if (available == 0 || budget <= 0 || encoded.applyAsInt(1) > budget) {
      return 0;
    }
    int lo = 1;
    int hi = available;
    while (lo < hi) {
      int mid = lo + (hi - lo + 1) / 2;
      if (encoded.applyAsInt(mid) <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The response cached under {@code seq}, if it is the last one sent. */
  synchronized XmlElement replay(long seq) {
    return seq == sequenceId ? lastResponse : null;
  }

  /** The last SequenceId answered, -1 for none. */
  synchronized long sequenceId() {
    return sequenceId;
  }

  synchronized void remember(long seq, XmlElement response) {
    sequenceId = seq;
    lastResponse = response;
  }

  /** Writes stdin; closes it when {@code end}. */
  void send(byte[] data, boolean end) throws IOException {
    synchronized (this) {
      if (stdinClosed || terminated) {
        return;
      }
      if (end) {
        stdinClosed = true;
      }
    }
    try {
      if (data.length > 0) {
        stdin.write(data);
        stdin.flush();
      }
    } finally {
      if (end) {
        stdin.close();
      }
    }
  }

  /** Ctrl+C to the command's process group. */
  void interrupt() {
    ProcessTrees.interrupt(process.toHandle());
  }

  /** Kills the tree and drops buffered output; a later Receive reports Done. */
  void terminate() {
    synchronized (this) {
      terminated = true;
      out.clear();
      err.clear();
      notifyAll();
    }
    ProcessTrees.kill(process.toHandle());
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** Live processes of this command's tree. */
  int processCount() {
    return ProcessTrees.count(process.toHandle());
  }

  /** Buffered bytes of one stream. */
  private static final class Pipe {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int head;
    private int size;
    private boolean eof;

    void add(byte[] b) {
      chunks.add(b);
      size += b.length;
    }

    byte[] take(int n) {
      ByteArrayOutputStream o = new ByteArrayOutputStream(n);
      while (n > 0) {
        byte[] first = chunks.peek();
        int k = Math.min(n, first.length - head);
        o.write(first, head, k);
        head += k;
        n -= k;
        size -= k;
        if (head == first.length) {
          chunks.poll();
          head = 0;
        }
      }
      return o.toByteArray();
    }

    void clear() {
      chunks.clear();
      head = 0;
      size = 0;
    }
  }
}
