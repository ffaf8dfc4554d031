package dicomsql.connector.rel;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The result of generated code that yields {@code Object[]} rows. A row of one column must be
 * its bare value: operators above (EnumerableLimit, for one) derive the row format again and
 * take a one-column row for a scalar, whatever format the input declared.
 */
public final class ArrayRowResult {
  private ArrayRowResult() {}

  /** Returns {@code rows} from {@code builder}'s block, as scalars when there is one column. */
  static EnumerableRel.Result of(EnumerableRelImplementor implementor, RelDataType rowType,
      BlockBuilder builder, Expression rows) {
    boolean scalar = rowType.getFieldCount() == 1;
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), rowType,
        scalar ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY, false);
    builder.add(Expressions.return_(null,
        scalar ? Expressions.call(ArrayRowResult.class, "firstColumn", rows) : rows));
    return implementor.result(physType, builder.toBlock());
  }

  /** Called by generated code: each row's only value. */
  public static Enumerable<Object> firstColumn(Enumerable<Object[]> rows) {
    return rows.select(row -> row[0]);
  }
}
