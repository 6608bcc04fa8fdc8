package org.openrms.rms.client.internal;

import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.EnumerationFlag;
import org.openrms.rms.client.LicenseEntry;
import org.openrms.rms.client.LicenseStorageSession;

/** One handle on a license storage session. */
final class StorageSessionHandle implements LicenseStorageSession {
  private final StorageSessionState state;
  private boolean closed;

  StorageSessionHandle(StorageSessionState state) {
    this.state = state;
  }

  private StorageSessionState open() {
    synchronized (this) {
      if (closed) {
        throw new DrmException(
            HResult.E_DRM_INVALID_HANDLE, "this license storage session handle is closed");
      }
    }
    return state;
  }

  @Override
  public LicenseStorageSession duplicate() {
    open().addHandle();
    return new StorageSessionHandle(state);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    state.releaseHandle();
  }

  @Override
  public synchronized boolean isOpen() {
    return !closed;
  }

  @Override
  public String issuanceLicense() {
    return open().issuanceLicense();
  }

  @Override
  public LicenseEntry enumerateLicense(Set<EnumerationFlag> flags, int index) {
    return StoreQueries.enumerateFromStorage(open().parent(), flags, index);
  }

  @Override
  public void deleteLicense(String licenseId) {
    StoreQueries.delete(open().parent(), licenseId);
  }
}
