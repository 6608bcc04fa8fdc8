package org.openrms.wsman.server.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;

/**
 * The stdin of one command: a Send queues its bytes here and returns; a writer thread (started at
 * the first Send) copies them into the pipe, so a command that never reads its stdin blocks that
 * thread, never a Jetty worker. At most {@code capacity} bytes wait (one larger Send is accepted
 * when nothing waits). Input sent after the end of stdin, or after the pipe broke, is dropped, as
 * on Windows. Guarded by {@code this}.
 */
final class StdinQueue {
  private final OutputStream stdin;
  private final int capacity;
  private final ThreadFactory threads;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private int queued;
  private boolean endQueued;
  private boolean closed;
  private Thread writer;

  StdinQueue(OutputStream stdin, int capacity, ThreadFactory threads) {
    this.stdin = stdin;
    this.capacity = capacity;
    this.threads = threads;
  }

  /**
   * Queues {@code data} (and the end of stdin when {@code end}), waiting until {@code deadline}
   * (System.nanoTime) for room.
   *
   * @return false when there was no room by the deadline (nothing was queued)
   */
  synchronized boolean offer(byte[] data, boolean end, long deadline) throws InterruptedException {
    while (!closed && !endQueued && queued > 0 && queued + data.length > capacity) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    if (closed || endQueued) {
      return true;
    }
    if (data.length > 0) {
      queue.add(data);
      queued += data.length;
    }
    endQueued = end;
    if (writer == null) {
      writer = threads.newThread(this::write);
      writer.start();
    }
    notifyAll();
    return true;
  }

  private void write() {
    try {
      while (true) {
        byte[] next;
        synchronized (this) {
          while (!closed && queue.isEmpty() && !endQueued) {
            wait();
          }
          if (closed) {
            return;
          }
          next = queue.poll();
        }
        if (next == null) {
          stdin.close(); // end queued and everything before it written
          close();
          return;
        }
        stdin.write(next);
        stdin.flush();
        synchronized (this) {
          queued -= next.length;
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the command exited or closed its stdin: later input is dropped
      close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drops what waits and closes stdin; later Sends are dropped. */
  void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      queued = 0;
      notifyAll();
    }
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** Bytes waiting to be written. */
  synchronized int queued() {
    return queued;
  }
}
