package dicomsql.connector.rel;

import dicomsql.connector.planner.DefaultRules;
import dicomsql.connector.rows.FirstRows;
import dicomsql.connector.rows.IndexCondition;
import dicomsql.connector.rows.RowSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/** The planner rules that push filters and projections into a {@link DicomTableScan}. */
final class DicomRules {
  private DicomRules() {}

  /**
   * Moves a filter into the scan below it: the index answers what it can, the scan checks the
   * rest on each row it decodes.
   */
  static final RelOptRule FILTER = new RuleConfig("DicomFilterRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(
          b1 -> b1.operand(DicomTableScan.class).noInputs()),
      FilterRule::new).toRule();

  /** Narrows the scan below a projection to the columns the projection uses. */
  static final RelOptRule PROJECT = new RuleConfig("DicomProjectRule",
      b0 -> b0.operand(LogicalProject.class).oneInput(
          b1 -> b1.operand(DicomTableScan.class).noInputs()),
      ProjectRule::new).toRule();

  /**
   * Answers COUNT(*) (grouped by an indexed column, or not) from the index's row sets, and
   * the count of contour points from the contours' point counts.
   */
  static final RelOptRule COUNT = new RuleConfig("DicomCountRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(DicomTableScan.class).noInputs()),
      CountRule::new).toRule();

  /**
   * ORDER BY one indexed column with a LIMIT: the first rows from the column's value map; or
   * of one numeric column, from its values read column-wise.
   */
  static final RelOptRule INDEX_SORT = new RuleConfig("DicomIndexSortRule",
      b0 -> b0.operand(LogicalSort.class).oneInput(
          b1 -> b1.operand(DicomTableScan.class).noInputs()),
      IndexSortRule::new).toRule();

  /** MIN, MAX and COUNT(DISTINCT) of indexed columns (and COUNT(*)) from value maps. */
  static final RelOptRule INDEX_AGGREGATE = new RuleConfig("DicomIndexAggregateRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(DicomTableScan.class).noInputs()),
      IndexAggregateRule::new).toRule();

  /** Joins on an indexed column of a scan by looking each key up in the index. */
  static final RelOptRule INDEX_JOIN = new RuleConfig("DicomIndexJoinRule",
      b0 -> b0.operand(LogicalJoin.class).inputs(
          b1 -> b1.operand(RelNode.class).anyInputs(),
          b2 -> b2.operand(DicomTableScan.class).noInputs()),
      IndexJoinRule::new).toRule();

  /**
   * Adds the rules, and Calcite's rule that moves filters below projections: field trimming puts
   * a projection right above each scan, and a filter must reach the scan to be pushed.
   */
  /** Turns a logical scan into the one that runs. */
  static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(DicomTableScan.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "DicomToEnumerableRule")
      .withRuleFactory(ToEnumerableRule::new)
      .toRule();

  static void register(RelOptPlanner planner) {
    planner.addRule(TO_ENUMERABLE);
    planner.addRule(FILTER);
    planner.addRule(PROJECT);
    planner.addRule(COUNT);
    planner.addRule(INDEX_JOIN);
    planner.addRule(RightJoinFlipRule.INSTANCE);
    planner.addRule(RasterProjectRule.INSTANCE);
    planner.addRule(INDEX_SORT);
    planner.addRule(INDEX_AGGREGATE);
    planner.addRule(ColumnAggregateRule.ON_SCAN);
    planner.addRule(ColumnAggregateRule.ON_PROJECT);
    planner.addRule(ContourAggregateRule.INSTANCE);
    planner.addRule(JoinCountRule.ON_JOIN);
    planner.addRule(JoinCountRule.ON_PROJECT);
    planner.addRule(JoinDistinctCountRule.ON_JOIN);
    planner.addRule(JoinDistinctCountRule.ON_PROJECT);
    planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);
    planner.addRule(DefaultRules.FILTER_PROJECT_TRANSPOSE);
  }

  /** A rule's configuration, written out by hand rather than generated by Immutables. */
  record RuleConfig(String description, RelRule.OperandTransform operandSupplier,
      Function<RuleConfig, RelOptRule> factory) implements RelRule.Config {
    @Override
    public RelOptRule toRule() {
      return factory.apply(this);
    }

    @Override
    public RelBuilderFactory relBuilderFactory() {
      return RelFactories.LOGICAL_BUILDER;
    }

    @Override
    public RelRule.Config withRelBuilderFactory(RelBuilderFactory relBuilderFactory) {
      return this;
    }

    @Override
    public RelRule.Config withDescription(String newDescription) {
      return new RuleConfig(newDescription, operandSupplier, factory);
    }

    @Override
    public RelRule.Config withOperandSupplier(RelRule.OperandTransform transform) {
      return new RuleConfig(description, transform, factory);
    }
  }

  /** Filter on scan: the index takes the conjuncts it answers, the scan the rest. */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      ScanSpec scan = ((DicomTableScan) call.rel(1)).spec();
      RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
      DicomFilterTranslator.Result result =
          new DicomFilterTranslator(scan.dicomTable().source(), scan.fields())
              .translate(filter.getCondition(), rexBuilder);
      if (result.condition() == null && scan.condition() == null) {
        return;
      }
      IndexCondition condition = scan.condition() == null ? result.condition()
          : result.condition() == null ? scan.condition()
          : new IndexCondition.And(List.of(scan.condition(), result.condition()));
      RexNode residual = scan.residual() == null ? result.residual()
          : result.residual() == null ? scan.residual()
          : RexUtil.composeConjunction(rexBuilder, List.of(scan.residual(), result.residual()));
      call.transformTo(scan.withFilter(condition, residual).toRel(filter.getCluster()));
    }
  }

  /** Project on scan: decode only the columns the projection's expressions use. */
  static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      ScanSpec scan = ((DicomTableScan) call.rel(1)).spec();
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), scan.residual());
      if (used.cardinality() == scan.fields().length) {
        return;
      }
      int[] fields = new int[used.cardinality()];
      Map<Integer, Integer> positions = new HashMap<>();
      for (int field : used) {
        fields[positions.size()] = scan.fields()[field];
        positions.put(field, positions.size());
      }
      Mappings.TargetMapping mapping =
          Mappings.target(positions, scan.fields().length, fields.length);
      RexNode residual = scan.residual() == null ? null
          : RexUtil.apply(mapping, scan.residual());
      RelNode narrow = scan.withFields(fields, residual).toRel(project.getCluster());
      RexPermuteInputsShuttle shuttle = new RexPermuteInputsShuttle(mapping, narrow);
      List<RexNode> projects = new ArrayList<>();
      for (RexNode expression : project.getProjects()) {
        projects.add(expression.accept(shuttle));
      }
      boolean identity = RexUtil.isIdentity(projects, narrow.getRowType())
          && narrow.getRowType().getFieldNames().equals(project.getRowType().getFieldNames());
      // A projection that only names the scan's columns is the scan: then other rules (index
      // joins, counts) see the scan itself.
      call.transformTo(identity ? narrow : LogicalProject.create(narrow, project.getHints(),
          projects, project.getRowType().getFieldNames(), project.getVariablesSet()));
    }
  }

  /** Aggregate of only COUNT(*) on a scan the index filters entirely: count row sets. */
  static final class CountRule extends RelRule<RuleConfig> {
    CountRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalAggregate aggregate = call.rel(0);
      ScanSpec scan = ((DicomTableScan) call.rel(1)).spec();
      if (scan.residual() != null || !scan.dicomTable().source().countsIds()
          || aggregate.getGroupType() != Aggregate.Group.SIMPLE
          || aggregate.getGroupCount() > 1 || aggregate.getAggCallList().isEmpty()) {
        return;
      }
      for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
        if (aggregateCall.getAggregation().getKind() != SqlKind.COUNT
            || !aggregateCall.getArgList().isEmpty() || aggregateCall.isDistinct()
            || aggregateCall.filterArg >= 0) {
          return;
        }
      }
      int column = -1;
      if (aggregate.getGroupCount() == 1) {
        column = scan.fields()[aggregate.getGroupSet().nth(0)];
        if (!scan.dicomTable().source().isIndexed(column)
            || scan.dicomTable().source().valueSets(column, false) == null) {
          return;
        }
      }
      call.transformTo(new DicomGroupCount(aggregate.getCluster(), scan, column,
          aggregate.getAggCallList().size(), aggregate.getRowType()));
    }
  }

  /**
   * Inner join whose right side is a scan and whose condition equates a left column with an
   * indexed column of that scan: an index nested-loop join, the rest of the condition checked
   * on the joined rows. With pushdown, a left join too: the rest of its condition (and of the
   * scan's filter) is checked in the join, on each pair, since a left row that fails it for
   * every match is still kept.
   */
  static final class IndexJoinRule extends RelRule<RuleConfig> {
    IndexJoinRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalJoin join = call.rel(0);
      RelNode left = call.rel(1);
      ScanSpec scan = ((DicomTableScan) call.rel(2)).spec();
      boolean leftJoin = join.getJoinType() == JoinRelType.LEFT && scan.dicomTable().pushdown()
          && !RexUtil.containsCorrelation(join.getCondition());
      if (join.getJoinType() != JoinRelType.INNER && !leftJoin
          || scan.residual() != null && !leftJoin) {
        return;
      }
      JoinInfo info = join.analyzeCondition();
      RowSource source = scan.dicomTable().source();
      int chosen = -1;
      for (int i = 0; i < info.rightKeys.size() && chosen < 0; i++) {
        if (source.isIndexed(scan.fields()[info.rightKeys.get(i)])) {
          chosen = i;
        }
      }
      if (chosen < 0) {
        return;
      }
      RexBuilder rexBuilder = join.getCluster().getRexBuilder();
      // The condition's fields: the inputs' (a left join's output makes the right nullable).
      List<RelDataTypeField> fields = new ArrayList<>(left.getRowType().getFieldList());
      fields.addAll(call.rel(2).getRowType().getFieldList());
      List<RexNode> rest = new ArrayList<>();
      for (int i = 0; i < info.leftKeys.size(); i++) {
        if (i != chosen) {
          int l = info.leftKeys.get(i);
          int r = left.getRowType().getFieldCount() + info.rightKeys.get(i);
          rest.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
              rexBuilder.makeInputRef(fields.get(l).getType(), l),
              rexBuilder.makeInputRef(fields.get(r).getType(), r)));
        }
      }
      rest.add(info.getRemaining(rexBuilder));
      if (scan.residual() != null) {
        // What the index does not answer of a left join's right side is part of the match.
        rest.add(RexUtil.shift(scan.residual(), left.getRowType().getFieldCount()));
        scan = scan.withFilter(scan.condition(), null);
      }
      RexNode condition = RexUtil.composeConjunction(rexBuilder, rest);
      RelNode enumerableLeft = convert(left, left.getTraitSet().replace(
          EnumerableConvention.INSTANCE));
      RelNode joined = new DicomIndexJoin(join.getCluster(), enumerableLeft, scan,
          info.leftKeys.get(chosen), scan.fields()[info.rightKeys.get(chosen)],
          join.getJoinType(), leftJoin && !condition.isAlwaysTrue() ? condition : null);
      call.transformTo(leftJoin || condition.isAlwaysTrue() ? joined
          : LogicalFilter.create(joined, condition));
    }
  }

  /**
   * Aggregate without GROUP BY on a scan the index filters entirely, of COUNT(*) and at least
   * one MIN, MAX or COUNT(DISTINCT) of an indexed column: {@link DicomIndexAggregate}.
   */
  static final class IndexAggregateRule extends RelRule<RuleConfig> {
    IndexAggregateRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalAggregate aggregate = call.rel(0);
      ScanSpec scan = ((DicomTableScan) call.rel(1)).spec();
      RowSource source = scan.dicomTable().source();
      if (!scan.dicomTable().pushdown() || scan.residual() != null
          || aggregate.getGroupCount() != 0 || !source.countsIds()) {
        return;
      }
      List<DicomIndexAggregate.Kind> kinds = new ArrayList<>();
      int[] columns = new int[aggregate.getAggCallList().size()];
      for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
        DicomIndexAggregate.Kind kind = kindOf(aggregateCall);
        if (kind == null) {
          return;
        }
        if (kind != DicomIndexAggregate.Kind.COUNT) {
          int column = scan.fields()[aggregateCall.getArgList().get(0)];
          if (source.valueSets(column, false) == null) {
            return;
          }
          columns[kinds.size()] = column;
        }
        kinds.add(kind);
      }
      if (kinds.stream().allMatch(DicomIndexAggregate.Kind.COUNT::equals)) {
        return;
      }
      call.transformTo(new DicomIndexAggregate(aggregate.getCluster(), scan, kinds, columns,
          aggregate.getRowType()));
    }

    /** What the index can answer a call with, or null. */
    private static DicomIndexAggregate.Kind kindOf(AggregateCall call) {
      if (call.filterArg >= 0 || call.getArgList().size() > 1) {
        return null;
      }
      boolean one = call.getArgList().size() == 1;
      return switch (call.getAggregation().getKind()) {
        case COUNT -> !one ? DicomIndexAggregate.Kind.COUNT
            : call.isDistinct() ? DicomIndexAggregate.Kind.COUNT_DISTINCT : null;
        case MIN -> one ? DicomIndexAggregate.Kind.MIN : null;
        case MAX -> one ? DicomIndexAggregate.Kind.MAX : null;
        default -> null;
      };
    }
  }

  /**
   * Sort by one column on a scan the index filters entirely, with a LIMIT: when the column is
   * indexed, {@link DicomIndexSort}; when it is a number kept column-wise,
   * {@link DicomColumnSort}. Sort by such a number and further columns: the same sort over the
   * rows of a {@link DicomColumnSort} by the number that keeps the rows tied with its last.
   * (Other sorts with a LIMIT keep only the first rows as they go, by Calcite's
   * ENUMERABLE_LIMIT_SORT_RULE.)
   */
  static final class IndexSortRule extends RelRule<RuleConfig> {
    IndexSortRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      ScanSpec scan = ((DicomTableScan) call.rel(1)).spec();
      List<RelFieldCollation> keys = sort.getCollation().getFieldCollations();
      if (!scan.dicomTable().pushdown() || scan.residual() != null || keys.isEmpty()
          || !(sort.fetch instanceof RexLiteral fetchLiteral)
          || sort.offset != null && !(sort.offset instanceof RexLiteral)) {
        return;
      }
      int column = scan.fields()[keys.get(0).getFieldIndex()];
      RowSource source = scan.dicomTable().source();
      long offset = sort.offset == null ? 0 : ((RexLiteral) sort.offset).getValueAs(Long.class);
      long fetch = fetchLiteral.getValueAs(Long.class);
      if (keys.size() == 1 && source.valueSets(column, false) != null) {
        call.transformTo(new DicomIndexSort(sort.getCluster(), scan, keys.get(0), offset,
            fetch));
      } else if (source.order(column) == null) {
        return;
      } else if (keys.size() == 1) {
        call.transformTo(new DicomColumnSort(sort.getCluster(), scan, keys.get(0), offset,
            fetch, false));
      } else {
        // The page's rows are among the first by the first key and those tied with the last.
        RelNode tied = new DicomColumnSort(sort.getCluster(), scan, keys.get(0), 0,
            FirstRows.wanted(offset, fetch), true);
        call.transformTo(sort.copy(sort.getTraitSet(), tied, sort.getCollation(), sort.offset,
            sort.fetch));
      }
    }
  }

  /** The converter from {@link DicomTableScan} to {@link DicomEnumerableScan}. */
  static final class ToEnumerableRule extends ConverterRule {
    ToEnumerableRule(ConverterRule.Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return new DicomEnumerableScan(rel.getCluster(), ((DicomTableScan) rel).spec());
    }
  }
}
