package dicomsql.server.web;

import dicomsql.server.ReadOnlySql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;

/**
 * One open console page: its user, its CSRF token, its own connection (opened on its first
 * statement) and the result it pages through. A new query replaces the previous result.
 */
final class WebSession implements AutoCloseable {
  static final String READ_ONLY = "25006";

  private final String user;
  private final ConsoleSettings settings;
  private Connection connection;
  private volatile QueryCursor cursor;
  private volatile long lastUsed = System.nanoTime();

  WebSession(String user, ConsoleSettings settings) {
    this.user = user;
    this.settings = settings;
  }

  String user() {
    return user;
  }

  void touch() {
    lastUsed = System.nanoTime();
  }

  boolean idleLongerThan(long nanos) {
    return System.nanoTime() - lastUsed > nanos;
  }

  synchronized Connection connection() throws SQLException {
    if (connection == null) {
      connection = settings.connect();
    }
    return connection;
  }

  /** Runs a query and returns its first page; the previous result is closed. */
  QueryCursor.Page run(String sql, int pageSize) throws SQLException {
    refuseWrites(sql);
    QueryCursor next = new QueryCursor(connection(), sql, settings.limits(), pageSize,
        QueryCursor.HELD_BYTES);
    QueryCursor previous = cursor;
    cursor = next;
    if (previous != null) {
      previous.close();
    }
    return next.page(0);
  }

  /** Page {@code n} of the last query's result. */
  QueryCursor.Page page(long n) throws SQLException {
    QueryCursor current = cursor;
    if (current == null) {
      throw new IllegalStateException("no query has run in this console yet");
    }
    return current.page(n);
  }

  /** Stops the running query, if any. */
  void cancel() throws SQLException {
    QueryCursor current = cursor;
    if (current != null) {
      current.cancel();
    }
  }

  /** The same rule as for Avatica's clients: the server only reads. */
  static void refuseWrites(String sql) throws SQLException {
    String kind = ReadOnlySql.refused(sql);
    if (kind != null) {
      throw new SQLSyntaxErrorException("this server is read-only: " + kind
          + " statements are not allowed", READ_ONLY);
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    QueryCursor current = cursor;
    cursor = null;
    try {
      if (current != null) {
        current.close();
      }
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
  }
}
