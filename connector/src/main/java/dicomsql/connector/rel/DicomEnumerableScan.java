package dicomsql.connector.rel;

import dicomsql.connector.DicomTable;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/** A {@link DicomTableScan} as run: generated code that calls {@link DicomTable#scan}. */
final class DicomEnumerableScan extends TableScan implements EnumerableRel {
  private final ScanSpec spec;
  private Double rows;

  DicomEnumerableScan(RelOptCluster cluster, ScanSpec spec) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(),
        spec.scannedTable(cluster.getTypeFactory()));
    this.spec = spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomEnumerableScan(getCluster(), spec);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return spec.explain(super.explainTerms(pw));
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
