package dicomsql.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A result set as an aligned text table: a header, a rule, numbers right-aligned, NULL shown as
 * {@code NULL}, values longer than the limit cut with an ellipsis, and the row count after.
 */
final class ResultTable {
  static final String NULL = "NULL";
  private final int maxWidth;

  ResultTable(int maxWidth) {
    this.maxWidth = maxWidth;
  }

  /** Prints every row; returns how many there were. */
  long print(ResultSet rows, PrintWriter out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int width = meta.getColumnCount();
    if (width == 1 && meta.getColumnLabel(1).equals("PLAN")) {
      // An EXPLAIN: its lines are the point; a table would cut them.
      long count = 0;
      while (rows.next()) {
        out.println(rows.getString(1).stripTrailing());
        count++;
      }
      return count;
    }
    String[] names = new String[width];
    boolean[] numeric = new boolean[width];
    int[] widths = new int[width];
    for (int i = 0; i < width; i++) {
      names[i] = meta.getColumnLabel(i + 1);
      numeric[i] = isNumeric(meta.getColumnType(i + 1));
      widths[i] = names[i].length();
    }
    List<String[]> cells = new ArrayList<>();
    while (rows.next()) {
      String[] row = new String[width];
      for (int i = 0; i < width; i++) {
        String value = rows.getString(i + 1);
        row[i] = value == null ? NULL : cut(value.replace('\n', ' '));
        widths[i] = Math.max(widths[i], row[i].length());
      }
      cells.add(row);
    }
    line(out, names, widths, new boolean[width]);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (String[] row : cells) {
      line(out, row, widths, numeric);
    }
    out.println("(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)"));
    return cells.size();
  }

  private String cut(String value) {
    return value.length() <= maxWidth ? value : value.substring(0, maxWidth - 1) + "…";
  }

  private static void line(PrintWriter out, String[] cells, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      line.append(i == 0 ? "" : " | ");
      String padding = " ".repeat(widths[i] - cells[i].length());
      line.append(right[i] ? padding + cells[i] : cells[i] + padding);
    }
    out.println(line.toString().stripTrailing());
  }

  private static boolean isNumeric(int type) {
    switch (type) {
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.SMALLINT:
      case Types.TINYINT:
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }
}
