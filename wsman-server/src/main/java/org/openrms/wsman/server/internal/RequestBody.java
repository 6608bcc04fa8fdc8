package org.openrms.wsman.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request body read completely, so that Jetty keeps the connection (dependencies §1): bytes up to
 * the cap are kept; the rest is read and dropped up to a drain limit.
 *
 * @param bytes the body, or its first {@code max} bytes when {@link #tooLarge()}
 * @param tooLarge whether the body was larger than the cap
 * @param drained whether the whole body was read (false: the connection must close)
 */
public record RequestBody(byte[] bytes, boolean tooLarge, boolean drained) {
  /**
   * Reads the body of {@code request}, keeping at most {@code max} bytes and reading up to {@code
   * max(4 * max, 4 MiB)} in total.
   *
   * @throws IOException if the connection fails while reading
   */
  public static RequestBody read(Request request, int max) throws IOException {
    long drainLimit = Math.max(4L * max, 4L << 20);
    long declared = request.getLength();
    if (declared > drainLimit) {
      return new RequestBody(new byte[0], true, false);
    }
    InputStream in = Content.Source.asInputStream(request);
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 4096);
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      if (total + n <= max) {
        out.write(buf, 0, n);
      } else if (total < max) {
        out.write(buf, 0, (int) (max - total));
      }
      total += n;
      if (total > drainLimit) {
        return new RequestBody(out.toByteArray(), true, false);
      }
    }
    return new RequestBody(out.toByteArray(), total > max, true);
  }
}
