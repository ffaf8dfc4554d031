package dicomsql.shell;

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
 * signatures.
 */
final class SessionNames {
  /** A function's name and what {@code getFunctions} says of it. */
  record FunctionName(String name, String remarks) {}

  private final Connection connection;
  private Map<String, List<String>> columns;
  private List<FunctionName> functions;

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
  synchronized List<FunctionName> functions() throws SQLException {
    if (functions == null) {
      List<FunctionName> read = new ArrayList<>();
      try (ResultSet rows = connection.getMetaData().getFunctions(null, "dicom", "%")) {
        while (rows.next()) {
          read.add(new FunctionName(rows.getString("FUNCTION_NAME"),
              rows.getString("REMARKS")));
        }
      }
      read.sort((a, b) -> a.name().compareTo(b.name()));
      functions = read;
    }
    return functions;
  }
}
