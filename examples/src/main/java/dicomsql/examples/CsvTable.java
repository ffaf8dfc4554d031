package dicomsql.examples;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;

/**
 * Writes a query result as CSV by RFC 4180, as the shell's {@code --format csv} does: a header
 * row of column labels, then one line per row, each ending CRLF; a field is quoted only when it
 * holds a comma, quote or line break; NULL is an empty field; binary values are lower-case hex.
 */
final class CsvTable {
  private CsvTable() {}

  /** Writes every row of {@code rows}; returns how many there were. */
  static long write(ResultSet rows, Writer out) throws SQLException, IOException {
    ResultSetMetaData meta = rows.getMetaData();
    int width = meta.getColumnCount();
    for (int i = 1; i <= width; i++) {
      out.write((i > 1 ? "," : "") + field(meta.getColumnLabel(i)));
    }
    out.write("\r\n");
    long count = 0;
    while (rows.next()) {
      for (int i = 1; i <= width; i++) {
        String value = text(rows, i, meta.getColumnType(i));
        out.write((i > 1 ? "," : "") + (value == null ? "" : field(value)));
      }
      out.write("\r\n");
      count++;
    }
    return count;
  }

  private static String text(ResultSet rows, int column, int type) throws SQLException {
    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
      byte[] bytes = rows.getBytes(column);
      return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
    return rows.getString(column);
  }

  static String field(String value) {
    boolean quoted = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
        || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    return quoted ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
