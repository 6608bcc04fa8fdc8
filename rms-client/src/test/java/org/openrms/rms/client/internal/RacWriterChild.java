package org.openrms.rms.client.internal;

import java.nio.file.Path;
import java.util.UUID;

/**
 * A child process for the crash test: writes large RACs to a store in a loop and prints {@code
 * WROTE <n>} after each completed write, until it is killed. Argument: the store directory.
 */
public final class RacWriterChild {
  private RacWriterChild() {}

  public static void main(String[] args) {
    LicenseStore store = LicenseStore.open(Path.of(args[0]), false);
    String chain =
        "-----BEGIN CERTIFICATE-----\n" + "QUFB\n".repeat(400_000) + "-----END CERTIFICATE-----\n";
    for (int n = 1; n < 100_000; n++) {
      store.writeRac(
          new RacRecord(
              UUID.randomUUID().toString(),
              "crash" + n + "@example.com",
              "WINDOWS_AUTH",
              "STANDARD",
              0L,
              Long.MAX_VALUE,
              System.currentTimeMillis(),
              "ab",
              chain,
              "a..b.c.d"));
      System.out.println("WROTE " + n);
      System.out.flush();
    }
  }
}
