package dicomsql.server.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * One value of a result as the console shows it: numbers and booleans as JSON has them, binary
 * as bytes (a PNG, such as {@code roi_png} gives, is shown as the picture), everything else as
 * the driver's text; NULL stays null.
 */
final class Cell {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
      '\n'};

  private Cell() {}

  /** The value of a column of the current row, typed for JSON. */
  static Object read(ResultSet rows, int column, int type) throws SQLException {
    Object value = switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rows.getLong(column);
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> finiteOrText(rows.getDouble(column));
      case Types.BOOLEAN, Types.BIT -> rows.getBoolean(column);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> rows.getBytes(column);
      default -> rows.getString(column);
    };
    return rows.wasNull() ? null : value;
  }

  /** JSON has no NaN or infinity: those are shown as the text Java gives them. */
  private static Object finiteOrText(double value) {
    return Double.isFinite(value) ? (Object) value : Double.toString(value);
  }

  static boolean isPng(byte[] bytes) {
    return bytes.length >= PNG_SIGNATURE.length
        && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
  }

  /** A rough size in memory, to bound what a cursor keeps. */
  static long bytes(Object value) {
    if (value instanceof byte[] bytes) {
      return 16 + bytes.length;
    }
    if (value instanceof String text) {
      return 40 + 2L * text.length();
    }
    return 16;
  }
}
