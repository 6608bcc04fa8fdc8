package org.openrms.rms.client;

import java.nio.file.Path;
import java.time.Duration;
import org.openrms.core.DrmException;

/**
 * A child process for the service store tests: opens a client session on a service store, holds it
 * for a while, closes it. Prints {@code OPEN <epoch ms>}, {@code CLOSED <epoch ms>} or {@code
 * FAILED <HRESULT name> <message>} (exit code 3).
 *
 * <p>Arguments: store directory, hold milliseconds, lock timeout milliseconds.
 */
public final class ServiceStoreHolder {
  private ServiceStoreHolder() {}

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    long hold = Long.parseLong(args[1]);
    long timeout = Long.parseLong(args[2]);
    try (RightsClient client =
        RightsClient.builder()
            .storeDirectory(store)
            .serviceStore(true)
            .storeLockTimeout(Duration.ofMillis(timeout))
            .build()) {
      ClientSession session;
      try {
        session =
            client.createClientSession((m, hr, p, c) -> {}, 0, GroupIdType.WINDOWS_AUTH, null);
      } catch (DrmException e) {
        System.out.println("FAILED " + e.hresult().name() + " " + e.getMessage());
        System.out.flush();
        System.exit(3);
        return;
      }
      System.out.println("OPEN " + System.currentTimeMillis());
      System.out.flush();
      Thread.sleep(hold);
      System.out.println("CLOSED " + System.currentTimeMillis());
      System.out.flush();
      session.close();
    }
  }
}
