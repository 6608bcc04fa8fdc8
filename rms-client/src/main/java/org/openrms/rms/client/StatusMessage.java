package org.openrms.rms.client;

import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/**
 * The kind of asynchronous operation a {@link StatusCallback} reports on ({@code DRM_STATUS_MSG}),
 * with the wire value of the C enumeration.
 */
public enum StatusMessage {
  /** Machine activation ({@code DRM_MSG_ACTIVATE_MACHINE}). */
  ACTIVATE_MACHINE(0),
  /** User activation, that is certification ({@code DRM_MSG_ACTIVATE_GROUPIDENTITY}). */
  ACTIVATE_GROUPIDENTITY(1),
  /** End-user license acquisition ({@code DRM_MSG_ACQUIRE_LICENSE}); not produced yet. */
  ACQUIRE_LICENSE(2),
  /** Revocation list acquisition ({@code DRM_MSG_ACQUIRE_ADVISORY}); not produced yet. */
  ACQUIRE_ADVISORY(3),
  /** Issuance license signing ({@code DRM_MSG_SIGN_ISSUANCE_LICENSE}); not produced yet. */
  SIGN_ISSUANCE_LICENSE(4),
  /** Client licensor certificate acquisition; not produced yet. */
  ACQUIRE_CLIENTLICENSOR(5),
  /** Issuance license template acquisition; not produced yet. */
  ACQUIRE_ISSUANCE_LICENSE_TEMPLATE(6);

  private final int value;

  StatusMessage(int value) {
    this.value = value;
  }

  /** The value of the C enumeration constant. */
  public int value() {
    return value;
  }

  /**
   * Reverse lookup by wire value.
   *
   * @throws DrmException with {@link HResult#E_INVALIDARG} for an unknown value
   */
  public static StatusMessage fromValue(int value) {
    for (StatusMessage m : values()) {
      if (m.value == value) {
        return m;
      }
    }
    throw new DrmException(HResult.E_INVALIDARG, "unknown status message " + value);
  }
}
