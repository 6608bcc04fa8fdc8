package org.openrms.rms.client.internal;

import org.openrms.core.DrmException;
import org.openrms.core.HResult;

/** The state shared by the handles of one license storage session. */
final class StorageSessionState {
  private final SessionState parent;
  private final String issuanceLicense;
  private int handles = 1;

  StorageSessionState(SessionState parent, String issuanceLicense) {
    this.parent = parent;
    this.issuanceLicense = issuanceLicense;
  }

  SessionState parent() {
    return parent;
  }

  String issuanceLicense() {
    return issuanceLicense;
  }

  synchronized void addHandle() {
    if (handles == 0) {
      throw new DrmException(HResult.E_DRM_INVALID_HANDLE, "the storage session is closed");
    }
    handles++;
  }

  void releaseHandle() {
    boolean last;
    synchronized (this) {
      last = --handles == 0;
    }
    if (last) {
      parent.storageSessionClosed();
    }
  }
}
