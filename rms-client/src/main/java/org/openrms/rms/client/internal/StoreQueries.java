package org.openrms.rms.client.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.openrms.core.DrmException;
import org.openrms.core.EcP256;
import org.openrms.core.HResult;
import org.openrms.core.Pem;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.EnumerationFlag;
import org.openrms.rms.client.LicenseEntry;

/** {@code isActivated}, {@code enumerateLicense} and {@code deleteLicense} over the store. */
final class StoreQueries {
  private static final Set<EnumerationFlag> CLIENT_KINDS =
      EnumSet.of(
          EnumerationFlag.MACHINE,
          EnumerationFlag.GROUPIDENTITY,
          EnumerationFlag.GROUPIDENTITY_NAME,
          EnumerationFlag.GROUPIDENTITY_LID,
          EnumerationFlag.SPECIFIED_GROUPIDENTITY);
  private static final Set<EnumerationFlag> STORAGE_KINDS =
      EnumSet.of(EnumerationFlag.MACHINE, EnumerationFlag.EUL, EnumerationFlag.EUL_LID);

  private StoreQueries() {}

  static boolean isActivated(SessionState s, ActivationFlag flag) {
    if (flag == ActivationFlag.MACHINE) {
      return s.machine().isPresent();
    }
    if (flag != ActivationFlag.GROUPIDENTITY) {
      throw new DrmException(HResult.E_INVALIDARG, "pass MACHINE or GROUPIDENTITY, not " + flag);
    }
    if (s.groupId() == null) {
      throw new DrmException(HResult.E_DRM_GROUPID_NOT_SET, "the session has no group ID");
    }
    Optional<SessionState.Machine> machine = s.machine();
    if (machine.isEmpty()) {
      return false;
    }
    String keyId = EcP256.keyId(machine.get().certificate().getPublicKey());
    Instant now = s.runtime().settings().clock().instant();
    return s.store().readRacs().stream()
        .anyMatch(
            r ->
                r.email().equalsIgnoreCase(s.groupId())
                    && r.isValidAt(now)
                    && r.machineKeyId().equals(keyId));
  }

  static LicenseEntry enumerateFromClient(SessionState s, Set<EnumerationFlag> flags, int index) {
    EnumerationFlag kind = kind(flags, CLIENT_KINDS, index);
    boolean expired = flags.contains(EnumerationFlag.EXPIRED);
    if (kind == EnumerationFlag.MACHINE) {
      return new LicenseEntry(machineChain(s, expired, index), false);
    }
    if (kind == EnumerationFlag.SPECIFIED_GROUPIDENTITY && s.groupId() == null) {
      throw new DrmException(HResult.E_DRM_GROUPID_NOT_SET, "the session has no group ID");
    }
    // msdrm: "only unexpired items by default", judged at the session's creation time
    Instant created = s.createdAt();
    Stream<RacRecord> racs =
        s.store().readRacs().stream().filter(r -> expired || r.isValidAt(created));
    if (kind == EnumerationFlag.SPECIFIED_GROUPIDENTITY) {
      String email = s.groupId().toLowerCase(Locale.ROOT);
      racs = racs.filter(r -> r.email().equalsIgnoreCase(email));
    }
    List<RacRecord> list = racs.toList();
    if (index >= list.size()) {
      throw new DrmException(HResult.E_DRM_NO_MORE_DATA);
    }
    RacRecord r = list.get(index);
    String data =
        kind == EnumerationFlag.GROUPIDENTITY_NAME
            ? r.email()
            : kind == EnumerationFlag.GROUPIDENTITY_LID ? r.lid() : r.chain();
    return new LicenseEntry(data, false);
  }

  static LicenseEntry enumerateFromStorage(SessionState s, Set<EnumerationFlag> flags, int index) {
    EnumerationFlag kind = kind(flags, STORAGE_KINDS, index);
    if (kind == EnumerationFlag.MACHINE) {
      return new LicenseEntry(
          machineChain(s, flags.contains(EnumerationFlag.EXPIRED), index), false);
    }
    throw new DrmException(HResult.E_DRM_NO_MORE_DATA, "there are no end-user licenses yet");
  }

  static void delete(SessionState s, String lid) {
    if (lid == null || !s.store().deleteRac(lid.toLowerCase(Locale.ROOT))) {
      throw new DrmException(HResult.E_DRM_RECORD_NOT_FOUND, "no license with ID " + lid);
    }
  }

  private static String machineChain(SessionState s, boolean expired, int index) {
    Optional<SessionState.Machine> valid = s.machine();
    if (valid.isPresent()) {
      if (index > 0) {
        throw new DrmException(HResult.E_DRM_NO_MORE_DATA);
      }
      return valid.get().chainPem();
    }
    if (expired) {
      // an expired (or not yet valid) certificate of this machine still counts with EXPIRED
      Optional<String> stored = s.store().readMachineChain();
      if (stored.isPresent()) {
        List<X509Certificate> chain;
        try {
          chain = Pem.decodeChain(stored.get());
        } catch (IllegalArgumentException e) {
          throw new DrmException(
              HResult.E_DRM_NEEDS_MACHINE_ACTIVATION,
              "the stored machine certificate chain is corrupt; activate the machine again",
              e);
        }
        if (MachineFingerprint.current().equals(ActivationTask.fingerprintOf(chain.get(0)))) {
          if (index > 0) {
            throw new DrmException(HResult.E_DRM_NO_MORE_DATA);
          }
          return stored.get();
        }
      }
    }
    throw new DrmException(
        HResult.E_DRM_NEEDS_MACHINE_ACTIVATION, "this machine is not activated for this user");
  }

  private static EnumerationFlag kind(
      Set<EnumerationFlag> flags, Set<EnumerationFlag> supported, int index) {
    if (flags == null) {
      throw new DrmException(HResult.E_INVALIDARG, "the flags cannot be null");
    }
    if (index < 0) {
      throw new DrmException(HResult.E_INVALIDARG, "the index cannot be negative");
    }
    EnumSet<EnumerationFlag> rest =
        flags.isEmpty() ? EnumSet.noneOf(EnumerationFlag.class) : EnumSet.copyOf(flags);
    rest.remove(EnumerationFlag.EXPIRED);
    if (rest.size() != 1 || !supported.contains(rest.iterator().next())) {
      throw new DrmException(
          HResult.E_INVALIDARG,
          "unsupported enumeration flags "
              + flags
              + "; pass one of "
              + supported
              + " (and EXPIRED)");
    }
    return rest.iterator().next();
  }
}
