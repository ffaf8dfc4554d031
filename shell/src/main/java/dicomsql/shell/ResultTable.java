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
 * {@code NULL}, binary values as their size (and PNG when they are one), control characters
 * escaped, and the row count after; or, expanded, one block per record. Column widths come from
 * the first {@value #PREVIEW} rows (or the layout's row limit); later rows are printed as they
 * are read, so that a result of any size needs the memory of those rows only. Values are cut
 * only on a screen, and only when the table would not fit it.
 */
final class ResultTable {
  static final String NULL = "NULL";
  /** Rows read before the widths are fixed, when the layout shows every row. */
  static final int PREVIEW = 1000;
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
        ClosedOutput.check(out, ++count);
      }
      return count;
    }
    String[] names = new String[width];
    boolean[] numeric = new boolean[width];
    int[] types = new int[width];
    for (int i = 0; i < width; i++) {
      names[i] = Cells.visible(meta.getColumnLabel(i + 1));
      types[i] = meta.getColumnType(i + 1);
      numeric[i] = isNumeric(types[i]);
    }
    int preview = layout.rowLimit() > 0 ? layout.rowLimit() : PREVIEW;
    List<String[]> first = new ArrayList<>();
    boolean unread = false;
    while (rows.next()) {
      if (first.size() == preview) {
        unread = true;
        break;
      }
      first.add(row(rows, types));
    }
    int[] widths = widths(names, first);
    int tableWidth = 3 * (width - 1);
    for (int w : widths) {
      tableWidth += w;
    }
    boolean tooWide = layout.onScreen() && tableWidth > layout.screenWidth();
    Layout.Expanded expanded = layout.expanded();
    Printer printer = expanded == Layout.Expanded.ON || expanded == Layout.Expanded.AUTO
        && tooWide ? new Records(names, out, layout.onScreen() && expanded == Layout.Expanded.AUTO
            ? layout.screenWidth() : 0)
        : new Table(names, numeric, out, tooWide ? cut(widths, layout.cutWidth()) : widths,
            tooWide ? layout.cutWidth() : Integer.MAX_VALUE);
    long count = 0;
    for (String[] row : first) {
      printer.row(row);
      ClosedOutput.check(out, ++count);
    }
    boolean more = unread && layout.rowLimit() > 0;
    if (unread && !more) {
      do {
        printer.row(row(rows, types));
        ClosedOutput.check(out, ++count);
      } while (rows.next());
    }
    out.println(layout.footer(count, more));
    return count;
  }

  private static String[] row(ResultSet rows, int[] types) throws SQLException {
    String[] row = new String[types.length];
    for (int i = 0; i < types.length; i++) {
      row[i] = Cells.visible(cell(rows, i + 1, types[i]));
    }
    return row;
  }

  /** The width of each column: its name or its longest value. */
  private static int[] widths(String[] names, List<String[]> cells) {
    int[] widths = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      widths[i] = names[i].length();
    }
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    return widths;
  }

  private static int[] cut(int[] widths, int maxWidth) {
    int[] cut = new int[widths.length];
    for (int i = 0; i < widths.length; i++) {
      cut[i] = Math.min(widths[i], maxWidth);
    }
    return cut;
  }

  /** Prints one row at a time. */
  private interface Printer {
    void row(String[] row);
  }

  /** Rows under a header and a rule, padded to the widths; a longer value is never cut. */
  private static final class Table implements Printer {
    private final boolean[] numeric;
    private final PrintWriter out;
    private final int[] widths;
    private final int maxWidth;

    Table(String[] names, boolean[] numeric, PrintWriter out, int[] widths, int maxWidth) {
      this.numeric = numeric;
      this.out = out;
      this.widths = widths;
      this.maxWidth = maxWidth;
      String[] header = new String[names.length];
      StringBuilder rule = new StringBuilder();
      for (int i = 0; i < names.length; i++) {
        header[i] = cutTo(names[i], maxWidth);
        rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
      }
      line(header, new boolean[names.length]);
      out.println(rule);
    }

    @Override
    public void row(String[] row) {
      String[] shown = new String[row.length];
      for (int i = 0; i < row.length; i++) {
        shown[i] = cutTo(row[i], maxWidth);
      }
      line(shown, numeric);
    }

    private void line(String[] cells, boolean[] right) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        line.append(i == 0 ? "" : " | ");
        String padding = " ".repeat(Math.max(0, widths[i] - cells[i].length()));
        line.append(right[i] ? padding + cells[i] : cells[i] + padding);
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /**
   * A block per record, each value on its own line after its column name, cut to fit a screen
   * of {@code screenWidth} (0: never cut).
   */
  private static final class Records implements Printer {
    private final String[] names;
    private final PrintWriter out;
    private final int nameWidth;
    private final int valueWidth;
    private long record;

    Records(String[] names, PrintWriter out, int screenWidth) {
      this.names = names;
      this.out = out;
      int longest = 0;
      for (String name : names) {
        longest = Math.max(longest, name.length());
      }
      this.nameWidth = longest;
      this.valueWidth = screenWidth == 0 ? Integer.MAX_VALUE
          : Math.max(10, screenWidth - nameWidth - 3);
    }

    @Override
    public void row(String[] row) {
      out.println("-[ RECORD " + ++record + " ]" + "-".repeat(Math.max(4, nameWidth - 8)));
      for (int i = 0; i < names.length; i++) {
        out.println(names[i] + " ".repeat(nameWidth - names[i].length()) + " | "
            + cutTo(row[i], valueWidth));
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

  private static String cutTo(String value, int maxWidth) {
    return value.length() <= maxWidth ? value : value.substring(0, maxWidth - 1) + "…";
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
