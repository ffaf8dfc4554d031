package dicomsql.connector.rel;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.rules.JoinCommuteRule;

/**
 * A right join whose left side is a scan the index can look rows up in, turned round into the
 * left join that {@link DicomRules.IndexJoinRule} answers, below a projection that puts the
 * fields back in order. Calcite's own commute rule leaves outer joins as they are.
 */
final class RightJoinFlipRule extends RelRule<DicomRules.RuleConfig> {
  static final RelOptRule INSTANCE = new DicomRules.RuleConfig("DicomRightJoinFlipRule",
      b0 -> b0.operand(LogicalJoin.class).predicate(join -> join.getJoinType()
          == JoinRelType.RIGHT).inputs(
              b1 -> b1.operand(DicomTableScan.class).noInputs(),
              b2 -> b2.operand(RelNode.class).anyInputs()),
      RightJoinFlipRule::new).toRule();

  private RightJoinFlipRule(DicomRules.RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalJoin join = call.rel(0);
    ScanSpec scan = ((DicomTableScan) call.rel(1)).spec();
    if (!scan.dicomTable().pushdown()) {
      return;
    }
    boolean indexedKey = false;
    for (int key : join.analyzeCondition().leftKeys) {
      indexedKey |= scan.dicomTable().source().isIndexed(scan.fields()[key]);
    }
    if (indexedKey) {
      call.transformTo(JoinCommuteRule.swap(join, true, call.builder()));
    }
  }
}
