package org.openrms.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.Msdrm;
import org.openrms.rms.client.RightsClient;
import org.openrms.rms.client.StatusCallback;

/**
 * Cost of the client session life cycle: create and close, duplicate and close, and the same
 * through the {@code Msdrm} handle table. No network: sessions only touch the local store.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SessionBenchmark {
  private static final StatusCallback NOOP = (m, h, p, c) -> {};

  private Path store;
  private RightsClient client;
  private ClientSession open;
  private int openHandle;

  /** Creates a client on a temporary store and one long-lived session to duplicate. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    store = Files.createTempDirectory("openrms-bench-store");
    client = RightsClient.builder().storeDirectory(store).build();
    open = client.createClientSession(NOOP, 0, GroupIdType.WINDOWS_AUTH, "bench@example.com");
    int[] h = new int[1];
    int hr =
        Msdrm.DRMCreateClientSession(
            (m, hres, p, c) -> 0, 0, "WindowsAuthProvider", "bench@example.com", h);
    if (hr != 0) {
      throw new IllegalStateException("DRMCreateClientSession failed: " + Integer.toHexString(hr));
    }
    openHandle = h[0];
  }

  /** Closes everything and removes the store. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Msdrm.DRMCloseSession(openHandle);
    open.close();
    client.close();
    try (var paths = Files.walk(store)) {
      paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(f -> f.delete());
    }
  }

  /** {@code createClientSession} then {@code close}. */
  @Benchmark
  public boolean createAndClose() {
    ClientSession s =
        client.createClientSession(NOOP, 0, GroupIdType.WINDOWS_AUTH, "bench@example.com");
    boolean wasOpen = s.isOpen();
    s.close();
    return wasOpen;
  }

  /** {@code duplicate} then {@code close} of the duplicate. */
  @Benchmark
  public boolean duplicateAndClose() {
    ClientSession d = open.duplicate();
    boolean wasOpen = d.isOpen();
    d.close();
    return wasOpen;
  }

  /** {@code DRMDuplicateSession} then {@code DRMCloseSession} through the handle table. */
  @Benchmark
  public int msdrmDuplicateAndClose() {
    int[] h = new int[1];
    int hr = Msdrm.DRMDuplicateSession(openHandle, h);
    return hr | Msdrm.DRMCloseSession(h[0]);
  }
}
