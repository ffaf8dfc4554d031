package dicomsql.connector;

import dicomsql.engine.index.ColumnType;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The engine's column types and values as Calcite has them: SQL types (all nullable), and
 * values in Calcite's internal form (DATE as days since the epoch, TIME as milliseconds of the
 * day).
 */
public final class SqlValues {
  private SqlValues() {}

  static RelDataType sqlType(RelDataTypeFactory factory, ColumnType type) {
    SqlTypeName name = switch (type) {
      case VARCHAR -> SqlTypeName.VARCHAR;
      case INTEGER -> SqlTypeName.INTEGER;
      case BIGINT -> SqlTypeName.BIGINT;
      case DOUBLE -> SqlTypeName.DOUBLE;
      case DATE -> SqlTypeName.DATE;
      case TIME -> SqlTypeName.TIME;
      case DOUBLES -> throw new IllegalArgumentException("packed points are not a SQL column");
    };
    return factory.createTypeWithNullability(factory.createSqlType(name), true);
  }

  /** A value in Calcite's internal form as the engine has it for a column of this type. */
  static Object engine(Object internal, ColumnType type) {
    if (internal == null) {
      return null;
    }
    return switch (type) {
      case DATE -> LocalDate.ofEpochDay(((Number) internal).longValue());
      case TIME -> LocalTime.ofNanoOfDay(((Number) internal).longValue() * 1_000_000L);
      case INTEGER -> ((Number) internal).intValue();
      case BIGINT -> ((Number) internal).longValue();
      case DOUBLE -> ((Number) internal).doubleValue();
      default -> internal.toString();
    };
  }

  /** An engine value in Calcite's internal form. */
  public static Object internal(Object value) {
    if (value instanceof LocalDate date) {
      return (int) date.toEpochDay();
    }
    if (value instanceof LocalTime time) {
      return (int) (time.toNanoOfDay() / 1_000_000);
    }
    return value;
  }
}
