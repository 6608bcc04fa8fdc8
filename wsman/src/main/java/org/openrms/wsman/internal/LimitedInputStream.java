package org.openrms.wsman.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that fails once more than {@code max} bytes have been read. */
public final class LimitedInputStream extends FilterInputStream {
  private final long max;
  private long count;
  private boolean exceeded;

  /** Wraps {@code in}. */
  public LimitedInputStream(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  /** Whether the limit was hit. */
  public boolean exceeded() {
    return exceeded;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(n);
    add(s);
    return s;
  }

  private void add(long n) throws IOException {
    count += n;
    if (count > max) {
      exceeded = true;
      throw new IOException("envelope larger than " + max + " bytes");
    }
  }
}
