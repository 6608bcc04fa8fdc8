package org.openrms.rms.client.internal;

import java.util.Arrays;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.rms.client.ClientSession;
import org.openrms.rms.client.GroupIdType;
import org.openrms.rms.client.StatusCallback;

/** The working parts behind one {@code RightsClient}: HTTP, store and session creation. */
public final class ClientRuntime {
  private final ClientSettings settings;
  private volatile boolean closed;

  /** Sets up the runtime of a client. */
  public ClientRuntime(ClientSettings settings) {
    this.settings = settings;
  }

  /** Creates a client session (arguments already checked by the caller). */
  public ClientSession createClientSession(
      StatusCallback callback, GroupIdType type, String groupId) {
    if (closed) {
      throw new DrmException(HResult.E_FAIL, "the RightsClient is closed");
    }
    throw new DrmException(HResult.E_NOTIMPL, "not implemented yet");
  }

  /** Zeroes the password copy. */
  public void close() {
    closed = true;
    if (settings.password() != null) {
      Arrays.fill(settings.password(), '\0');
    }
  }
}
