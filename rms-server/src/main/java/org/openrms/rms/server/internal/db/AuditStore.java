package org.openrms.rms.server.internal.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.openrms.rms.server.AuditEntry;

/** JDBC access to the {@code audit_log} table. */
public final class AuditStore {
  private final Database db;

  /** A store over this database. */
  public AuditStore(Database db) {
    this.db = db;
  }

  /** Appends one entry (its id is ignored). */
  public void append(AuditEntry e) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO audit_log (occurred_at, kind, login, remote_address, outcome,"
                      + " detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, e.time().atOffset(ZoneOffset.UTC));
            ps.setString(2, e.kind());
            ps.setString(3, e.login());
            ps.setString(4, truncate(e.remoteAddress(), 64));
            ps.setString(5, e.outcome());
            ps.setString(6, truncate(e.detail(), 512));
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The newest {@code limit} entries, newest first. */
  public List<AuditEntry> recent(int limit) {
    return db.inTransaction(
        c -> {
          List<AuditEntry> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, occurred_at, kind, login, remote_address, outcome, detail"
                      + " FROM audit_log ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new AuditEntry(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)));
              }
            }
          }
          return out;
        });
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
