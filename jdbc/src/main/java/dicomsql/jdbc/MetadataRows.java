package dicomsql.jdbc;

import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The rows of a {@code DatabaseMetaData} answer, built or corrected in Java and handed out as
 * an ordinary result set: a {@code VALUES} query over the connection, each value cast to its
 * column's type (plain literals would be CHAR, padded to the longest).
 */
final class MetadataRows {
  /** A column of the answer: its JDBC name and SQL type. */
  record Column(String name, String type) {}

  private final List<Column> columns;
  private final List<Object[]> rows = new ArrayList<>();

  private MetadataRows(List<Column> columns) {
    this.columns = columns;
  }

  /** An empty answer with columns given as {@code "NAME TYPE, NAME TYPE, ..."}. */
  static MetadataRows of(String spec) {
    List<Column> columns = new ArrayList<>();
    for (String column : spec.split(",")) {
      String[] parts = column.strip().split("\\s+");
      columns.add(new Column(parts[0], parts[1]));
    }
    return new MetadataRows(columns);
  }

  /** Every row of {@code source}, with its columns and their types, to correct or reorder. */
  static MetadataRows copyOf(ResultSet source) throws SQLException {
    try (source) {
      ResultSetMetaData meta = source.getMetaData();
      List<Column> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(new Column(meta.getColumnLabel(i), sqlType(meta.getColumnType(i))));
      }
      MetadataRows copy = new MetadataRows(columns);
      while (source.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = source.getObject(i + 1);
        }
        copy.rows.add(row);
      }
      return copy;
    }
  }

  private static String sqlType(int type) {
    return switch (JDBCType.valueOf(type)) {
      case SMALLINT, INTEGER, BIGINT, BOOLEAN, DOUBLE -> JDBCType.valueOf(type).getName();
      case TINYINT -> "SMALLINT";
      default -> "VARCHAR";
    };
  }

  MetadataRows add(Object... values) {
    rows.add(values);
    return this;
  }

  /** The rows, to change in place or reorder. */
  List<Object[]> rows() {
    return rows;
  }

  /** Where {@code name} sits among the columns. */
  int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no metadata column " + name);
  }

  /** The rows as a result set of {@code connection} (a Calcite connection, not ours). */
  ResultSet query(Connection connection) throws SQLException {
    StringJoiner names = new StringJoiner(", ");
    for (Column column : columns) {
      names.add('"' + column.name() + '"');
    }
    List<String> values = new ArrayList<>();
    for (Object[] row : rows.isEmpty() ? List.<Object[]>of(new Object[columns.size()]) : rows) {
      StringJoiner literals = new StringJoiner(", ", "(", ")");
      for (int i = 0; i < columns.size(); i++) {
        literals.add(literal(row[i], columns.get(i).type()));
      }
      values.add(literals.toString());
    }
    String sql = "SELECT * FROM (VALUES " + String.join(", ", values) + ") AS m(" + names + ")"
        + (rows.isEmpty() ? " WHERE 1 = 0" : "");
    return connection.createStatement().executeQuery(sql);
  }

  private static String literal(Object value, String type) {
    if (value == null) {
      return "CAST(NULL AS " + type + ")";
    }
    String text = value instanceof Boolean bool ? bool.toString().toUpperCase(Locale.ROOT)
        : value instanceof Number ? value.toString()
            : "'" + value.toString().replace("'", "''") + "'";
    if (type.equals("VARCHAR") && !(value instanceof String)) {
      text = "'" + value + "'";
    }
    return "CAST(" + text + " AS " + type + ")";
  }

  /** Whether a name matches a JDBC metadata pattern ({@code %}, {@code _}; null: any). */
  static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return name != null && name.matches("(?i)" + regex);
  }
}
