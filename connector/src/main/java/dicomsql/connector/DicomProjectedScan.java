package dicomsql.connector;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
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
 * A scan of a {@link DicomTable} that decodes only some columns. Not a TableScan on purpose:
 * Calcite's metadata takes a TableScan's columns to be the table's, and would give this scan
 * the table's keys on other columns.
 */
final class DicomProjectedScan extends AbstractRelNode implements DicomScan {
  private final ScanSpec spec;
  private Double rows;

  DicomProjectedScan(RelOptCluster cluster, ScanSpec spec) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE));
    this.spec = spec;
  }

  @Override
  public ScanSpec spec() {
    return spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomProjectedScan(getCluster(), spec);
  }

  @Override
  protected RelDataType deriveRowType() {
    return spec.rowType(getCluster().getTypeFactory());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return spec.explain(super.explainTerms(pw).item("table", spec.table().getQualifiedName()));
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
