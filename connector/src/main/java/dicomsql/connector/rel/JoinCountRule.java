package dicomsql.connector.rel;

import dicomsql.connector.rows.RowSource;
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
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Aggregate of only COUNT(*) on an inner equi-join of two scans the index filters entirely,
 * grouped by columns of one side or not at all, where the other side's join keys are indexed:
 * {@link DicomJoinCount}. Without groups, the side with fewer rows is the one decoded.
 */
final class JoinCountRule extends RelRule<DicomRules.RuleConfig> {
  static final RelOptRule ON_JOIN = new DicomRules.RuleConfig("DicomJoinCountRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(LogicalJoin.class).inputs(
              b2 -> b2.operand(DicomTableScan.class).noInputs(),
              b3 -> b3.operand(DicomTableScan.class).noInputs())),
      JoinCountRule::new).toRule();

  static final RelOptRule ON_PROJECT = new DicomRules.RuleConfig("DicomJoinCountProjectRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(LogicalProject.class).oneInput(
              b2 -> b2.operand(LogicalJoin.class).inputs(
                  b3 -> b3.operand(DicomTableScan.class).noInputs(),
                  b4 -> b4.operand(DicomTableScan.class).noInputs()))),
      JoinCountRule::new).toRule();

  private JoinCountRule(DicomRules.RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    boolean projected = call.rels.length == 5;
    LogicalProject project = projected ? call.rel(1) : null;
    LogicalJoin join = call.rel(projected ? 2 : 1);
    ScanSpec left = ((DicomTableScan) call.rel(projected ? 3 : 2)).spec();
    ScanSpec right = ((DicomTableScan) call.rel(projected ? 4 : 3)).spec();
    JoinInfo info = join.analyzeCondition();
    if (join.getJoinType() != JoinRelType.INNER || !info.isEqui() || info.leftKeys.isEmpty()
        || aggregate.getGroupType() != Aggregate.Group.SIMPLE
        || aggregate.getAggCallList().isEmpty() || !pushable(left) || !pushable(right)) {
      return;
    }
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      if (aggregateCall.getAggregation().getKind() != SqlKind.COUNT
          || !aggregateCall.getArgList().isEmpty() || aggregateCall.filterArg >= 0) {
        return;
      }
    }
    int leftWidth = left.fields().length;
    int[] joinFields = new int[aggregate.getGroupCount()];
    int at = 0;
    for (int field : aggregate.getGroupSet()) {
      int joinField = field;
      if (project != null) {
        RexNode expression = project.getProjects().get(field);
        if (!(expression instanceof RexInputRef ref)) {
          return;
        }
        joinField = ref.getIndex();
      }
      joinFields[at++] = joinField;
    }
    boolean groupsLeft = true;
    boolean groupsRight = true;
    for (int field : joinFields) {
      groupsLeft &= field < leftWidth;
      groupsRight &= field >= leftWidth;
    }
    boolean leftIsOne = joinFields.length == 0 ? left.rowCount() <= right.rowCount()
        : groupsLeft;
    if (!leftIsOne && !groupsRight) {
      return;
    }
    ScanSpec one = leftIsOne ? left : right;
    ScanSpec many = leftIsOne ? right : left;
    List<Integer> oneFields = leftIsOne ? info.leftKeys : info.rightKeys;
    List<Integer> manyFields = leftIsOne ? info.rightKeys : info.leftKeys;
    RowSource manyRows = many.dicomTable().source();
    RowSource oneRows = one.dicomTable().source();
    if (!manyRows.countsIds()) {
      return;
    }
    int[] oneKeys = new int[oneFields.size()];
    int[] keys = new int[manyFields.size()];
    for (int k = 0; k < keys.length; k++) {
      oneKeys[k] = one.fields()[oneFields.get(k)];
      keys[k] = many.fields()[manyFields.get(k)];
      if (!manyRows.isIndexed(keys[k]) || manyRows.type(keys[k]) != oneRows.type(oneKeys[k])) {
        return;
      }
    }
    int[] groups = new int[joinFields.length];
    for (int g = 0; g < groups.length; g++) {
      groups[g] = one.fields()[joinFields[g] - (leftIsOne ? 0 : leftWidth)];
    }
    call.transformTo(new DicomJoinCount(aggregate.getCluster(), many, one, oneKeys, keys,
        groups, aggregate.getAggCallList().size(), aggregate.getRowType()));
  }

  private static boolean pushable(ScanSpec scan) {
    return scan.dicomTable().pushdown() && scan.residual() == null;
  }
}
