package org.openrms.rms.server.internal.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/** JDBC access to the {@code server_meta} table. */
public final class ServerMetaStore {
  private static final String SERVER_ID = "server_id";

  private final Database db;

  /** A store over this database. */
  public ServerMetaStore(Database db) {
    this.db = db;
  }

  /** The server id, chosen (a random UUID) and stored on first call. */
  public String serverId() {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT meta_value FROM server_meta WHERE meta_key = ?")) {
            ps.setString(1, SERVER_ID);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                return rs.getString(1);
              }
            }
          }
          String id = UUID.randomUUID().toString();
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO server_meta (meta_key, meta_value) VALUES (?, ?)")) {
            ps.setString(1, SERVER_ID);
            ps.setString(2, id);
            ps.executeUpdate();
          }
          return id;
        });
  }
}
