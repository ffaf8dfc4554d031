package dicomsql.connector.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An aggregate without GROUP BY of only {@code COUNT(*)} and {@code MIN}, {@code MAX} and
 * {@code COUNT(DISTINCT)} of indexed columns, answered from the columns' sorted value maps: the
 * least value is the first whose rows meet the pushed condition's, the distinct count the number
 * of values whose rows do. No row is decoded.
 */
public final class DicomIndexAggregate extends IndexAnswer {
  /** What each output column is. */
  public enum Kind {
    COUNT, MIN, MAX, COUNT_DISTINCT
  }

  private final List<Kind> kinds;
  private final int[] columns;

  /** @param columns per output column, the source column it reads (ignored for COUNT) */
  DicomIndexAggregate(RelOptCluster cluster, ScanSpec scan, List<Kind> kinds, int[] columns,
      RelDataType outputType) {
    super(cluster, cluster.traitSet(), scan, outputType);
    this.kinds = List.copyOf(kinds);
    this.columns = columns;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomIndexAggregate(getCluster(), scan, kinds, columns, getRowType());
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    List<String> calls = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      calls.add(kinds.get(i) == Kind.COUNT ? "COUNT(*)"
          : kinds.get(i) + "(" + scan.dicomTable().columnNames().get(columns[i]) + ")");
    }
    return pw.item("aggregates", calls);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return 1;
  }

  @Override
  String method() {
    return "indexAggregate";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    int[] ordinals = new int[kinds.size()];
    for (int i = 0; i < ordinals.length; i++) {
      ordinals[i] = kinds.get(i).ordinal();
    }
    return List.of(Expressions.constant(ordinals), Expressions.constant(columns));
  }
}
