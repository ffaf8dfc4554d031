package dicomsql.spark;

import dicomsql.engine.index.ColumnType;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimeType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The engine's column types and values as Spark SQL's: VARCHAR as STRING, DATE as DATE (days
 * since the epoch inside), numbers as themselves, and TIME as TIME(6) (nanoseconds of the day
 * inside) where the session allows the TIME type ({@value #TIME_TYPE}, off by default in
 * Spark 4.1), else as its ISO text ({@code 14:03:27.5}), which sorts and compares as the time.
 */
record SparkValues(boolean times) implements Serializable {
  static final String TIME_TYPE = "spark.sql.timeType.enabled";

  /** The types the active session allows. */
  static SparkValues forSession(SparkSession spark) {
    return new SparkValues(Boolean.parseBoolean(spark.conf().get(TIME_TYPE, "false")));
  }

  DataType type(ColumnType type) {
    return switch (type) {
      case VARCHAR -> DataTypes.StringType;
      case INTEGER -> DataTypes.IntegerType;
      case BIGINT -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case DATE -> DataTypes.DateType;
      case TIME -> times ? TimeType.apply(TimeType.MICROS_PRECISION()) : DataTypes.StringType;
      case DOUBLES -> throw new IllegalArgumentException("packed points are not a column");
    };
  }

  StructType schema(ContractTable table) {
    List<String> columns = table.columns();
    StructField[] fields = new StructField[columns.size()];
    for (int k = 0; k < fields.length; k++) {
      fields[k] = DataTypes.createStructField(columns.get(k), type(table.type(k)), true);
    }
    return DataTypes.createStructType(fields);
  }

  /** Spark's internal form of an engine value. */
  Object internal(Object value) {
    if (value instanceof String text) {
      return UTF8String.fromString(text);
    }
    if (value instanceof LocalDate date) {
      return (int) date.toEpochDay();
    }
    if (value instanceof LocalTime time) {
      return times ? (Object) time.toNanoOfDay()
          : UTF8String.fromString(DateTimeFormatter.ISO_LOCAL_TIME.format(time));
    }
    return value;
  }

  /** The wanted columns of an engine row of {@code table}, as an internal row. */
  InternalRow row(ContractTable table, int[] wanted, Object[] row) {
    Object[] values = new Object[wanted.length];
    for (int k = 0; k < wanted.length; k++) {
      values[k] = internal(row[table.position(wanted[k])]);
    }
    return new GenericInternalRow(values);
  }
}
