package dicomsql.connector.rel;

import dicomsql.connector.rows.ContourPointRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;

/**
 * Aggregate of contour points grouped by indexed columns they share with their contour
 * (structure set, ROI), on a scan the index filters entirely, of the calls
 * {@link ColumnAggregateRule} answers column-wise: {@link DicomContourAggregate}. (Without
 * groups, that rule answers from the contours itself.) The coordinates being doubles, no cast
 * of theirs puts a projection between the aggregate and the scan.
 */
final class ContourAggregateRule extends RelRule<DicomRules.RuleConfig> {
  static final RelOptRule INSTANCE = new DicomRules.RuleConfig("DicomContourAggregateRule",
      b0 -> b0.operand(LogicalAggregate.class).predicate(aggregate -> aggregate.getGroupCount()
          > 0 && aggregate.getGroupType() == Aggregate.Group.SIMPLE).oneInput(
              b1 -> b1.operand(DicomTableScan.class).noInputs()),
      ContourAggregateRule::new).toRule();

  private ContourAggregateRule(DicomRules.RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    ScanSpec scan = ((DicomTableScan) call.rel(1)).spec();
    if (scan.dicomTable().source() instanceof ContourPointRows points
        && scan.dicomTable().pushdown() && scan.residual() == null) {
      DicomContourAggregate answer = answer(call.rel(0), scan, points);
      if (answer != null) {
        call.transformTo(answer);
      }
    }
  }

  /** The aggregate grouped by contours, or null where a group or a call is not answered so. */
  private static DicomContourAggregate answer(LogicalAggregate aggregate, ScanSpec scan,
      ContourPointRows points) {
    int[] groups = aggregate.getGroupSet().toList().stream()
        .mapToInt(field -> scan.fields()[field]).toArray();
    for (int column : groups) {
      if (!points.isIndexed(column)) {
        return null;
      }
    }
    List<DicomColumnAggregate.Call> calls = new ArrayList<>();
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      DicomColumnAggregate.Call resolved =
          ColumnAggregateRule.resolve(aggregateCall, null, scan, points);
      if (resolved == null) {
        return null;
      }
      calls.add(resolved);
    }
    return new DicomContourAggregate(aggregate.getCluster(), scan, groups, calls,
        aggregate.getRowType());
  }
}
