package dicomsql.connector.rel;

import dicomsql.connector.rows.RowSource;
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
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Aggregate of only COUNT(*) (or of no call: the distinct groups) on an inner equi-join of two
 * scans the index filters entirely, where the other side's join keys are indexed:
 * {@link DicomJoinCount}. Grouped by columns of one side, or not at all, or also by indexed
 * columns of few values of the other side, whose row sets split the joined rows. That last
 * shape is what Calcite makes of {@code COUNT(DISTINCT many.column)} grouped by the one side
 * (an aggregate of the distinct groups below the count). Without groups, the side with fewer
 * rows is the one decoded. Other aggregates of contour points joined so are
 * {@link ContourAggregateRule#joined}'s.
 */
final class JoinCountRule extends RelRule<DicomRules.RuleConfig> {
  /** The most distinct values a column of the other side that splits groups may have. */
  private static final double MAX_SPLIT_VALUES = 64;

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
    boolean projected = call.rels.length == 5;
    LogicalAggregate aggregate = call.rel(0);
    LogicalProject project = projected ? call.rel(1) : null;
    LogicalJoin join = call.rel(projected ? 2 : 1);
    DicomTableScan left = call.rel(projected ? 3 : 2);
    DicomTableScan right = call.rel(projected ? 4 : 3);
    IndexAnswer answer = joinCount(aggregate, project, join, left, right);
    if (answer == null) {
      answer = ContourAggregateRule.joined(aggregate, project, join, left.spec(), right.spec());
    }
    if (answer != null) {
      call.transformTo(answer);
    }
  }

  /**
   * The {@link DicomJoinCount} that answers this aggregate over the (projected) join of two
   * scans, or null where it cannot.
   */
  static DicomJoinCount joinCount(LogicalAggregate aggregate, LogicalProject project,
      LogicalJoin join, DicomTableScan leftScan, DicomTableScan rightScan) {
    ScanSpec left = leftScan.spec();
    ScanSpec right = rightScan.spec();
    JoinInfo info = join.analyzeCondition();
    if (join.getJoinType() != JoinRelType.INNER || !info.isEqui() || info.leftKeys.isEmpty()
        || aggregate.getGroupType() != Aggregate.Group.SIMPLE
        || aggregate.getGroupCount() + aggregate.getAggCallList().size() == 0
        || !pushable(left) || !pushable(right)) {
      return null;
    }
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      if (aggregateCall.getAggregation().getKind() != SqlKind.COUNT
          || !aggregateCall.getArgList().isEmpty() || aggregateCall.filterArg >= 0) {
        return null;
      }
    }
    int leftWidth = left.fields().length;
    int[] joinFields = joinFields(aggregate.getGroupSet().asList(), project);
    if (joinFields == null) {
      return null;
    }
    boolean leftIsOne = joinFields.length == 0 ? left.rowCount() <= right.rowCount()
        : splits(right, joinFields, leftWidth, true);
    if (!leftIsOne && !splits(left, joinFields, leftWidth, false)) {
      return null;
    }
    ScanSpec one = leftIsOne ? left : right;
    ScanSpec many = leftIsOne ? right : left;
    List<Integer> oneFields = leftIsOne ? info.leftKeys : info.rightKeys;
    List<Integer> manyFields = leftIsOne ? info.rightKeys : info.leftKeys;
    if (!many.dicomTable().source().countsIds()) {
      return null;
    }
    int[][] joinKeys = keyColumns(one, oneFields, many, manyFields);
    if (joinKeys == null) {
      return null;
    }
    int[] oneKeys = joinKeys[0];
    int[] keys = joinKeys[1];
    List<Integer> groups = new ArrayList<>();
    List<Integer> manyGroups = new ArrayList<>();
    // The output holds one side's groups, then the other's: a projection may order them so,
    // either way round, but not interleave them.
    boolean oneFirst = joinFields.length == 0 || joinFields[0] < leftWidth == leftIsOne;
    boolean second = false;
    for (int field : joinFields) {
      boolean onOne = field < leftWidth == leftIsOne;
      if (second && onOne == oneFirst) {
        return null;
      }
      second |= onOne != oneFirst;
      if (onOne) {
        groups.add(one.fields()[field - (leftIsOne ? 0 : leftWidth)]);
      } else {
        manyGroups.add(many.fields()[field - (leftIsOne ? leftWidth : 0)]);
      }
    }
    return new DicomJoinCount(aggregate.getCluster(), many, one, oneKeys, keys,
        groups.stream().mapToInt(Integer::intValue).toArray(),
        manyGroups.stream().mapToInt(Integer::intValue).toArray(), oneFirst, -1,
        aggregate.getAggCallList().size(), aggregate.getRowType());
  }

  /**
   * The source columns of the join's keys on each side (given as fields of each scan): the
   * one side's, then the many side's; null unless each of the latter is indexed and of the
   * type of the column it equals.
   */
  static int[][] keyColumns(ScanSpec one, List<Integer> oneFields, ScanSpec many,
      List<Integer> manyFields) {
    RowSource oneRows = one.dicomTable().source();
    RowSource manyRows = many.dicomTable().source();
    int[] oneKeys = new int[oneFields.size()];
    int[] keys = new int[manyFields.size()];
    for (int k = 0; k < keys.length; k++) {
      oneKeys[k] = one.fields()[oneFields.get(k)];
      keys[k] = many.fields()[manyFields.get(k)];
      if (!manyRows.isIndexed(keys[k]) || manyRows.type(keys[k]) != oneRows.type(oneKeys[k])) {
        return null;
      }
    }
    return new int[][] {oneKeys, keys};
  }

  /**
   * The fields of the join's row that these fields of the aggregate's input are, or null where
   * the projection computes one.
   */
  static int[] joinFields(List<Integer> fields, LogicalProject project) {
    int[] joinFields = new int[fields.size()];
    for (int at = 0; at < joinFields.length; at++) {
      int joinField = fields.get(at);
      if (project != null) {
        RexNode expression = project.getProjects().get(joinField);
        if (!(expression instanceof RexInputRef ref)) {
          return null;
        }
        joinField = ref.getIndex();
      }
      joinFields[at] = joinField;
    }
    return joinFields;
  }

  /**
   * Whether the grouping fields (of the join's row) that lie on {@code side} (the right one, or
   * the left) are indexed columns of few values there, whose row sets can split its rows.
   */
  private static boolean splits(ScanSpec side, int[] joinFields, int leftWidth,
      boolean sideIsRight) {
    RowSource rows = side.dicomTable().source();
    for (int field : joinFields) {
      if (field >= leftWidth == sideIsRight) {
        int column = side.fields()[field - (sideIsRight ? leftWidth : 0)];
        if (!rows.isIndexed(column) || rows.valueSets(column, false) == null
            || rows.distinctValues(column) > MAX_SPLIT_VALUES) {
          return false;
        }
      }
    }
    return true;
  }

  static boolean pushable(ScanSpec scan) {
    return scan.dicomTable().pushdown() && scan.residual() == null;
  }
}
