package org.openrms.wsman.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A byte pipe from one producer thread to one reading {@link InputStream}, holding at most {@code
 * capacity} bytes: the producer blocks while it is full, so output that nobody reads cannot fill
 * the heap. Closing the reading side makes later writes discard their bytes; the producer ends the
 * stream with {@link #finish(IOException)}, optionally with an error the reader then gets.
 */
public final class BoundedPipe extends InputStream {
  private final byte[] ring;
  private int head;
  private int size;
  private boolean finished;
  private boolean readerClosed;
  private IOException failure;

  /** A pipe holding up to {@code capacity} bytes. */
  public BoundedPipe(int capacity) {
    this.ring = new byte[capacity];
  }

  /**
   * Appends {@code data}, waiting while the pipe is full.
   *
   * @throws InterruptedIOException if the producer is interrupted while waiting
   */
  public synchronized void write(byte[] data) throws InterruptedIOException {
    int off = 0;
    while (off < data.length) {
      while (size == ring.length && !readerClosed) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while the reader was not reading");
        }
      }
      if (readerClosed) {
        return;
      }
      int tail = (head + size) % ring.length;
      int n = Math.min(data.length - off, Math.min(ring.length - size, ring.length - tail));
      System.arraycopy(data, off, ring, tail, n);
      size += n;
      off += n;
      notifyAll();
    }
  }

  /** Ends the stream: the reader gets the buffered bytes, then {@code error} or end of stream. */
  public synchronized void finish(IOException error) {
    if (!finished) {
      finished = true;
      failure = error;
      notifyAll();
    }
  }

  @Override
  public synchronized int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (size == 0) {
      if (readerClosed) {
        throw new IOException("the stream is closed");
      }
      if (finished) {
        if (failure != null) {
          throw new IOException(failure.getMessage(), failure);
        }
        return -1;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for output");
      }
    }
    int n = Math.min(len, Math.min(size, ring.length - head));
    System.arraycopy(ring, head, b, off, n);
    head = (head + n) % ring.length;
    size -= n;
    notifyAll();
    return n;
  }

  @Override
  public synchronized int available() {
    return size;
  }

  /** Closes the reading side; buffered and later bytes are dropped. */
  @Override
  public synchronized void close() {
    readerClosed = true;
    size = 0;
    notifyAll();
  }
}
