package org.openrms.rms.client;

import java.util.Collection;
import java.util.Set;
import org.openrms.core.BitFlag;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The {@code DRM_EL_*} flags of {@code DRMEnumerateLicense}, with their C values.
 *
 * <p>OpenRMS supports, from a client session, exactly one of {@link #MACHINE}, {@link
 * #GROUPIDENTITY}, {@link #GROUPIDENTITY_NAME}, {@link #GROUPIDENTITY_LID} or {@link
 * #SPECIFIED_GROUPIDENTITY}, optionally combined with {@link #EXPIRED}; from a license storage
 * session {@link #MACHINE}, {@link #EUL} or {@link #EUL_LID} (there are no end-user licenses yet).
 * Every other value exists so that C bit masks convert, and is rejected with {@link
 * HResult#E_INVALIDARG} by the enumeration methods.
 */
public enum EnumerationFlag implements BitFlag {
  /** The machine certificate. */
  MACHINE(0x0001),
  /** Rights account certificates (PEM chains) of the local user. */
  GROUPIDENTITY(0x0002),
  /** The e-mail names of the rights account certificates. */
  GROUPIDENTITY_NAME(0x0004),
  /** The license IDs of the rights account certificates (for {@code deleteLicense}). */
  GROUPIDENTITY_LID(0x0008),
  /** Rights account certificates whose e-mail is the session's group ID. */
  SPECIFIED_GROUPIDENTITY(0x0010),
  /** End-user licenses. */
  EUL(0x0020),
  /** End-user license IDs. */
  EUL_LID(0x0040),
  /** Client licensor certificates. */
  CLIENTLICENSOR(0x0080),
  /** Client licensor certificate IDs. */
  CLIENTLICENSOR_LID(0x0100),
  /** The client licensor certificate of the session's group ID. */
  SPECIFIED_CLIENTLICENSOR(0x0200),
  /** Revocation lists. */
  REVOCATIONLIST(0x0400),
  /** Revocation list IDs. */
  REVOCATIONLIST_LID(0x0800),
  /** Include expired items (by default only RACs valid when the session was created). */
  EXPIRED(0x1000),
  /** Issuer names. */
  ISSUERNAME(0x2000),
  /** Issuance license templates. */
  ISSUANCELICENSE_TEMPLATE(0x4000),
  /** Issuance license template IDs. */
  ISSUANCELICENSE_TEMPLATE_LID(0x8000);

  private final int bit;

  EnumerationFlag(int bit) {
    this.bit = bit;
  }

  /** The C value of this flag. */
  @Override
  public int bit() {
    return bit;
  }

  /** The C bit mask of a set of flags. */
  public static int bits(Collection<EnumerationFlag> flags) {
    return BitFlag.bits(flags);
  }

  /**
   * The flags of a C bit mask.
   *
   * @throws DrmException with {@link HResult#E_INVALIDARG} if a bit is not a known flag
   */
  public static Set<EnumerationFlag> fromBits(int bits) {
    BitFlag.Decoded<EnumerationFlag> decoded = BitFlag.decode(EnumerationFlag.class, bits);
    Set<EnumerationFlag> out = decoded.flags();
    int rest = decoded.unknownBits();
    if (rest != 0) {
      throw new DrmException(
          HResult.E_INVALIDARG, "unknown enumeration flag bits " + HResult.hex(rest));
    }
    return out;
  }
}
