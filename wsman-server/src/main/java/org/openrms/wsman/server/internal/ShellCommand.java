package org.openrms.wsman.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.openrms.wsman.XmlElement;

/**
 * One running command of a shell: its process group, two pump threads that copy stdout and stderr
 * into bounded buffers, a watcher thread that ends the command when its shell exits, and a {@link
 * StdinQueue}. All state is guarded by {@code this}; a Receive waits on it.
 *
 * <p>Backpressure: a pump stops reading its pipe while the two buffers together hold {@code
 * maxBuffered} bytes, so a command printing without end blocks in its write instead of filling the
 * listener's memory.
 *
 * <p>The end of a command: when {@code /bin/sh} (the root) exits, the command is over. Background
 * jobs it left behind in its process group ({@code sleep 300 &}, {@code daemon &}) are killed: at
 * once when both pipes are already at end of file, otherwise after {@link #GRACE_MILLIS} for them
 * to close (output written before that is kept). The command is then Done with the root's exit code
 * once the buffered output has been received. This is WinRS's behaviour (the command's job object
 * ends with it) rather than a login shell's; to keep a process running past its command, start it
 * in its own session ({@code setsid}), which also leaves it untracked.
 */
final class ShellCommand {
  private static final int READ_SIZE = 8192;

  /** How long the pipes may stay open after the root exits before the group is killed. */
  static final long GRACE_MILLIS = 500;

  /** How long a pipe must sit idle in read after the kill to count as closed. */
  private static final long QUIET_NANOS = 100_000_000L;

  /** One piece of output taken for a ReceiveResponse. */
  record Chunk(byte[] stdout, byte[] stderr, boolean done, long exitCode) {}

  private final String id;
  private final Process process;
  private final long pgid;
  private final StdinQueue stdin;
  private final int maxBuffered;
  private final Pipe out = new Pipe();
  private final Pipe err = new Pipe();
  private boolean exited;
  private boolean ended;
  private boolean terminated;
  private boolean receiving;
  private long sequenceId = -1;
  private XmlElement lastResponse;

  private ShellCommand(String id, Process process, int maxBuffered, ThreadFactory threads) {
    this.id = id;
    this.process = process;
    this.pgid = ProcessTrees.group(process.toHandle());
    this.stdin = new StdinQueue(process.getOutputStream(), maxBuffered, threads);
    this.maxBuffered = maxBuffered;
  }

  /** Starts {@code commandLine}; its threads come from {@code threads}. */
  static ShellCommand start(
      String id,
      String commandLine,
      Path dir,
      Map<String, String> env,
      int maxBuffered,
      ThreadFactory threads)
      throws IOException {
    ShellCommand c =
        new ShellCommand(id, ProcessTrees.start(commandLine, dir, env), maxBuffered, threads);
    threads.newThread(() -> c.pump(c.process.getInputStream(), c.out)).start();
    threads.newThread(() -> c.pump(c.process.getErrorStream(), c.err)).start();
    threads.newThread(c::watch).start();
    return c;
  }

  String id() {
    return id;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** The command's process group, -1 without own groups. */
  long processGroup() {
    return pgid;
  }

  private void pump(InputStream in, Pipe pipe) {
    byte[] buf = new byte[READ_SIZE];
    try (in) {
      int n;
      while (true) {
        synchronized (this) {
          pipe.reading = true;
          pipe.since = System.nanoTime();
        }
        n = in.read(buf);
        if (n == -1) {
          break;
        }
        byte[] copy = java.util.Arrays.copyOf(buf, n);
        synchronized (this) {
          pipe.reading = false;
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
        pipe.reading = false;
        pipe.eof = true;
        notifyAll();
      }
    }
  }

  /** Waits for the root to exit, then ends the command (see the class comment). */
  private void watch() {
    try {
      process.waitFor();
      long grace = System.nanoTime() + GRACE_MILLIS * 1_000_000L;
      synchronized (this) {
        exited = true;
        notifyAll();
        while (!terminated && !(out.eof && err.eof) && System.nanoTime() - grace < 0) {
          wait(Math.max(1, (grace - System.nanoTime()) / 1_000_000));
        }
        if (terminated || (out.eof && err.eof)) {
          ended = true; // report Done now; background jobs are killed just below
          notifyAll();
        }
      }
      ProcessTrees.killGroup(pgid);
      synchronized (this) {
        // Output written before the kill may still sit in a pipe (the pumps wait for Receives).
        while (!ended && !terminated && !(quiet(out) && quiet(err))) {
          wait(20);
        }
        ended = true;
        notifyAll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** At EOF, or blocked in read (so the pipe is empty) for a while. */
  private static boolean quiet(Pipe p) {
    return p.eof || (p.reading && System.nanoTime() - p.since >= QUIET_NANOS);
  }

  /** Finished: the root exited and the command ended (see the class comment). */
  private boolean finished() {
    return exited && ended;
  }

  /** Whether the command still counts against the shell's command quota. */
  synchronized boolean live() {
    return !terminated && !finished();
  }

  /**
   * Claims the command for one Receive; a second concurrent Receive of the same command is a
   * QuotaLimit fault. Release with {@link #endReceive()}.
   */
  synchronized void beginReceive() {
    if (receiving) {
      throw ShellFaults.receivePending(id);
    }
    receiving = true;
  }

  synchronized void endReceive() {
    receiving = false;
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

  /**
   * Queues stdin (and its end when {@code end}); waits until {@code deadline} for room.
   *
   * @return false when the stdin queue stayed full until the deadline (nothing was queued)
   */
  boolean send(byte[] data, boolean end, long deadline) throws InterruptedException {
    synchronized (this) {
      if (terminated) {
        return true;
      }
    }
    return stdin.offer(data, end, deadline);
  }

  /** Ctrl+C to the command's process group. */
  void interrupt() {
    ProcessTrees.interrupt(process.toHandle());
  }

  /** Kills the tree and the group and drops buffered output; a later Receive reports Done. */
  void terminate() {
    synchronized (this) {
      terminated = true;
      out.clear();
      err.clear();
      notifyAll();
    }
    ProcessTrees.kill(process.toHandle());
    stdin.close();
  }

  /** Live processes of this command: its group's in {@code scan}, and strays while root lives. */
  int processCount(Map<Long, Integer> scan) {
    return ProcessTrees.count(process.toHandle(), scan);
  }

  /** Buffered bytes of one stream. */
  private static final class Pipe {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int head;
    private int size;
    private boolean eof;
    private boolean reading;
    private long since;

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
