package dicomsql.connector.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.config.CalciteSystemProperty;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.AbstractConverter;
import org.apache.calcite.rel.rules.AggregateCaseToFilterRule;
import org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule;
import org.apache.calcite.rel.rules.AggregateExpandWithinDistinctRule;
import org.apache.calcite.rel.rules.AggregateJoinTransposeRule;
import org.apache.calcite.rel.rules.AggregateMergeRule;
import org.apache.calcite.rel.rules.AggregateProjectMergeRule;
import org.apache.calcite.rel.rules.AggregateProjectPullUpConstantsRule;
import org.apache.calcite.rel.rules.AggregateProjectStarTableRule;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.AggregateRemoveRule;
import org.apache.calcite.rel.rules.AggregateStarTableRule;
import org.apache.calcite.rel.rules.CalcMergeRule;
import org.apache.calcite.rel.rules.CalcRemoveRule;
import org.apache.calcite.rel.rules.DateRangeRules;
import org.apache.calcite.rel.rules.ExchangeRemoveConstantKeysRule;
import org.apache.calcite.rel.rules.FilterAggregateTransposeRule;
import org.apache.calcite.rel.rules.FilterCalcMergeRule;
import org.apache.calcite.rel.rules.FilterJoinRule;
import org.apache.calcite.rel.rules.FilterMergeRule;
import org.apache.calcite.rel.rules.FilterProjectTransposeRule;
import org.apache.calcite.rel.rules.FilterSampleTransposeRule;
import org.apache.calcite.rel.rules.FilterTableScanRule;
import org.apache.calcite.rel.rules.FilterToCalcRule;
import org.apache.calcite.rel.rules.FilterWindowTransposeRule;
import org.apache.calcite.rel.rules.IntersectToDistinctRule;
import org.apache.calcite.rel.rules.JoinAssociateRule;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rel.rules.JoinPushExpressionsRule;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rel.rules.MatchRule;
import org.apache.calcite.rel.rules.MinusToDistinctRule;
import org.apache.calcite.rel.rules.ProjectAggregateMergeRule;
import org.apache.calcite.rel.rules.ProjectCalcMergeRule;
import org.apache.calcite.rel.rules.ProjectFilterTransposeRule;
import org.apache.calcite.rel.rules.ProjectMergeRule;
import org.apache.calcite.rel.rules.ProjectOverSumToSum0Rule;
import org.apache.calcite.rel.rules.ProjectRemoveRule;
import org.apache.calcite.rel.rules.ProjectTableScanRule;
import org.apache.calcite.rel.rules.ProjectToCalcRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule;
import org.apache.calcite.rel.rules.ProjectWindowTransposeRule;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.rel.rules.ReduceExpressionsRule;
import org.apache.calcite.rel.rules.SampleToFilterRule;
import org.apache.calcite.rel.rules.SemiJoinRule;
import org.apache.calcite.rel.rules.SingleValuesOptimizationRules;
import org.apache.calcite.rel.rules.SortJoinTransposeRule;
import org.apache.calcite.rel.rules.SortProjectTransposeRule;
import org.apache.calcite.rel.rules.SortRemoveConstantKeysRule;
import org.apache.calcite.rel.rules.SortRemoveRule;
import org.apache.calcite.rel.rules.SortUnionTransposeRule;
import org.apache.calcite.rel.rules.SubQueryRemoveRule;
import org.apache.calcite.rel.rules.UnionMergeRule;
import org.apache.calcite.rel.rules.UnionPullUpConstantsRule;
import org.apache.calcite.rel.rules.UnionToDistinctRule;
import org.apache.calcite.rel.rules.UnionToValuesRule;
import org.apache.calcite.rel.stream.StreamRules;

/**
 * The rules Calcite 1.42's default planner and standard program use, each built from its
 * configuration as {@code CoreRules} builds it, but without {@code CoreRules},
 * {@code RelOptRules} or {@code Programs}: their static initialisers build all 162 of Calcite's
 * core rules (about 0.3 s of a new JVM's first query) where planning uses about 60.
 * {@link #register} registers what {@code RelOptUtil.registerDefaultRules} does, in its order,
 * so that the planner's rule set and its plans stay Calcite's (the connector's tests compare
 * both with Calcite's own set-up).
 */
public final class DefaultRules {
  private DefaultRules() {}

  public static final RelOptRule FILTER_PROJECT_TRANSPOSE =
      FilterProjectTransposeRule.Config.DEFAULT.toRule();
  static final RelOptRule FILTER_INTO_JOIN =
      FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.DEFAULT.toRule();
  static final RelOptRule JOIN_COMMUTE = JoinCommuteRule.Config.DEFAULT.toRule();
  static final RelOptRule PROJECT_OVER_SUM_TO_SUM0 =
      ProjectOverSumToSum0Rule.Config.DEFAULT.toRule();
  static final RelOptRule JOIN_SUB_QUERY_TO_CORRELATE =
      SubQueryRemoveRule.Config.JOIN.toRule();

