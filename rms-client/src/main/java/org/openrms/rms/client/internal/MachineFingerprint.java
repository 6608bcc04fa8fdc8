package org.openrms.rms.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint that binds a machine certificate to this computer and local user: lowercase hex
 * SHA-256 over the machine ID and the local user ({@link MachineBinding}), so machine certificates
 * are per local user and a store copied to another machine or user is not activated there.
 */
public final class MachineFingerprint {
  private MachineFingerprint() {}

  /** The fingerprint of this machine for the current local user. */
  public static String current() {
    return of(MachineBinding.machineId(), MachineBinding.localUser());
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
    return MachineBinding.hostName();
  }
}
