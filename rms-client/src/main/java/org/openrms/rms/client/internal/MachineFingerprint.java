package org.openrms.rms.client.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint that binds a machine certificate to this computer and local user: lowercase hex
 * SHA-256 over the machine ID ({@code /etc/machine-id}, or {@code /var/lib/dbus/machine-id}, or
 * else the host name) and the local user name ({@code user.name}), so machine certificates are per
 * local user and a store copied to another machine or user is not activated there.
 */
public final class MachineFingerprint {
  private static final Path[] MACHINE_ID_FILES = {
    Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id")
  };

  private MachineFingerprint() {}

  /** The fingerprint of this machine for the current local user. */
  public static String current() {
    return of(machineId(), System.getProperty("user.name", ""));
  }

  /** The fingerprint for an explicit machine ID and user name. */
  public static String of(String machineId, String userName) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(
          ("openrms-machine-v1\n" + machineId + "\n" + userName).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
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

  private static String machineId() {
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
}
