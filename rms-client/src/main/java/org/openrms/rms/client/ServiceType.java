package org.openrms.rms.client;

import java.util.Collection;
import java.util.Set;
import org.openrms.core.BitFlag;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/** The {@code DRM_SERVICE_TYPE_*} flags of {@link ClientSession#getServiceLocation}. */
public enum ServiceType implements BitFlag {
  /** Machine activation service. */
  ACTIVATION(0x01),
  /** Certification (user activation) service. */
  CERTIFICATION(0x02),
  /** Publishing service. */
  PUBLISHING(0x04),
  /** Client licensor service. */
  CLIENTLICENSOR(0x08),
  /** Suppress any user interface (OpenRMS never shows one; accepted and ignored). */
  SILENT(0x10);

  private final int bit;

  ServiceType(int bit) {
    this.bit = bit;
  }

  /** The C value of this flag. */
  @Override
  public int bit() {
    return bit;
  }

  /** The C bit mask of a set of flags. */
  public static int bits(Collection<ServiceType> types) {
    return BitFlag.bits(types);
  }

  /**
   * The flags of a C bit mask.
   *
   * @throws DrmException with {@link HResult#E_INVALIDARG} if a bit is not a known flag
   */
  public static Set<ServiceType> fromBits(int bits) {
    BitFlag.Decoded<ServiceType> decoded = BitFlag.decode(ServiceType.class, bits);
    Set<ServiceType> out = decoded.flags();
    int rest = decoded.unknownBits();
    if (rest != 0) {
      throw new DrmException(
          HResult.E_INVALIDARG, "unknown service type bits " + HResult.hex(rest));
    }
    return out;
  }
}
