package dicomsql.connector.rel;

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
 * {@code COUNT(*)}, grouped by one indexed column or not at all, answered from the sizes of
 * the index's row sets: no row is decoded. Replaces an aggregate over a scan whose filter the
 * index answers entirely.
 */
final class DicomGroupCount extends IndexAnswer {
  private final int column;
  private final int counts;

  /**
   * @param column the source column grouped by, or -1 for a single total
   * @param counts how many COUNT(*) the aggregate asks for (all the same number)
   */
  DicomGroupCount(RelOptCluster cluster, ScanSpec scan, int column, int counts,
      RelDataType outputType) {
    super(cluster, cluster.traitSet(), scan, outputType);
    this.column = column;
    this.counts = counts;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomGroupCount(getCluster(), scan, column, counts, getRowType());
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    return pw.item("count",
        column < 0 ? "*" : "* by " + scan.dicomTable().columnNames().get(column));
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return column < 0 ? 1 : 10;
  }

  @Override
  String method() {
    return "groupCount";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    return List.of(Expressions.constant(column), Expressions.constant(counts));
  }
}
