package org.openrms.rms.client.internal;

import java.util.Arrays;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.StatusCallback;

/** The working parts behind one {@code RightsClient}: trust, HTTP, chain checks, sessions. */
public final class ClientRuntime {
  private final ClientSettings settings;
  private final TrustAnchors trust;
  private final RmsHttp http;
  private final ChainVerifier verifier;
  private volatile boolean closed;

  /** Sets up the runtime of a client. */
  public ClientRuntime(ClientSettings settings) {
    this.settings = settings;
    this.trust = new TrustAnchors(settings.trustedRoots());
    this.http = new RmsHttp(settings, trust, () -> closed);
    this.verifier = new ChainVerifier(trust, settings.clock(), settings.validityTolerance());
  }

  ClientSettings settings() {
    return settings;
  }

  RmsHttp http() {
    return http;
  }

  ChainVerifier verifier() {
    return verifier;
  }

  LicenseStore storeOf(SessionState session) {
    return session.store();
  }

  /** Creates a client session (arguments already checked by the caller). */
  public ClientSession createClientSession(
      StatusCallback callback, GroupIdType type, String groupId) {
    if (closed) {
      throw new DrmException(HResult.E_FAIL, "the RightsClient is closed");
    }
    LicenseStore store = LicenseStore.open(settings.storeDirectory(), settings.serviceStore());
    ServiceStoreLock lock =
        settings.serviceStore()
            ? ServiceStoreLock.acquire(
                store, LocalUser.current().key(), settings.storeLockTimeout())
            : null;
    return new ClientSessionHandle(new SessionState(this, callback, type, groupId, store, lock));
  }

  /** Zeroes the password copy. */
  public void close() {
    closed = true;
    if (settings.password() != null) {
      Arrays.fill(settings.password(), '\0');
    }
  }
}
