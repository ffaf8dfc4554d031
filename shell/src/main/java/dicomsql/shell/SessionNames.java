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
  /**
   * A function's name, its signature with types ({@code f(a VARCHAR, b INTEGER) DOUBLE}, from
   * {@code getFunctionColumns}) and what it gives (from {@code getFunctions}' REMARKS).
   */
  record FunctionName(String name, String signature, String meaning) {}

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

  /** {@code name(parameter TYPE, ...) RESULT}, the result a type or TABLE(columns). */
  private static String signature(DatabaseMetaData meta, String name) throws SQLException {
    List<String> parameters = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    String result = "";
    try (ResultSet rows = meta.getFunctionColumns(null, "dicom", name, "%")) {
      while (rows.next()) {
        String column = rows.getString("COLUMN_NAME") + " " + rows.getString("TYPE_NAME");
        switch (rows.getInt("COLUMN_TYPE")) {
          case DatabaseMetaData.functionColumnIn -> parameters.add(column);
          case DatabaseMetaData.functionColumnResult -> columns.add(column);
          case DatabaseMetaData.functionReturn -> result = rows.getString("TYPE_NAME");
          default -> {
            // No other kinds of function columns exist here.
          }
        }
      }
    }
    return name + "(" + String.join(", ", parameters) + ") "
        + (columns.isEmpty() ? result : "TABLE(" + String.join(", ", columns) + ")");
  }

  /** The schema's functions, sorted by name. */
  synchronized List<FunctionName> functions() throws SQLException {
    if (functions == null) {
      List<FunctionName> read = new ArrayList<>();
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet rows = meta.getFunctions(null, "dicom", "%")) {
        while (rows.next()) {
          String name = rows.getString("FUNCTION_NAME");
          String remarks = rows.getString("REMARKS");
          int colon = remarks == null ? -1 : remarks.indexOf(": ");
          read.add(new FunctionName(name, signature(meta, name),
              colon < 0 ? "" : remarks.substring(colon + 2)));
        }
      }
      read.sort((a, b) -> a.name().compareTo(b.name()));
      functions = read;
    }
    return functions;
  }
}
