package org.openrms.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openrms.core.HResult;
import org.openrms.core.wire.RmsPaths;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.RightsClient;
import org.openrms.rms.server.NewUser;
import org.openrms.rms.server.RightsServer;
import org.openrms.rms.server.RightsServerConfig;

/**
 * Load driver: N concurrent clients run user activations (certification) against one real rights
 * server over HTTPS on loopback, and the driver reports activations per second and p50/p99 latency.
 * In the same run it measures the crypto alone (see {@link CryptoCost}), so the numbers can be read
 * side by side.
 *
 * <pre>
 * java -cp benchmarks/target/openrms-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/* \
 *     org.openrms.benchmarks.ActivationLoadDriver --clients 8 --activations 400 --hash-iterations 600000
 * </pre>
 *
 * <p>Bounded by construction: a fixed number of activations, loopback only, and it stops itself.
 */
public final class ActivationLoadDriver {
  private ActivationLoadDriver() {}

  /** Runs the driver; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    int clients = intArg(args, "--clients", 8);
    int activations = intArg(args, "--activations", 400);
    int hashIterations = intArg(args, "--hash-iterations", 600_000);
    Path work = Files.createTempDirectory("openrms-load-");
    char[] password = "load-test-password".toCharArray();
    System.out.printf(
        "clients=%d activations=%d hashIterations=%d cores=%d%n",
        clients, activations, hashIterations, Runtime.getRuntime().availableProcessors());
    try (RightsServer server =
        RightsServer.start(
            RightsServerConfig.builder()
                .dataDirectory(work.resolve("server"))
                .port(0)
                .passwordHashIterations(hashIterations)
                .build())) {
      List<RightsClient> rcs = new ArrayList<>();
      List<ClientSession> sessions = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String user = "load" + i + "@example.com";
        server
            .directory()
            .addUser(
                NewUser.builder(user)
                    .email(user)
                    .displayName("Load " + i)
                    .password(password.clone())
                    .verified(true)
                    .build());
        RightsClient rc =
            RightsClient.builder()
                .serviceUrl(server.baseUri())
                .trustedRoots(List.of(server.rootCertificate()))
                .storeDirectory(work.resolve("store" + i))
                .credentials(user, password)
                .build();
        ClientSession s =
            rc.createClientSession((m, h, p, c) -> {}, 0, GroupIdType.WINDOWS_AUTH, user);
        HResult machine =
            s.activate(EnumSet.of(ActivationFlag.MACHINE, ActivationFlag.SILENT), null, null)
                .await(Duration.ofMinutes(1));
        if (machine != HResult.S_DRM_COMPLETED) {
          throw new IllegalStateException("machine activation failed: " + machine);
        }
        rcs.add(rc);
        sessions.add(s);
      }
      ActivationServiceInfo info =
          ActivationServiceInfo.of(server.baseUri().resolve(RmsPaths.CERTIFICATION));
      EnumSet<ActivationFlag> flags =
          EnumSet.of(ActivationFlag.GROUPIDENTITY, ActivationFlag.SILENT);
      // Warm-up: one activation per client.
      for (ClientSession s : sessions) {
        s.activate(flags, info, null).await(Duration.ofMinutes(1));
      }
      long[] latencies = new long[activations];
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (ClientSession s : sessions) {
        futures.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < activations) {
                    long t0 = System.nanoTime();
                    HResult r = s.activate(flags, info, null).await(Duration.ofMinutes(1));
                    latencies[i] = System.nanoTime() - t0;
                    if (r != HResult.S_DRM_COMPLETED) {
                      failures.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      long elapsed = System.nanoTime() - start;
      pool.shutdown();
      java.util.Arrays.sort(latencies);
      System.out.printf(
          "user activations: %d in %.2f s = %.1f/s, p50 %.1f ms, p99 %.1f ms, failures %d%n",
          activations,
          elapsed / 1e9,
          activations / (elapsed / 1e9),
          latencies[activations / 2] / 1e6,
          latencies[Math.min(activations - 1, (int) Math.ceil(activations * 0.99) - 1)] / 1e6,
          failures.get());
      for (ClientSession s : sessions) {
        s.close();
      }
      for (RightsClient rc : rcs) {
        rc.close();
      }
    }
    CryptoCost.report(hashIterations, Duration.ofSeconds(2));
  }

  private static int intArg(String[] args, String name, int dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return dflt;
  }
}
