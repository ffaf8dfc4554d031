package dicomsql.shell;

import dicomsql.server.web.SqlFunctions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names a session can complete, read once from {@code DatabaseMetaData} (as any JDBC client
 * would) the first time they are needed: tables with their columns, and functions with their
 * signatures (as the web console lists them).
 */
final class SessionNames {
  private final Connection connection;
  private Map<String, List<String>> columns;
  private List<SqlFunctions.Function> functions;

  SessionNames(Connection connection) {
    this.connection = connection;
  }

  /** Each table (lower case, sorted) with its columns in table order. */
  synchronized Map<String, List<String>> tables() throws SQLException {
    if (columns == null) {
      Map<String, List<String>> read = new TreeMap<>();
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet rows = meta.getColumns(null, "dicom", "%", "%")) {
        while (rows.next()) {
          read.computeIfAbsent(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT),
              t -> new ArrayList<>()).add(rows.getString("COLUMN_NAME"));
        }
      }
      columns = read;
    }
    return columns;
  }

  /** The schema's functions, sorted by name. */
  synchronized List<SqlFunctions.Function> functions() throws SQLException {
    if (functions == null) {
      functions = SqlFunctions.read(connection, "dicom");
    }
    return functions;
  }
}
