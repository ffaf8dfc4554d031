package dicomsql.connector;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code COUNT(*)}, grouped by one indexed column or not at all, answered from the sizes of
 * the index's row sets: no row is decoded. Replaces an aggregate over a scan whose filter the
 * index answers entirely.
 */
final class DicomGroupCount extends AbstractRelNode implements EnumerableRel {
  private final ScanSpec scan;
  private final int column;
  private final int counts;
  private final RelDataType outputType;

  /**
   * @param column the source column grouped by, or -1 for a single total
   * @param counts how many COUNT(*) the aggregate asks for (all the same number)
   */
  DicomGroupCount(RelOptCluster cluster, ScanSpec scan, int column, int counts,
      RelDataType outputType) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE));
    this.scan = scan;
    this.column = column;
    this.counts = counts;
    this.outputType = outputType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomGroupCount(getCluster(), scan, column, counts, outputType);
  }

  @Override
  protected RelDataType deriveRowType() {
    return outputType;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    IndexCondition condition = scan.condition();
    return super.explainTerms(pw)
        .item("table", scan.table().getQualifiedName())
        .item("count", column < 0 ? "*" : "* by " + scan.dicomTable().columnNames().get(column))
        .itemIf("index", condition == null ? "" : condition.describe(
            scan.dicomTable().columnNames()), condition != null);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return column < 0 ? 1 : 10;
  }

  /** Counting row sets costs next to nothing next to decoding rows. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Expression table = scan.table().getExpression(DicomTable.class);
    IndexCondition condition = scan.condition();
    Expression rows = Expressions.call(table, "groupCount", implementor.getRootExpression(),
        IndexCondition.reference(implementor, condition),
        Expressions.constant(column), Expressions.constant(counts));
    return ArrayRowResult.of(implementor, getRowType(), new BlockBuilder(), rows);
  }
}
