package org.openrms.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * A warm-up phase, then a timed phase that records every operation's latency. JDK only: the winrm4j
 * child JVM ({@link Winrm4jBenchPeer}) uses it too.
 */
final class LatencyLoop {
  private LatencyLoop() {}

  /** One operation of a loop. */
  interface Op {
    void run() throws Exception;
  }

  /**
   * What a loop measured.
   *
   * @param warmupOps operations run during the warm-up
   * @param ops operations in the timed phase
   * @param seconds length of the timed phase
   * @param p50Ms median latency, milliseconds
   * @param p99Ms 99th percentile latency (nearest rank), milliseconds
   */
  record Result(long warmupOps, long ops, double seconds, double p50Ms, double p99Ms) {
    double opsPerSecond() {
      return ops / seconds;
    }

    String toJson() {
      return String.format(
          Locale.ROOT,
          "{\"warmup_ops\":%d,\"ops\":%d,\"seconds\":%.6f,\"p50_ms\":%.6f,\"p99_ms\":%.6f}",
          warmupOps,
          ops,
          seconds,
          p50Ms,
          p99Ms);
    }
  }

  /** Runs {@code op} for {@code warmupSeconds}, then records it for {@code seconds}. */
  static Result run(Op op, double warmupSeconds, double seconds) throws Exception {
    long warmupOps = 0;
    long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
    while (System.nanoTime() < end) {
      op.run();
      warmupOps++;
    }
    long[] lat = new long[1024];
    int n = 0;
    long start = System.nanoTime();
    end = start + (long) (seconds * 1e9);
    long now;
    do {
      long t0 = System.nanoTime();
      op.run();
      now = System.nanoTime();
      if (n == lat.length) {
        lat = Arrays.copyOf(lat, n * 2);
      }
      lat[n++] = now - t0;
    } while (now < end);
    long[] sorted = Arrays.copyOf(lat, n);
    Arrays.sort(sorted);
    return new Result(
        warmupOps,
        n,
        (now - start) / 1e9,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6);
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double p) {
    int rank = Math.max(1, (int) Math.ceil(p * sorted.length));
    return sorted[Math.min(sorted.length, rank) - 1];
  }
}
