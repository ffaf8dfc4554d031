package dicomsql.server;

import dicomsql.engine.index.IndexProgress;
import dicomsql.jdbc.DicomDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * Brings the served index up to date through the driver, as a {@code refresh=auto} connection
 * does: once before the server takes clients (building the index if there is none), then on
 * each tick of the server's background timer, while clients' connections use
 * {@code refresh=never} and so never wait for a refresh on a query of theirs.
 *
 * <p>A refresh writes a new version of the index beside the one clients read: connections
 * opened after it answer from the new version, while a connection opened before keeps the
 * version it opened (its answers stay consistent with each other) until the client reconnects
 * or the connection expires.
 *
 * <p>It keeps a connection of its own on the newest version: a process opens a version once
 * and shares it, so a client connecting while a refresh runs uses that version at once. With
 * no version open in the process, the client would have to open the index file itself, which
 * waits for the process's writer (file locks cannot be shared between threads).
 */
final class IndexRefresher implements AutoCloseable {
  private final String url;
  private final String servedUrl;
  private final Properties settings = new Properties();
  /** On the newest version, which it keeps open; null before the first refresh. */
  private Connection served;
  private boolean closed;

  /** {@code progress} hears how each build or refresh goes, from the refreshing thread. */
  IndexRefresher(ServeOptions options, IndexProgress progress) {
    this.url = options.driverUrl("auto");
    this.servedUrl = options.driverUrl("never");
    settings.put(DicomDriver.PROGRESS, progress);
  }

  /**
   * Refreshes (or builds) the index; logs what it did when it did something; whether it made a
   * new version.
   */
  boolean refresh(boolean always) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, settings);
        Statement statement = connection.createStatement();
        ResultSet status = statement.executeQuery("SELECT index_folder, last_update, seconds, "
            + "files_changed, note FROM index_status")) {
      status.next();
      String update = status.getString(2);
      boolean changed = update.equals("built") || update.equals("refreshed");
      if (always || changed) {
        String note = status.getString(5);
        ServerLog.line(String.format(Locale.ROOT, "index %s: %s in %.1f s (%d files changed)%s",
            status.getString(1), update, status.getDouble(3), status.getInt(4),
            note == null ? "" : "; " + note));
      }
      if (changed || served == null) {
        keepNewest();
      }
      return changed;
    }
  }

  /** Opens the newest version with a connection of its own, then lets go of the one before. */
  private synchronized void keepNewest() throws SQLException {
    Connection newest = DriverManager.getConnection(servedUrl);
    // A connection opens the index at its first query.
    try (Statement statement = newest.createStatement();
        ResultSet status = statement.executeQuery("SELECT index_folder FROM index_status")) {
      status.next();
    } catch (SQLException | RuntimeException e) {
      newest.close();
      throw e;
    }
    Connection before = closed ? newest : served;
    served = closed ? null : newest;
    if (before != null) {
      before.close();
    }
  }

  /** Lets go of the version it keeps open (the server is stopping). */
  @Override
  public synchronized void close() throws SQLException {
    closed = true;
    if (served != null) {
      served.close();
      served = null;
    }
  }

  /**
   * One tick of the background timer: never lets a failure end the timer. {@code onChange}
   * runs when the refresh made a new version.
   */
  void tick(Changed onChange) {
    try {
      if (refresh(false)) {
        onChange.run();
      }
    } catch (SQLException | RuntimeException e) {
      ServerLog.line("index refresh failed: " + e.getMessage());
    }
  }

  /** What follows a refresh that made a new version. */
  interface Changed {
    void run() throws SQLException;
  }
}
