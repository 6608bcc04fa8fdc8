package org.openrms.rms.server.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openrms.rms.server.UserRecord;

/** JDBC access to the {@code users} table. */
public final class UserStore {
  private static final String COLUMNS =
      "login, email, display_name, verified, enabled, created_at, password_hash";

  /** A stored user with its password hash (never leaves the server). */
  public record StoredUser(UserRecord user, String passwordHash) {}

  private final Database db;

  /** A store over this database. */
  public UserStore(Database db) {
    this.db = db;
  }

  /** Inserts a user; returns {@code false} if the login exists (nothing changed). */
  public boolean insert(UserRecord u, String passwordHash) {
    return insert(u, passwordHash, null);
  }

  /**
   * Inserts a user with its NT hash (hex; {@code null}: NTLM off); returns {@code false} if the
   * login exists (nothing changed).
   */
  public boolean insert(UserRecord u, String passwordHash, String ntHash) {
    return db.inTransaction(
        c -> {
          if (find(c, u.login()).isPresent()) {
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO users (login, email, display_name, password_hash, verified,"
                      + " enabled, created_at, updated_at, nt_hash)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            OffsetDateTime now = Times.toDb(u.createdAt());
            ps.setString(1, u.login());
            ps.setString(2, u.email());
            ps.setString(3, u.displayName());
            ps.setString(4, passwordHash);
            ps.setBoolean(5, u.verified());
            ps.setBoolean(6, u.enabled());
            ps.setObject(7, now);
            ps.setObject(8, now);
            ps.setString(9, ntHash);
            ps.executeUpdate();
          }
          return true;
        });
  }

  /** The user with this login. */
  public Optional<StoredUser> find(String login) {
    return db.inTransaction(c -> find(c, login));
  }

  private static Optional<StoredUser> find(Connection c, String login) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE login = ?")) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * The user with this login (matched case-insensitively, as NTLM does, if no login matches
   * exactly) and its hex NT hash, if NTLM is on for it.
   */
  public Optional<Map.Entry<UserRecord, String>> findNtlm(String login) {
    return db.inTransaction(
        c -> {
          Optional<Map.Entry<UserRecord, String>> exact = findNtlm(c, "login = ?", login);
          return exact.isPresent() ? exact : findNtlm(c, "LOWER(login) = LOWER(?)", login);
        });
  }

  private static Optional<Map.Entry<UserRecord, String>> findNtlm(
      Connection c, String where, String login) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + ", nt_hash FROM users WHERE nt_hash IS NOT NULL AND " + where)) {
      ps.setString(1, login);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Map.Entry<UserRecord, String> found = Map.entry(read(rs).user(), rs.getString("nt_hash"));
        return rs.next() ? Optional.empty() : Optional.of(found); // ambiguous: none
      }
    }
  }

  /** All users ordered by login. */
  public List<UserRecord> list() {
    return db.inTransaction(
        c -> {
          List<UserRecord> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY login");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(read(rs).user());
            }
          }
          return out;
        });
  }

  /** Sets a boolean or text column; returns {@code false} if there is no such login. */
  public boolean update(String login, String column, Object value, Instant now) {
    if (!List.of("email", "verified", "enabled").contains(column)) {
      throw new IllegalArgumentException("not an updatable column: " + column);
    }
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE users SET " + column + " = ?, updated_at = ? WHERE login = ?")) {
            ps.setObject(1, value);
            ps.setObject(2, Times.toDb(now));
            ps.setString(3, login);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Deletes a user; returns {@code false} if there is no such login. */
  public boolean delete(String login) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE login = ?")) {
            ps.setString(1, login);
            return ps.executeUpdate() == 1;
          }
        });
  }

  private static StoredUser read(ResultSet rs) throws SQLException {
    UserRecord u =
        new UserRecord(
            rs.getString("login"),
            rs.getString("email"),
            rs.getString("display_name"),
            rs.getBoolean("verified"),
            rs.getBoolean("enabled"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant());
    return new StoredUser(u, rs.getString("password_hash"));
  }

  /** Conversions between {@link Instant} and the database's timestamp type. */
  static final class Times {
    private Times() {}

    static OffsetDateTime toDb(Instant t) {
      return t.atOffset(ZoneOffset.UTC);
    }
  }
}
