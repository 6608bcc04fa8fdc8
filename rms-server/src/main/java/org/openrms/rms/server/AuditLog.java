package org.openrms.rms.server;

import java.util.List;
import org.openrms.rms.server.internal.db.AuditStore;

/**
 * Read access to the audit log: every machine activation and certification attempt, successful or
 * not. Thread-safe.
 */
public final class AuditLog {
  private final AuditStore store;

  AuditLog(AuditStore store) {
    this.store = store;
  }

  /**
   * The newest entries, newest first.
   *
   * @param limit how many at most, 1 to 10 000
   */
  public List<AuditEntry> recent(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be within 1..10000: " + limit);
    }
    return store.recent(limit);
  }
}