  /** As {@code RelOptRules.ABSTRACT_RELATIONAL_RULES}, without the commute flag's rule. */
  private static final List<RelOptRule> ABSTRACT_RELATIONAL = List.of(FILTER_INTO_JOIN,
      FilterJoinRule.JoinConditionPushRule.JoinConditionPushRuleConfig.DEFAULT.toRule(),
      AbstractConverter.ExpandConversionRule.INSTANCE,
      JOIN_COMMUTE,
      SemiJoinRule.ProjectToSemiJoinRule.ProjectToSemiJoinRuleConfig.DEFAULT.toRule(),
      SemiJoinRule.JoinOnUniqueToSemiJoinRule.JoinOnUniqueToSemiJoinRuleConfig.DEFAULT.toRule(),
      SemiJoinRule.JoinToSemiJoinRule.JoinToSemiJoinRuleConfig.DEFAULT.toRule(),
      AggregateRemoveRule.Config.DEFAULT.toRule(),
      UnionToDistinctRule.Config.DEFAULT.toRule(),
      UnionToValuesRule.Config.DEFAULT.toRule(),
      ProjectRemoveRule.Config.DEFAULT.toRule(),
      ProjectAggregateMergeRule.Config.DEFAULT.toRule(),
      AggregateJoinTransposeRule.Config.DEFAULT.toRule(),
      AggregateMergeRule.Config.DEFAULT.toRule(),
      AggregateProjectMergeRule.Config.DEFAULT.toRule(),
      CalcRemoveRule.Config.DEFAULT.toRule(),
      SortRemoveRule.Config.DEFAULT.toRule());

  /** As {@code RelOptRules.ABSTRACT_RULES}. */
  private static final List<RelOptRule> ABSTRACT = List.of(
      AggregateProjectPullUpConstantsRule.Config.ANY.toRule(),
      UnionPullUpConstantsRule.Config.DEFAULT.toRule(),
      PruneEmptyRules.UNION_INSTANCE,
      PruneEmptyRules.INTERSECT_INSTANCE,
      PruneEmptyRules.MINUS_INSTANCE,
      PruneEmptyRules.PROJECT_INSTANCE,
      PruneEmptyRules.FILTER_INSTANCE,
      PruneEmptyRules.SORT_INSTANCE,
      PruneEmptyRules.AGGREGATE_INSTANCE,
      PruneEmptyRules.WINDOW_INSTANCE,
      PruneEmptyRules.JOIN_LEFT_INSTANCE,
      PruneEmptyRules.JOIN_RIGHT_INSTANCE,
      PruneEmptyRules.SORT_FETCH_ZERO_INSTANCE,
      PruneEmptyRules.EMPTY_TABLE_INSTANCE,
      SingleValuesOptimizationRules.JOIN_LEFT_INSTANCE,
      SingleValuesOptimizationRules.JOIN_RIGHT_INSTANCE,
      SingleValuesOptimizationRules.JOIN_LEFT_PROJECT_INSTANCE,
      SingleValuesOptimizationRules.JOIN_RIGHT_PROJECT_INSTANCE,
      UnionMergeRule.Config.DEFAULT.toRule(),
      UnionMergeRule.Config.INTERSECT.toRule(),
      UnionMergeRule.Config.MINUS.toRule(),
      PROJECT_OVER_SUM_TO_SUM0,
      ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule
          .ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT.toRule(),
      FilterMergeRule.Config.DEFAULT.toRule(),
      DateRangeRules.FILTER_INSTANCE,
      IntersectToDistinctRule.Config.DEFAULT.toRule(),
      MinusToDistinctRule.Config.DEFAULT.toRule());

  /** As {@code RelOptRules.BASE_RULES}, the commute flag's rule third. */
  private static final List<RelOptRule> BASE_BEFORE_COMMUTE = List.of(
      AggregateStarTableRule.Config.DEFAULT.toRule(),
      AggregateProjectStarTableRule.Config.DEFAULT.toRule());
  private static final List<RelOptRule> BASE_AFTER_COMMUTE = List.of(
      FilterTableScanRule.Config.DEFAULT.toRule(),
      ProjectFilterTransposeRule.Config.DEFAULT.toRule(),
      FILTER_PROJECT_TRANSPOSE,
      FILTER_INTO_JOIN,
      JoinPushExpressionsRule.Config.DEFAULT.toRule(),
      AggregateExpandDistinctAggregatesRule.Config.DEFAULT.toRule(),
      AggregateExpandWithinDistinctRule.Config.DEFAULT.toRule(),
      AggregateCaseToFilterRule.Config.DEFAULT.toRule(),
      AggregateReduceFunctionsRule.Config.DEFAULT.toRule(),
      FilterAggregateTransposeRule.Config.DEFAULT.toRule(),
      ProjectWindowTransposeRule.Config.DEFAULT.toRule(),
      MatchRule.Config.DEFAULT.toRule(),
      JOIN_COMMUTE,
      JoinPushThroughJoinRule.RIGHT,
      JoinPushThroughJoinRule.LEFT,
      SortProjectTransposeRule.Config.DEFAULT.toRule(),
      SortJoinTransposeRule.Config.DEFAULT.toRule(),
      SortRemoveConstantKeysRule.Config.DEFAULT.toRule(),
      SortUnionTransposeRule.Config.DEFAULT.toRule(),
      ExchangeRemoveConstantKeysRule.Config.DEFAULT.toRule(),
      ExchangeRemoveConstantKeysRule.Config.SORT.toRule(),
      SampleToFilterRule.Config.DEFAULT.toRule(),
      FilterSampleTransposeRule.Config.DEFAULT.toRule(),
      FilterWindowTransposeRule.Config.DEFAULT.toRule());

