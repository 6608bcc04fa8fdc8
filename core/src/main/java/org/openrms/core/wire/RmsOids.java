package org.openrms.core.wire;

/**
 * Object identifiers of the X.509 extensions OpenRMS puts into its certificates. They live under a
 * UUID-derived arc ({@code 2.25.<uuid>}, ITU-T X.667), which needs no registration.
 */
public final class RmsOids {
  /** The OpenRMS arc. */
  public static final String ARC = "2.25.233845128061431373364330924342683447301";

  /**
   * Machine fingerprint extension of machine certificates: a DER UTF8String holding the lowercase
   * hex SHA-256 fingerprint.
   */
  public static final String MACHINE_FINGERPRINT = ARC + ".1";

  /**
   * RAC information extension: a DER UTF8String {@code "<groupIdType>;<racType>"}, for example
   * {@code "WINDOWS_AUTH;STANDARD"} or {@code "PASSPORT;TEMPORARY"}.
   */
  public static final String RAC_INFO = ARC + ".2";

  private RmsOids() {}
}
