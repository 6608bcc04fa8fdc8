package org.openrms.rms.client;

import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * How the user of a client session is authenticated when a rights account certificate (RAC) is
 * requested: the group-ID provider type of {@code DRMCreateClientSession}.
 */
public enum GroupIdType {
  /**
   * Windows authentication ({@code DRM_DEFAULTGROUPIDTYPE_WINDOWSAUTH}); in OpenRMS the directory
   * login of the {@link RightsClient}'s credentials.
   */
  WINDOWS_AUTH("WindowsAuthProvider"),
  /** Passport, today a federated identity ({@code DRM_DEFAULTGROUPIDTYPE_PASSPORT}). */
  PASSPORT("PassportAuthProvider");

  private final String providerName;

  GroupIdType(String providerName) {
    this.providerName = providerName;
  }

  /** The provider type string of the C API, for example {@code "WindowsAuthProvider"}. */
  public String providerName() {
    return providerName;
  }

  /**
   * The type for a C API provider type string (exact, case-sensitive match).
   *
   * @throws DrmException with {@link HResult#E_INVALIDARG} for {@code null} or any other string
   */
  public static GroupIdType fromProviderName(String providerName) {
    for (GroupIdType t : values()) {
      if (t.providerName.equals(providerName)) {
        return t;
      }
    }
    throw new DrmException(
        HResult.E_INVALIDARG,
        "unknown group-ID provider type '"
            + providerName
            + "' (expected WindowsAuthProvider or PassportAuthProvider)");
  }
}