  private static final RelOptRule JOIN_ASSOCIATE = JoinAssociateRule.Config.DEFAULT.toRule();
  private static final RelOptRule PROJECT_MERGE = ProjectMergeRule.Config.DEFAULT.toRule();

  /** The scan rules registered whatever the flags. */
  private static final List<RelOptRule> SCANS = List.of(Bindables.BINDABLE_TABLE_SCAN_RULE,
      ProjectTableScanRule.Config.DEFAULT.toRule(),
      ProjectTableScanRule.Config.INTERPRETER.toRule());

  private static final RelOptRule FILTER_REDUCE_EXPRESSIONS =
      ReduceExpressionsRule.FilterReduceExpressionsRule.FilterReduceExpressionsRuleConfig.DEFAULT
          .toRule();

  /** As {@code RelOptRules.CALC_RULES}: the standard program's last, heuristic phase. */
  static final List<RelOptRule> CALC = List.of(Bindables.FROM_NONE_RULE,
      EnumerableRules.ENUMERABLE_CALC_RULE,
      EnumerableRules.ENUMERABLE_FILTER_TO_CALC_RULE,
      EnumerableRules.ENUMERABLE_PROJECT_TO_CALC_RULE,
      FilterToCalcRule.Config.DEFAULT.toRule(),
      ProjectToCalcRule.Config.DEFAULT.toRule(),
      CalcMergeRule.Config.DEFAULT.toRule(),
      FilterCalcMergeRule.Config.DEFAULT.toRule(),
      ProjectCalcMergeRule.Config.DEFAULT.toRule());

  /** The standard program's sub-query phase, without and with mark joins. */
  static final List<RelOptRule> SUB_QUERY = List.of(SubQueryRemoveRule.Config.FILTER.toRule(),
      SubQueryRemoveRule.Config.PROJECT.toRule(), JOIN_SUB_QUERY_TO_CORRELATE,
      PROJECT_OVER_SUM_TO_SUM0);
  static final List<RelOptRule> SUB_QUERY_TO_MARK = List.of(
      SubQueryRemoveRule.Config.FILTER_ENABLE_MARK_JOIN.toRule(),
      SubQueryRemoveRule.Config.PROJECT_ENABLE_MARK_JOIN.toRule(), JOIN_SUB_QUERY_TO_CORRELATE,
      PROJECT_OVER_SUM_TO_SUM0);

  /**
   * Registers on {@code planner} what {@code RelOptUtil.registerDefaultRules(planner,
   * materializations, bindable)} would. With materializations or bindable rels, Calcite's
   * own registration does it: the materialized-view rules' configurations read
   * {@code CoreRules} anyway.
   */
  public static void register(RelOptPlanner planner, boolean materializations,
      boolean bindable) {
    if (materializations || bindable) {
      RelOptUtil.registerDefaultRules(planner, materializations, bindable);
      return;
    }
    rules().forEach(planner::addRule);
  }

  /** The rules {@link #register} registers without materializations or bindable rels. */
  static List<RelOptRule> rules() {
    boolean commute = CalciteSystemProperty.COMMUTE.value();
    List<RelOptRule> rules = new ArrayList<>();
    if (CalciteSystemProperty.ENABLE_COLLATION_TRAIT.value()) {
      rules.addAll(ABSTRACT_RELATIONAL);
      if (commute) {
        rules.add(JOIN_ASSOCIATE);
      }
    }
    rules.addAll(ABSTRACT);
    rules.addAll(BASE_BEFORE_COMMUTE);
    rules.add(commute ? JOIN_ASSOCIATE : PROJECT_MERGE);
    rules.addAll(BASE_AFTER_COMMUTE);
    rules.addAll(SCANS);
    if (CalciteSystemProperty.ENABLE_ENUMERABLE.value()) {
      rules.addAll(EnumerableRules.ENUMERABLE_RULES);
      rules.add(EnumerableRules.TO_INTERPRETER);
    }
    if (CalciteSystemProperty.ENABLE_STREAM.value()) {
      rules.addAll(StreamRules.RULES);
    }
    rules.add(FILTER_REDUCE_EXPRESSIONS);
    return rules;
  }
}
