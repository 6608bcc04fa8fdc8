package org.openrms.rms.client.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What binds a store to this computer and local user, taken from outside the store: the machine ID
 * ({@code /etc/machine-id}, or {@code /var/lib/dbus/machine-id}, or else the host name) and the
 * real local user identity ({@link LocalUser}, not the spoofable {@code user.name}). It feeds the
 * machine fingerprint ({@link MachineFingerprint}) and the key that wraps the machine private key
 * ({@link MachineKeyWrap}).
 *
 * <p>Tests simulate "another machine" with {@link #overrideForTesting}.
 */
public final class MachineBinding {
  private static final Path[] MACHINE_ID_FILES = {
    Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id")
  };
  private static volatile String[] override;

  private MachineBinding() {}

  /** The machine ID, prefixed with its source ({@code machine-id:} or {@code host:}). */
  public static String machineId() {
    String[] o = override;
    if (o != null) {
      return o[0];
    }
    for (Path p : MACHINE_ID_FILES) {
      try {
        String id = Files.readString(p, StandardCharsets.US_ASCII).trim();
        if (!id.isEmpty()) {
          return "machine-id:" + id;
        }
      } catch (IOException | SecurityException e) {
        // not readable: try the next source
      }
    }
    return "host:" + hostName();
  }

  /** The local user identity the binding uses. */
  public static String localUser() {
    String[] o = override;
    return o != null ? o[1] : LocalUser.current().key();
  }

  /** The machine-bound input of the key derivation (UTF-8; the caller zeroes it). */
  static byte[] keyMaterial() {
    return ("openrms-machine-binding-v1\n" + machineId() + "\n" + localUser())
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The host name, informational (sent with the activation request). */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "localhost";
    }
  }

  /**
   * For tests: pretend to be another machine or user (a copied store), or {@code null} to undo.
   * Affects the whole JVM.
   */
  public static void overrideForTesting(String machineId, String localUser) {
    override = machineId == null ? null : new String[] {machineId, localUser};
  }
}
