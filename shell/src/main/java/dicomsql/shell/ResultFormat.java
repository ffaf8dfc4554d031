package dicomsql.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;

/**
 * How results are printed: an aligned table for people; CSV (RFC 4180, header row, VARBINARY
 * as lower-case hex), TSV, or JSON (an array of objects per statement) for programs.
 */
enum ResultFormat {
  TABLE,
  CSV,
  TSV,
  JSON;

  /** Prints the rows (a table as the layout says; other formats every row); returns how many. */
  long write(ResultSet rows, PrintWriter out, Layout layout) throws SQLException {
    return switch (this) {
      case TABLE -> new ResultTable(layout).print(rows, out);
      case CSV -> delimited(rows, out, ',');
      case TSV -> delimited(rows, out, '\t');
      case JSON -> json(rows, out);
    };
  }

  /** A value as text: binary as lower-case hex, everything else as the driver gives it. */
  static String text(ResultSet rows, int column, int type) throws SQLException {
    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
      byte[] bytes = rows.getBytes(column);
      return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
    return rows.getString(column);
  }

  /**
   * CSV (RFC 4180: CRLF line ends) or TSV (LF, as cut and awk expect). The header is written
   * once the first row is read, so that a statement failing before it prints only its error.
   */
  private static long delimited(ResultSet rows, PrintWriter out, char separator)
      throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int width = meta.getColumnCount();
    String end = separator == '\t' ? "\n" : "\r\n";
    boolean any = rows.next();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= width; i++) {
      line.append(i > 1 ? String.valueOf(separator) : "")
          .append(field(meta.getColumnLabel(i), separator));
    }
    out.print(line.append(end));
    long count = 0;
    while (any) {
      line.setLength(0);
      for (int i = 1; i <= width; i++) {
        String value = text(rows, i, meta.getColumnType(i));
        line.append(i > 1 ? String.valueOf(separator) : "")
            .append(value == null ? "" : field(value, separator));
      }
      out.print(line.append(end));
      ClosedOutput.check(out, ++count);
      any = rows.next();
    }
    return count;
  }

  /**
   * A CSV field quoted when it must be (RFC 4180); TSV has no quoting, so tabs and line breaks
   * in a value become spaces.
   */
  private static String field(String value, char separator) {
    if (separator == '\t') {
      return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static long json(ResultSet rows, PrintWriter out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int width = meta.getColumnCount();
    boolean any = rows.next();
    out.print("[");
    long count = 0;
    for (; any; any = rows.next()) {
      out.print(count == 0 ? "\n  {" : ",\n  {");
      for (int i = 1; i <= width; i++) {
        out.print((i > 1 ? ", " : "") + quote(meta.getColumnLabel(i)) + ": "
            + jsonValue(rows, i, meta.getColumnType(i)));
      }
      out.print("}");
      ClosedOutput.check(out, ++count);
    }
    out.println(count == 0 ? "]" : "\n]");
    return count;
  }

  private static String jsonValue(ResultSet rows, int column, int type) throws SQLException {
    String text = text(rows, column, type);
    if (text == null) {
      return "null";
    }
    switch (type) {
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.SMALLINT:
      case Types.TINYINT:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return text;
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        double value = rows.getDouble(column);
        return Double.isFinite(value) ? text : quote(text);
      case Types.BOOLEAN:
        return text.toLowerCase(java.util.Locale.ROOT);
      default:
        return quote(text);
    }
  }

  private static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
