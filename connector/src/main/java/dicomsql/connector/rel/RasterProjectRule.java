package dicomsql.connector.rel;

import dicomsql.connector.functions.RasterCalls;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;

/** Turns a projection with raster calls on input columns into a {@link DicomRasterProject}. */
final class RasterProjectRule extends RelRule<DicomRules.RuleConfig> {
  static final RelOptRule INSTANCE = new DicomRules.RuleConfig("DicomRasterProjectRule",
      b0 -> b0.operand(EnumerableProject.class).anyInputs(), RasterProjectRule::new).toRule();

  private RasterProjectRule(DicomRules.RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    EnumerableProject project = call.rel(0);
    String calls = RasterCalls.encode(project.getProjects());
    if (!calls.isEmpty()) {
      call.transformTo(new DicomRasterProject(project.getCluster(), project.getTraitSet(),
          project.getInput(), project.getProjects(), project.getRowType(), calls));
    }
  }
}
