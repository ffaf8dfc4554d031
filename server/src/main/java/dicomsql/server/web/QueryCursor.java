package dicomsql.server.web;

import dicomsql.server.StatementLimits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A query's result kept on the server while the console pages through it: rows are read from
 * the driver only as far as the page asked for, and the pages read are kept up to a memory
 * budget (oldest dropped first). Asking for a dropped page runs the query again and reads
 * forward to it, so a result of any size pages with bounded memory.
 *
 * <p>The statement timeout counts the time the driver spends running the query and reading its
 * rows, not the time the user spends on a page, so the result stays open between pages. A
 * page whose reading fails (timed out, cancelled) leaves the cursor to run the query again for
 * the next page asked, since the stopped run cannot read on.
 */
final class QueryCursor implements AutoCloseable {
  /** A column's label and SQL type name. */
  record Column(String name, String type, int sqlType) {}

  /** Rows {@code first} to {@code first + rows.size()} of the result. */
  record Page(List<Column> columns, long first, List<Object[]> rows, boolean last, long read) {}

  /** What a cursor keeps of the pages read, by default. */
  static final long HELD_BYTES = 64L << 20;

  private final Connection connection;
  private final String sql;
  private final StatementLimits limits;
  private final int pageSize;
  private final long heldBudget;
  private volatile Statement statement;
  private ResultSet rows;
  private List<Column> columns;
  private final Deque<Object[]> held = new ArrayDeque<>();
  private final Deque<Long> heldSizes = new ArrayDeque<>();
  private long heldFrom;
  private long heldBytes;
  private long read;
  private boolean exhausted;

  QueryCursor(Connection connection, String sql, StatementLimits limits, int pageSize,
      long heldBudget) {
    this.connection = connection;
    this.sql = sql;
    this.limits = limits;
    this.pageSize = pageSize;
    this.heldBudget = heldBudget;
  }

  /** Runs the query (again, when asked for a dropped page). */
  private void execute() throws SQLException {
    closeStatement();
    Statement next = Statements.limited(connection, limits);
    statement = next;
    rows = next.executeQuery(sql);
    ResultSetMetaData meta = rows.getMetaData();
    List<Column> read = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      read.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i),
          meta.getColumnType(i)));
    }
    columns = read;
    held.clear();
    heldSizes.clear();
    heldFrom = 0;
    heldBytes = 0;
    this.read = 0;
    exhausted = false;
  }

  /** Page {@code n} (from 0); an empty last page past the end. */
  synchronized Page page(long n) throws SQLException {
    long first = n * pageSize;
    if (rows == null || first < heldFrom) {
      execute();
    }
    try {
      // One row past the page, to know whether the page is the last.
      while (!exhausted && read <= first + pageSize) {
        readRow(first);
      }
    } catch (SQLException e) {
      closeStatement();
      rows = null;
      throw e;
    }
    List<Object[]> page = new ArrayList<>();
    long index = heldFrom;
    for (Object[] row : held) {
      if (index >= first && index < first + pageSize) {
        page.add(row);
      }
      index++;
    }
    return new Page(columns, first, page, exhausted && read <= first + pageSize, read);
  }

  private void readRow(long keepFrom) throws SQLException {
    if (!rows.next()) {
      exhausted = true;
      closeStatement();
      return;
    }
    Object[] row = new Object[columns.size()];
    long size = 16;
    for (int i = 0; i < row.length; i++) {
      row[i] = Cell.read(rows, i + 1, columns.get(i).sqlType());
      size += Cell.bytes(row[i]);
    }
    held.addLast(row);
    heldSizes.addLast(size);
    heldBytes += size;
    read++;
    while (heldBytes > heldBudget && heldFrom < keepFrom) {
      held.removeFirst();
      heldBytes -= heldSizes.removeFirst();
      heldFrom++;
    }
  }

  /** Stops the query where it runs; the page being read fails with SQLState 57014. */
  void cancel() throws SQLException {
    Statement running = statement;
    if (running != null) {
      running.cancel();
    }
  }

  private void closeStatement() throws SQLException {
    Statement open = statement;
    statement = null;
    if (open != null) {
      open.close();
    }
  }

  @Override
  public void close() throws SQLException {
    closeStatement();
  }
}
