package org.openrms.benchmarks;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import java.io.StringWriter;
import java.io.Writer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

/**
 * The winrm4j 0.12.3 side of {@link WsmanLoadDriver}, run in a child JVM whose classpath is this
 * module's classes plus {@code target/winrm4j-lib}: CXF, JAXB and Woodstox never share a classpath
 * with the listener under test. Uses only winrm4j, the JDK and {@link LatencyLoop} (no Jackson: it
 * prints its JSON by hand).
 *
 * <p>Usage: {@code Winrm4jBenchPeer MODE ENDPOINT USER WARMUP_SECONDS SECONDS [BYTES [RUNS]]}; the
 * password comes from {@code OPENRMS_PEER_PASSWORD}. Basic over plain HTTP, payload encryption off.
 *
 * <ul>
 *   <li>{@code echo}: one {@link WinRmClient#createShell()}, then {@link ShellCommand#execute}
 *       {@code echo hi} in a loop (winrm4j's own {@code WinRmClient.command} reuses one cached
 *       shell the same way)
 *   <li>{@code echo-newshell}: createShell + execute + close per operation
 *   <li>{@code throughput}: execute a command printing BYTES 'x' into a counting, hashing {@link
 *       Writer}, RUNS times after one warm-up run of BYTES/10
 * </ul>
 *
 * <p>winrm4j has no Identify: its {@code WinRm} port offers Create, Command, Receive, Signal and
 * Delete only.
 */
public final class Winrm4jBenchPeer {
  private Winrm4jBenchPeer() {}

  /** Runs one mode and prints one JSON line; see the class comment. */
  public static void main(String[] args) throws Exception {
    String result;
    WinRmClientContext context = WinRmClientContext.newInstance();
    try {
      result = run(args, context);
    } catch (Throwable e) {
      e.printStackTrace();
      result =
          "{\"error\":\""
              + json(e.getClass().getName())
              + "\",\"message\":\""
              + json(String.valueOf(e.getMessage()))
              + "\"}";
    } finally {
      context.shutdown();
    }
    System.out.println(result);
    System.out.flush();
    // CXF leaves non-daemon threads behind.
    System.exit(0);
  }

  private static String run(String[] args, WinRmClientContext context) throws Exception {
    String mode = args[0];
    String endpoint = args[1];
    String user = args[2];
    double warmup = Double.parseDouble(args[3]);
    double seconds = Double.parseDouble(args[4]);
    try (WinRmClient client =
        WinRmClient.builder(endpoint)
            .authenticationScheme("Basic")
            .credentials(user, System.getenv("OPENRMS_PEER_PASSWORD"))
            .payloadEncryptionMode(PayloadEncryptionMode.OFF)
            .operationTimeout(20_000L)
            .context(context)
            .build()) {
      switch (mode) {
        case "echo":
          try (ShellCommand shell = client.createShell()) {
            return loop(() -> echo(shell), warmup, seconds);
          }
        case "echo-newshell":
          return loop(
              () -> {
                try (ShellCommand shell = client.createShell()) {
                  echo(shell);
                }
              },
              warmup,
              seconds);
        case "throughput":
          long size = Long.parseLong(args[5]);
          int runs = args.length > 6 ? Integer.parseInt(args[6]) : 1;
          try (ShellCommand shell = client.createShell()) {
            throughput(shell, Math.max(1, size / 10));
            StringBuilder out = new StringBuilder("{\"runs\":[");
            for (int i = 0; i < runs; i++) {
              out.append(i == 0 ? "" : ",").append(throughput(shell, size));
            }
            return out.append("]}").toString();
          }
        default:
          throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
  }

  private static void echo(ShellCommand shell) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = shell.execute("echo hi", out, err);
    if (code != 0 || !out.toString().equals("hi\n")) {
      throw new IllegalStateException("echo gave " + code + " '" + out + "' '" + err + "'");
    }
  }

  private static String loop(LatencyLoop.Op op, double warmup, double seconds) throws Exception {
    return LatencyLoop.run(op, warmup, seconds).toJson();
  }

  private static String throughput(ShellCommand shell, long size) throws Exception {
    MessageDigest got = MessageDigest.getInstance("SHA-256");
    long[] count = new long[1];
    Writer counting =
        new Writer() {
          private final byte[] buf = new byte[8192];

          @Override
          public void write(char[] cbuf, int off, int len) {
            count[0] += len;
            while (len > 0) {
              int n = Math.min(len, buf.length);
              for (int i = 0; i < n; i++) {
                buf[i] = (byte) cbuf[off + i];
              }
              got.update(buf, 0, n);
              off += n;
              len -= n;
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    StringWriter err = new StringWriter();
    long t0 = System.nanoTime();
    int code = shell.execute("head -c " + size + " /dev/zero | tr '\\0' 'x'", counting, err);
    long elapsed = System.nanoTime() - t0;
    if (code != 0 || count[0] != size) {
      throw new IllegalStateException("got " + count[0] + " chars, exit " + code + ", " + err);
    }
    boolean ok = Arrays.equals(got.digest(), xDigest(size));
    return String.format(
        Locale.ROOT,
        "{\"bytes\":%d,\"seconds\":%.6f,\"sha256_ok\":%s}",
        count[0],
        elapsed / 1e9,
        ok);
  }

  static byte[] xDigest(long size) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 16];
    Arrays.fill(block, (byte) 'x');
    for (long left = size; left > 0; left -= block.length) {
      d.update(block, 0, (int) Math.min(left, block.length));
    }
    return d.digest();
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
