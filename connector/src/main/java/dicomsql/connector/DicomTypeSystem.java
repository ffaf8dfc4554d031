package dicomsql.connector;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's types, but with the aggregate result types PostgreSQL and DuckDB users rely on:
 * the average of integers is a fraction, not an integer cut short (AVG(instance_number) of 1
 * and 2 is 1.5), and a sum of INTEGER values is a BIGINT, so that it does not wrap around past
 * 2^31.
 */
public final class DicomTypeSystem extends RelDataTypeSystemImpl {
  /** Named in the connection's {@code typeSystem} property as {@code DicomTypeSystem#INSTANCE}. */
  public static final DicomTypeSystem INSTANCE = new DicomTypeSystem();

  private DicomTypeSystem() {}

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory types, RelDataType argument) {
    return isInteger(argument) ? typed(types, SqlTypeName.DOUBLE, argument)
        : super.deriveAvgAggType(types, argument);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory types, RelDataType argument) {
    return isInteger(argument) ? typed(types, SqlTypeName.BIGINT, argument)
        : super.deriveSumType(types, argument);
  }

  /** A result of this type, null where the argument may be. */
  private static RelDataType typed(RelDataTypeFactory types, SqlTypeName name,
      RelDataType argument) {
    return types.createTypeWithNullability(types.createSqlType(name), argument.isNullable());
  }

  private static boolean isInteger(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> true;
      default -> false;
    };
  }
}
