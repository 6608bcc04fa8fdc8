package org.openrms.rms.client.internal;

import java.net.URI;
import java.util.Set;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.ActivationFlag;
import org.openrms.rms.client.ActivationFuture;
import org.openrms.rms.client.ActivationServiceInfo;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.EnumerationFlag;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.LicenseEntry;
import org.openrms.rms.client.LicenseStorageSession;
import org.openrms.rms.client.ServiceLocation;
import org.openrms.rms.client.ServiceType;

/** One handle on a client session. */
public final class ClientSessionHandle implements ClientSession {
  private final SessionState state;
  private boolean closed;

  ClientSessionHandle(SessionState state) {
    this.state = state;
  }

  /** The shared state (for tests of the zeroing of secrets). */
  public SessionState state() {
    return state;
  }

  private SessionState open() {
    synchronized (this) {
      if (closed) {
        throw new DrmException(HResult.E_DRM_INVALID_HANDLE, "this session handle is closed");
      }
    }
    return state;
  }

  @Override
  public ClientSession duplicate() {
    open().addHandle();
    return new ClientSessionHandle(state);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    state.releaseHandle();
    closed = true;
  }

  @Override
  public synchronized boolean isOpen() {
    return !closed;
  }

  @Override
  public String groupId() {
    return open().groupId();
  }

  @Override
  public GroupIdType groupIdType() {
    return open().groupIdType();
  }

  @Override
  public LicenseStorageSession createLicenseStorageSession(String issuanceLicense) {
    SessionState s = open();
    if (issuanceLicense == null || issuanceLicense.isBlank()) {
      throw new DrmException(HResult.E_INVALIDARG, "an issuance license is required");
    }
    s.storageSessionOpened();
    return new StorageSessionHandle(new StorageSessionState(s, issuanceLicense));
  }

  @Override
  public ActivationFuture activate(
      Set<ActivationFlag> flags, ActivationServiceInfo info, Object context) {
    ActivationGate.enter();
    try {
      return open().activate(flags, info, context);
    } finally {
      ActivationGate.exit(); // the callbacks of this activation may start only now
    }
  }

  @Override
  public boolean isActivated(ActivationFlag flag) {
    return StoreQueries.isActivated(open(), flag);
  }

  @Override
  public LicenseEntry enumerateLicense(Set<EnumerationFlag> flags, int index) {
    return StoreQueries.enumerateFromClient(open(), flags, index);
  }

  @Override
  public void deleteLicense(String licenseId) {
    StoreQueries.delete(open(), licenseId);
  }

  @Override
  public URI getServiceLocation(Set<ServiceType> types, ServiceLocation location) {
    return ServiceLocator.locate(open().runtime(), types, location);
  }

  @Override
  public String toString() {
    return "ClientSession["
        + state.groupIdType()
        + ", "
        + state.groupId()
        + (closed ? ", closed]" : "]");
  }
}
