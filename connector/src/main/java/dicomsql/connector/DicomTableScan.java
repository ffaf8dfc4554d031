package dicomsql.connector;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * A full-row scan of a {@link DicomTable}, with the condition the index answers for it. Being
 * a TableScan lets Calcite trim unused columns above it and know the table's keys; what the
 * index cannot answer stays in a filter above it.
 */
final class DicomTableScan extends TableScan implements DicomScan {
  private final ScanSpec spec;
  private Double rows;

  DicomTableScan(RelOptCluster cluster, ScanSpec spec) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(), spec.table());
    this.spec = spec;
  }

  @Override
  public ScanSpec spec() {
    return spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomTableScan(getCluster(), spec);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return spec.explain(super.explainTerms(pw));
  }

  @Override
  public void register(RelOptPlanner planner) {
    DicomRules.register(planner);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    if (rows == null) {
      rows = spec.rowCount();
    }
    return rows;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return spec.cost(planner, estimateRowCount(mq));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return spec.implement(implementor, pref, this);
  }
}
