package org.openrms.rms.server.internal.db;

import java.sql.SQLException;

/** An unchecked wrapper of a JDBC failure; its message is for logs, not for clients. */
public final class DataAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps a JDBC failure. */
  public DataAccessException(SQLException cause) {
    super("database failure: " + cause.getMessage(), cause);
  }
}
