package dicomsql.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A result set as an aligned text table: a header, a rule, numbers right-aligned, NULL shown as
 * {@code NULL}, binary values as their size (and PNG when they are one), values longer than the
 * limit cut with an ellipsis, and the row count after; or, expanded, one block per record with
 * every value in full.
 */
final class ResultTable {
  static final String NULL = "NULL";
  private final Layout layout;

  ResultTable(Layout layout) {
    this.layout = layout;
  }

  /** Prints the rows, up to the layout's limit; returns how many were printed. */
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
    for (int i = 0; i < width; i++) {
      names[i] = meta.getColumnLabel(i + 1);
      numeric[i] = isNumeric(meta.getColumnType(i + 1));
    }
    List<String[]> cells = new ArrayList<>();
    boolean more = false;
    while (rows.next()) {
      if (layout.rowLimit() > 0 && cells.size() == layout.rowLimit()) {
        more = true;
        break;
      }
      String[] row = new String[width];
      for (int i = 0; i < width; i++) {
        row[i] = cell(rows, i + 1, meta.getColumnType(i + 1));
      }
      cells.add(row);
    }
    int[] widths = widths(names, cells);
    int tableWidth = 3 * (width - 1);
    for (int w : widths) {
      tableWidth += w;
    }
    Layout.Expanded expanded = layout.expanded();
    if (expanded == Layout.Expanded.ON || expanded == Layout.Expanded.AUTO
        && layout.screenWidth() > 0 && tableWidth > layout.screenWidth()) {
      records(out, names, cells, expanded == Layout.Expanded.ON ? Integer.MAX_VALUE
          : layout.screenWidth());
    } else {
      table(out, names, widths, numeric, cells);
    }
    out.println(layout.footer(cells.size(), more));
    return cells.size();
  }

  /** The width of each column: its name or its longest value as cut for a table. */
  private int[] widths(String[] names, List<String[]> cells) {
    int[] widths = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      widths[i] = names[i].length();
    }
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], cut(row[i], layout.maxWidth()).length());
      }
    }
    return widths;
  }

  private void table(PrintWriter out, String[] names, int[] widths, boolean[] numeric,
      List<String[]> cells) {
    int width = names.length;
    line(out, names, widths, new boolean[width]);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (String[] row : cells) {
      String[] shown = new String[width];
      for (int i = 0; i < width; i++) {
        shown[i] = cut(row[i], layout.maxWidth());
      }
      line(out, shown, widths, numeric);
    }
  }

  /**
   * A block per record, each value on its own line after its column name, cut to fit a screen
   * of {@code screenWidth}.
   */
  private static void records(PrintWriter out, String[] names, List<String[]> cells,
      int screenWidth) {
    int nameWidth = 0;
    for (String name : names) {
      nameWidth = Math.max(nameWidth, name.length());
    }
    int valueWidth = Math.max(10, screenWidth - nameWidth - 3);
    for (int r = 0; r < cells.size(); r++) {
      out.println("-[ RECORD " + (r + 1) + " ]" + "-".repeat(Math.max(4, nameWidth - 8)));
      for (int i = 0; i < names.length; i++) {
        out.println(names[i] + " ".repeat(nameWidth - names[i].length()) + " | "
            + cut(cells.get(r)[i], valueWidth));
      }
    }
  }

  /** A value as shown: NULL, a binary value's size, or the driver's text. */
  private static String cell(ResultSet rows, int column, int type) throws SQLException {
    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
      byte[] bytes = rows.getBytes(column);
      if (bytes == null) {
        return NULL;
      }
      return String.format(Locale.ROOT, "<%s%,d bytes>", PngExport.isPng(bytes) ? "PNG, " : "",
          bytes.length);
    }
    String value = rows.getString(column);
    return value == null ? NULL : value;
  }

  private static String cut(String value, int maxWidth) {
    String flat = value.replace('\n', ' ');
    return flat.length() <= maxWidth ? flat : flat.substring(0, maxWidth - 1) + "…";
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
