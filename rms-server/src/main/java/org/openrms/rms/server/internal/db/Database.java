package org.openrms.rms.server.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The H2 file database {@code DATA/rms} in PostgreSQL mode behind a HikariCP pool, migrated by
 * Flyway ({@code db/migration}) on open.
 */
public final class Database implements AutoCloseable {
  /** User name of the embedded database (empty password: the data directory is owner-only). */
  public static final String USER = "sa";

  private final String jdbcUrl;
  private final HikariDataSource pool;

  private Database(String jdbcUrl, HikariDataSource pool) {
    this.jdbcUrl = jdbcUrl;
    this.pool = pool;
  }

  /** The JDBC URL of the embedded database in a data directory. */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("rms")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  /**
   * Opens the pool and migrates the schema.
   *
   * @param poolName a name for pool threads and logs
   * @param maxConnections pool size
   */
  public static Database open(Path dataDir, String poolName, int maxConnections) {
    String url = h2Url(dataDir);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url);
    cfg.setUsername(USER);
    cfg.setPassword("");
    cfg.setPoolName(poolName);
    cfg.setMaximumPoolSize(maxConnections);
    cfg.setMinimumIdle(1);
    cfg.setConnectionTimeout(5_000);
    cfg.setInitializationFailTimeout(1);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(cfg);
    } catch (RuntimeException e) {
      throw translateOpenFailure(dataDir, e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException("cannot migrate the database in " + dataDir, e);
    }
    return new Database(url, pool);
  }

  private static RuntimeException translateOpenFailure(Path dataDir, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && ((SQLException) t).getErrorCode() == 90020) {
        return new IllegalStateException(
            "the data directory " + dataDir + " is in use by a running server; stop it first", e);
      }
    }
    return new IllegalStateException("cannot open the database in " + dataDir, e);
  }

  /** The JDBC URL (user {@value #USER}, empty password). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return pool;
  }

  /** Runs {@code work} in one transaction, committing on success and rolling back on failure. */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface SqlWork<T> {
    /** Runs on a connection inside a transaction. */
    T run(Connection c) throws SQLException;
  }
}
