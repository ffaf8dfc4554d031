package dicomsql.connector.rows;

import dicomsql.engine.index.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;

/**
 * A value given in SQL (a literal's or a parameter's) as the engine keeps it in a column, so
 * that it can be looked up in the column's index.
 */
public final class IndexValue {
  private IndexValue() {}

  /** A literal's value in the engine's type for the column, or null when it has none. */
  public static Object of(Object raw, ColumnType type) {
    switch (type) {
      case VARCHAR:
        return raw instanceof NlsString nls ? nls.getValue()
            : raw instanceof String text ? text : null;
      case INTEGER:
      case BIGINT:
        if (!(raw instanceof BigDecimal number)) {
          return null;
        }
        try {
          long exact = number.longValueExact();
          if (type == ColumnType.INTEGER) {
            return Math.toIntExact(exact);
          }
          return exact;
        } catch (ArithmeticException e) {
          return null;
        }
      case DOUBLE:
        return raw instanceof BigDecimal number ? number.doubleValue()
            : raw instanceof Double d ? d : null;
      case DATE:
        return raw instanceof DateString date ? LocalDate.ofEpochDay(date.getDaysSinceEpoch())
            : null;
      case TIME:
        return raw instanceof TimeString time
            ? LocalTime.ofNanoOfDay(time.getMillisOfDay() * 1_000_000L) : null;
      default:
        return null;
    }
  }
}
