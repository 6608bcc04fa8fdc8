package org.openrms.rms.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared pool of daemon threads activations and callbacks run on by default. */
final class DefaultExecutor {
  private static final AtomicInteger COUNT = new AtomicInteger();

  static final ExecutorService INSTANCE =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "openrms-activation-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private DefaultExecutor() {}
}
