package dicomsql.connector.rel;

import dicomsql.connector.DicomTable;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * A scan of a {@link DicomTable} with what has been pushed into it (see {@link ScanSpec}), in
 * the logical convention, where the rules that push filters, projections, counts and joins
 * into it meet it; {@link DicomEnumerableScan} runs it. It is a TableScan of a table of just the
 * decoded columns, so that Calcite's metadata knows its row type and keys.
 */
public final class DicomTableScan extends TableScan {
  private final ScanSpec spec;
  private Double rows;

  DicomTableScan(RelOptCluster cluster, ScanSpec spec) {
    super(cluster, cluster.traitSetOf(Convention.NONE), List.of(),
        spec.scannedTable(cluster.getTypeFactory()));
    this.spec = spec;
  }

  ScanSpec spec() {
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
}
