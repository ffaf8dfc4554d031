package dicomsql.connector.rel;

import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * A projection with raster calls, evaluated as a calculation over its input whose rows pass
 * through {@link DicomRasterPrefetch} first, so that the masks and statistics the calls ask for
 * are computed on every core. Not a {@code EnumerableProject}, which Calcite's last phase would
 * turn into a plain calculation.
 */
public final class DicomRasterProject extends Project implements EnumerableRel {
  private final String calls;

  DicomRasterProject(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      List<? extends RexNode> projects, RelDataType rowType, String calls) {
    super(cluster, traits, List.of(), input, projects, rowType, Set.of());
    this.calls = calls;
  }

  @Override
  public Project copy(RelTraitSet traitSet, RelNode input, List<RexNode> projects,
      RelDataType rowType) {
    return new DicomRasterProject(getCluster(), traitSet, input, projects, rowType, calls);
  }

  /** Cheaper than the projection it replaces, since its expensive calls run in parallel. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.5);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    RelNode prefetched = new DicomRasterPrefetch(getCluster(), getInput().getTraitSet(),
        getInput(), calls);
    RexProgram program = RexProgram.create(getInput().getRowType(), getProjects(), null,
        getRowType(), getCluster().getRexBuilder());
    return EnumerableCalc.create(prefetched, program).implement(implementor, pref);
  }
}
