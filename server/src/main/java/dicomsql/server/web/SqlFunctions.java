package dicomsql.server.web;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of the {@code dicom} schema as {@code \df} and the console list them, read from
 * {@code DatabaseMetaData}: each with its signature ({@code f(a VARCHAR, b INTEGER) DOUBLE},
 * from {@code getFunctionColumns}) and what it gives (from {@code getFunctions}' REMARKS).
 */
public final class SqlFunctions {
  /** A function's name, signature and meaning. */
  public record Function(String name, String signature, String meaning) {}

  private SqlFunctions() {}

  /** The schema's functions, sorted by name. */
  public static List<Function> read(Connection connection, String schema) throws SQLException {
    List<Function> functions = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rows = meta.getFunctions(null, schema, "%")) {
      while (rows.next()) {
        String name = rows.getString("FUNCTION_NAME");
        String remarks = rows.getString("REMARKS");
        int colon = remarks == null ? -1 : remarks.indexOf(": ");
        functions.add(new Function(name, signature(meta, schema, name),
            colon < 0 ? "" : remarks.substring(colon + 2)));
      }
    }
    functions.sort((a, b) -> a.name().compareTo(b.name()));
    return List.copyOf(functions);
  }

  /** {@code name(parameter TYPE, ...) RESULT}, the result a type or TABLE(columns). */
  private static String signature(DatabaseMetaData meta, String schema, String name)
      throws SQLException {
    List<String> parameters = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    String result = "";
    try (ResultSet rows = meta.getFunctionColumns(null, schema, name, "%")) {
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
}
