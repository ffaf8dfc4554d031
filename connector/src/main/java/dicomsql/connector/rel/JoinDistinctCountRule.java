package dicomsql.connector.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * What Calcite makes of {@code COUNT(DISTINCT column)} grouped by other columns of a join the
 * index counts ({@link JoinCountRule}): an aggregate of the join's distinct groups, and above
 * it a COUNT of the column grouped by the rest. The join count then counts the distinct values
 * itself ({@link DicomJoinCount#countingDistinct}) where the column splits the joined rows by
 * its row sets (at most 64 values): a bit per value met in a group, so that no row per group
 * and value is made only to be aggregated again. The rule matches the logical aggregates, not
 * the join count, whose convention differs from its parent's input.
 */
final class JoinDistinctCountRule extends RelRule<DicomRules.RuleConfig> {
  static final RelOptRule ON_JOIN = new DicomRules.RuleConfig("DicomJoinDistinctCountRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(LogicalAggregate.class).oneInput(
              b2 -> b2.operand(LogicalJoin.class).inputs(
                  b3 -> b3.operand(DicomTableScan.class).noInputs(),
                  b4 -> b4.operand(DicomTableScan.class).noInputs()))),
      JoinDistinctCountRule::new).toRule();

  static final RelOptRule ON_PROJECT = new DicomRules.RuleConfig(
      "DicomJoinDistinctCountProjectRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(LogicalAggregate.class).oneInput(
              b2 -> b2.operand(LogicalProject.class).oneInput(
                  b3 -> b3.operand(LogicalJoin.class).inputs(
                      b4 -> b4.operand(DicomTableScan.class).noInputs(),
                      b5 -> b5.operand(DicomTableScan.class).noInputs())))),
      JoinDistinctCountRule::new).toRule();

  private JoinDistinctCountRule(DicomRules.RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    LogicalAggregate groups = call.rel(1);
    boolean projected = call.rels.length == 6;
    if (!groups.getAggCallList().isEmpty() || aggregate.getGroupType() != Aggregate.Group.SIMPLE
        || aggregate.getAggCallList().isEmpty()
        || aggregate.getGroupCount() != groups.getGroupCount() - 1) {
      return;
    }
    int position = ImmutableBitSet.range(groups.getGroupCount())
        .except(aggregate.getGroupSet()).nth(0);
    // COUNT(column) counts the groups with a value there; a COUNT(*) of the groups is the
    // same only where the column holds no null.
    boolean nullable = groups.getRowType().getFieldList().get(position).getType().isNullable();
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      boolean ofColumn = aggregateCall.getArgList().equals(List.of(position))
          || aggregateCall.getArgList().isEmpty() && !nullable;
      if (aggregateCall.getAggregation().getKind() != SqlKind.COUNT || !ofColumn
          || aggregateCall.filterArg >= 0) {
        return;
      }
    }
    DicomJoinCount count = JoinCountRule.joinCount(groups, projected ? call.rel(2) : null,
        call.rel(projected ? 3 : 2), call.rel(projected ? 4 : 3), call.rel(projected ? 5 : 4));
    DicomJoinCount distinct = count == null ? null : count.countingDistinct(position,
        aggregate.getAggCallList().size(), aggregate.getRowType());
    if (distinct != null) {
      call.transformTo(distinct);
    }
  }
}
