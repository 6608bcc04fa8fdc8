package org.openrms.rms.client;

import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/** Where {@link ClientSession#getServiceLocation} looks ({@code DRM_SERVICE_LOCATION_*}). */
public enum ServiceLocation {
  /** Internet (Passport) services. */
  INTERNET(0x01),
  /**
   * Enterprise services: the {@link RightsClient.Builder#serviceUrl(java.net.URI) configured
   * server} (the counterpart of the registry override and the service connection point).
   */
  ENTERPRISE(0x02);

  private final int value;

  ServiceLocation(int value) {
    this.value = value;
  }

  /** The C value. */
  public int value() {
    return value;
  }

  /**
   * Reverse lookup by C value.
   *
   * @throws DrmException with {@link HResult#E_INVALIDARG} for any other value
   */
  public static ServiceLocation fromValue(int value) {
    for (ServiceLocation l : values()) {
      if (l.value == value) {
        return l;
      }
    }
    throw new DrmException(HResult.E_INVALIDARG, "unknown service location " + value);
  }
}
