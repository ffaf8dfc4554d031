package dicomsql.connector.rel;

import dicomsql.connector.rows.ContourPointRows;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Aggregate of contour points grouped by indexed columns they share with their contour
 * (structure set, ROI), on a scan the index filters entirely, of the calls
 * {@link ColumnAggregateRule} answers column-wise: {@link DicomContourAggregate}. (Without
 * groups, that rule answers from the contours itself.) The coordinates being doubles, no cast
 * of theirs puts a projection between the aggregate and the scan. The same calls of points
 * joined to a table on its key, grouped by its columns, are {@link #joined}'s, which
 * {@link JoinCountRule} tries on the joins it matches.
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

  /**
   * The aggregate of contour points joined (inner, on equal keys) to another table's rows on
   * that table's unique key, grouped by its columns or not at all, each side a scan the index
   * filters entirely; or null where a group or a call is not answered so. The key being
   * unique (as the table's statistic says, which the index has checked), each contour joins
   * at most one row, so a group's points are its rows' contours'.
   */
  static DicomJoinContourAggregate joined(LogicalAggregate aggregate, LogicalProject project,
      LogicalJoin join, ScanSpec left, ScanSpec right) {
    boolean pointsLeft = left.dicomTable().source() instanceof ContourPointRows;
    ScanSpec many = pointsLeft ? left : right;
    ScanSpec one = pointsLeft ? right : left;
    JoinInfo info = join.analyzeCondition();
    if (!(many.dicomTable().source() instanceof ContourPointRows points)
        || join.getJoinType() != JoinRelType.INNER || !info.isEqui()
        || info.leftKeys.isEmpty() || aggregate.getGroupType() != Aggregate.Group.SIMPLE
        || !JoinCountRule.pushable(one) || !JoinCountRule.pushable(many)) {
      return null;
    }
    int oneStart = pointsLeft ? left.fields().length : 0;
    int manyStart = pointsLeft ? 0 : left.fields().length;
    int[] groups = JoinCountRule.joinFields(aggregate.getGroupSet().asList(), project);
    if (groups == null) {
      return null;
    }
    for (int g = 0; g < groups.length; g++) {
      int field = groups[g] - oneStart;
      if (field < 0 || field >= one.fields().length) {
        return null;
      }
      groups[g] = one.fields()[field];
    }
    List<Integer> oneFields = pointsLeft ? info.rightKeys : info.leftKeys;
    List<Integer> manyFields = pointsLeft ? info.leftKeys : info.rightKeys;
    int[][] joinKeys = JoinCountRule.keyColumns(one, oneFields, many, manyFields);
    if (joinKeys == null
        || !one.dicomTable().getStatistic().isKey(ImmutableBitSet.of(joinKeys[0]))) {
      return null;
    }
    List<DicomColumnAggregate.Call> calls = new ArrayList<>();
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      int[] arguments = JoinCountRule.joinFields(aggregateCall.getArgList(), project);
      if (arguments == null) {
        return null;
      }
      List<Integer> ofPoints = new ArrayList<>();
      for (int field : arguments) {
        if (field < manyStart || field - manyStart >= many.fields().length) {
          return null;
        }
        ofPoints.add(field - manyStart);
      }
      DicomColumnAggregate.Call resolved = ColumnAggregateRule.resolve(
          aggregateCall.withArgList(ofPoints), null, many, points);
      if (resolved == null) {
        return null;
      }
      calls.add(resolved);
    }
    return new DicomJoinContourAggregate(aggregate.getCluster(), many, one, joinKeys[0],
        joinKeys[1], groups, calls, aggregate.getRowType());
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
