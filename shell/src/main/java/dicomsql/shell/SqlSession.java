package dicomsql.shell;

import dicomsql.jdbc.DicomDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A JDBC connection to a data folder and the running of statements on it, each result printed
 * in the chosen format. The shell reaches the engine only through this connection, as any JDBC
 * client does.
 */
final class SqlSession implements AutoCloseable {
  private final Connection connection;
  private final FileProgress progress;
  private ResultFormat format;
  private int screenWidth;
  private int rowLimit;
  private Layout.Expanded expanded = Layout.Expanded.OFF;
  private boolean timing;
  private volatile Statement running;
  private static final Pattern EXPLAIN =
      Pattern.compile("^EXPLAIN\\s+(?!PLAN\\b)", Pattern.CASE_INSENSITIVE);

  SqlSession(Path data, Path index, String refresh, Path phaseRules, ResultFormat format)
      throws SQLException {
    this(data, index, refresh, phaseRules, null, format);
  }

  /**
   * A session on a data folder; null options take the driver's defaults. {@code refresh} is
   * auto, never or rebuild; {@code threads} read files when the index is built.
   */
  SqlSession(Path data, Path index, String refresh, Path phaseRules, Integer threads,
      ResultFormat format) throws SQLException {
    StringBuilder url = new StringBuilder("jdbc:dicom:").append(data.toAbsolutePath());
    if (index != null) {
      url.append(";index=").append(index.toAbsolutePath());
    }
    if (refresh != null) {
      url.append(";refresh=").append(refresh);
    }
    if (phaseRules != null) {
      url.append(";phaseRules=").append(phaseRules.toAbsolutePath());
    }
    if (threads != null) {
      url.append(";threads=").append(threads);
    }
    this.progress = new FileProgress("Indexing");
    Properties properties = new Properties();
    properties.put(DicomDriver.PROGRESS, IndexCommand.listener(progress));
    this.connection = DriverManager.getConnection(url.toString(), properties);
    this.format = format;
  }

  Connection connection() {
    return connection;
  }

  /** Files read so far to build or refresh the index. */
  long filesRead() {
    return progress.files();
  }

  void format(ResultFormat newFormat) {
    this.format = newFormat;
  }

  ResultFormat format() {
    return format;
  }

  /** At most this many rows of a table are shown (0: all); the rest are not read. */
  void rowLimit(int rows) {
    this.rowLimit = rows;
  }

  /**
   * The terminal's width, past which a table cuts values and an automatic expanded display
   * shows records; 0 when results do not go to a terminal.
   */
  void screenWidth(int width) {
    this.screenWidth = width;
  }

  void expanded(Layout.Expanded mode) {
    this.expanded = mode;
  }

  Layout.Expanded expanded() {
    return expanded;
  }

  void timing(boolean on) {
    this.timing = on;
  }

  boolean timing() {
    return timing;
  }

  /**
   * Runs one statement and prints its result; an SQL error is thrown for the caller to show.
   * {@code EXPLAIN query}, as psql and duckdb users type it, is Calcite's {@code EXPLAIN PLAN
   * FOR query}.
   */
  void run(String sql, PrintWriter out) throws SQLException {
    warnIfBehind();
    long started = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      running = statement;
      boolean hasRows = statement.execute(EXPLAIN.matcher(sql).replaceFirst("EXPLAIN PLAN FOR "));
      progress.close();
      if (hasRows) {
        try (ResultSet result = statement.getResultSet()) {
          format.write(result, out, new Layout(screenWidth, rowLimit, expanded, started, timing));
        }
      }
      if (timing && (!hasRows || format != ResultFormat.TABLE)) {
        out.printf(Locale.ROOT, "Time: %.3f s%n", (System.nanoTime() - started) / 1e9);
      }
      out.flush();
    } finally {
      running = null;
      progress.close();
    }
  }

  /**
   * A session held open (the shell) says once, on stderr, that another process or connection
   * has refreshed the index since it opened it, so that its answers are not silently old.
   */
  private void warnIfBehind() throws SQLException {
    for (SQLWarning w = connection.getWarnings(); w != null; w = w.getNextWarning()) {
      if (DicomDriver.INDEX_SUPERSEDED.equals(w.getSQLState())) {
        progress.notice(w.getMessage());
        connection.clearWarnings();
        return;
      }
    }
  }

  /**
   * How many files the index holds, DICOM or reported unreadable; building or refreshing it
   * first, as the first query would.
   */
  long indexedFiles() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT (SELECT COUNT(*) FROM instances) "
            + "+ (SELECT COUNT(*) FROM scan_errors)")) {
      rows.next();
      return rows.getLong(1);
    } finally {
      progress.close();
    }
  }

  /** Runs a query and writes the PNG values it returns to files in {@code folder}. */
  PngExport.Written writePngs(String sql, Path folder) throws SQLException, IOException {
    try (Statement statement = connection.createStatement()) {
      running = statement;
      try (ResultSet result = statement.executeQuery(sql)) {
        progress.close();
        return PngExport.write(result, folder);
      }
    } finally {
      running = null;
      progress.close();
    }
  }

  /** Cancels the statement that is running, if one is. */
  void cancel() {
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        // The statement ended meanwhile: nothing left to cancel.
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
