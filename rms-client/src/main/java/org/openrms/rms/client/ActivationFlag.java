package org.openrms.rms.client;

import java.util.Collection;
import java.util.Set;
import org.openrms.core.BitFlag;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The {@code DRM_ACTIVATE_*} flags of {@link ClientSession#activate}, with their C values.
 *
 * <p>Rules (checked by {@code activate}): {@link #MACHINE} requires {@link #SILENT} and excludes
 * {@link #GROUPIDENTITY}; {@link #SILENT} with {@link #GROUPIDENTITY} requires an {@link
 * ActivationServiceInfo}; silent {@link GroupIdType#PASSPORT} activation is not allowed; {@link
 * #TEMPORARY} is ignored without {@link #SILENT}; {@link #CANCEL} cancels the activation in
 * progress.
 */
public enum ActivationFlag implements BitFlag {
  /** Activate the computer for the local user (a machine certificate). */
  MACHINE(0x01),
  /** Activate the user (a rights account certificate). */
  GROUPIDENTITY(0x02),
  /** Request a temporary rights account certificate (15 minutes by default). */
  TEMPORARY(0x04),
  /** Cancel the activation in progress on the session. */
  CANCEL(0x08),
  /** No user interface: use the configured credentials and the given service info. */
  SILENT(0x10),
  /** Not used (accepted and ignored, as in the C API). */
  SHARED_GROUPIDENTITY(0x20),
  /** Delayed machine activation of RMS 1.0; accepted and ignored. */
  DELAYED(0x40);

  private final int bit;

  ActivationFlag(int bit) {
    this.bit = bit;
  }

  /** The C value of this flag. */
  @Override
  public int bit() {
    return bit;
  }

  /** The C bit mask of a set of flags ({@code 0} for an empty set). */
  public static int bits(Collection<ActivationFlag> flags) {
    return BitFlag.bits(flags);
  }

  /**
   * The flags of a C bit mask.
   *
   * @throws DrmException with {@link HResult#E_INVALIDARG} if a bit is not a known flag
   */
  public static Set<ActivationFlag> fromBits(int bits) {
    BitFlag.Decoded<ActivationFlag> decoded = BitFlag.decode(ActivationFlag.class, bits);
    Set<ActivationFlag> out = decoded.flags();
    int rest = decoded.unknownBits();
    if (rest != 0) {
      throw new DrmException(
          HResult.E_INVALIDARG, "unknown activation flag bits " + HResult.hex(rest));
    }
    return out;
  }
}
