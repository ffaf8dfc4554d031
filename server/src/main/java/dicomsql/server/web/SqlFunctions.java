package dicomsql.server.web;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of the {@code dicom} schema as {@code \df} and the console list them, read from
 * {@code DatabaseMetaData}: each with its signature ({@code f(a VARCHAR, b INTEGER) DOUBLE},
 * from {@code getFunctionColumns}, whose REMARKS say "optional" of a parameter that may be left
 * out: {@code f(a VARCHAR[, b DOUBLE])}) and what it gives (from {@code getFunctions}'
 * REMARKS).
 */
public final class SqlFunctions {
  /** A function's name, signature and meaning. */
  public record Function(String name, String signature, String meaning) {}

  private SqlFunctions() {}

  /**
   * The schema's functions, sorted by name: two calls of the metadata, whatever the number of
   * functions (each call is a query of its own for the driver).
   */
  public static List<Function> read(Connection connection, String schema) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    Map<String, Signature> signatures = new HashMap<>();
    try (ResultSet rows = meta.getFunctionColumns(null, schema, "%", "%")) {
      while (rows.next()) {
        signatures.computeIfAbsent(rows.getString("FUNCTION_NAME"), name -> new Signature())
            .add(rows.getInt("COLUMN_TYPE"), rows.getString("COLUMN_NAME"),
                rows.getString("TYPE_NAME"), "optional".equals(rows.getString("REMARKS")));
      }
    }
    List<Function> functions = new ArrayList<>();
    try (ResultSet rows = meta.getFunctions(null, schema, "%")) {
      while (rows.next()) {
        String name = rows.getString("FUNCTION_NAME");
        String remarks = rows.getString("REMARKS");
        int colon = remarks == null ? -1 : remarks.indexOf(": ");
        functions.add(new Function(name,
            signatures.getOrDefault(name, new Signature()).text(name),
            colon < 0 ? "" : remarks.substring(colon + 2)));
      }
    }
    functions.sort((a, b) -> a.name().compareTo(b.name()));
    return List.copyOf(functions);
  }

  /** A function's parameters and result, from its function columns. */
  private static final class Signature {
    private final StringBuilder parameters = new StringBuilder();
    private final List<String> columns = new ArrayList<>();
    private String result = "";

    void add(int kind, String name, String type, boolean optional) {
      switch (kind) {
        case DatabaseMetaData.functionColumnIn -> {
          String separator = parameters.isEmpty() ? "" : ", ";
          parameters.append(optional ? "[" + separator + name + " " + type + "]"
              : separator + name + " " + type);
        }
        case DatabaseMetaData.functionColumnResult -> columns.add(name + " " + type);
        case DatabaseMetaData.functionReturn -> result = type;
        default -> {
          // No other kinds of function columns exist here.
        }
      }
    }

    /** {@code name(parameter TYPE, ...) RESULT}, the result a type or TABLE(columns). */
    String text(String name) {
      return name + "(" + parameters + ") "
          + (columns.isEmpty() ? result : "TABLE(" + String.join(", ", columns) + ")");
    }
  }
}
