package dicomsql.connector.rel;

import dicomsql.connector.rows.ColumnAggregation;
import dicomsql.connector.rows.RowSource;
import dicomsql.engine.index.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Aggregate on a scan the index filters entirely (directly, or through a projection of columns
 * and casts of integer columns to DOUBLE), grouped by indexed columns, by numeric columns the
 * index keeps column-wise, by both, or not at all, of COUNT, SUM, AVG, MIN and MAX
 * of numeric columns: {@link DicomColumnAggregate}. Aggregates that value maps or row-set sizes
 * answer alone are left to those rules.
 */
final class ColumnAggregateRule extends RelRule<DicomRules.RuleConfig> {
  /**
   * Above this many possible groups of indexed columns' row sets, or groups of fewer rows on
   * average than {@link #MIN_GROUP_ROWS}, intersecting the row sets costs more than hashing
   * the ranks of their values.
   */
  private static final double MAX_GROUPS = 10_000;

  private static final double MIN_GROUP_ROWS = 8;

  static final RelOptRule ON_SCAN = new DicomRules.RuleConfig("DicomColumnAggregateRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(DicomTableScan.class).noInputs()),
      ColumnAggregateRule::new).toRule();

  static final RelOptRule ON_PROJECT = new DicomRules.RuleConfig(
      "DicomColumnAggregateProjectRule",
      b0 -> b0.operand(LogicalAggregate.class).oneInput(
          b1 -> b1.operand(LogicalProject.class).oneInput(
              b2 -> b2.operand(DicomTableScan.class).noInputs())),
      ColumnAggregateRule::new).toRule();

  private ColumnAggregateRule(DicomRules.RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    LogicalProject project = call.rels.length == 3 ? call.rel(1) : null;
    ScanSpec scan = ((DicomTableScan) call.rel(call.rels.length - 1)).spec();
    RowSource source = scan.dicomTable().source();
    if (!scan.dicomTable().pushdown() || scan.residual() != null || !source.countsIds()
        || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return;
    }
    int[] groups = new int[aggregate.getGroupCount()];
    boolean[] mapped = new boolean[groups.length];
    int at = 0;
    for (int field : aggregate.getGroupSet()) {
      Argument argument = argument(project, scan, field);
      if (argument == null || argument.asDouble()) {
        return;
      }
      groups[at] = argument.column();
      mapped[at++] = source.isIndexed(argument.column())
          && source.valueSets(argument.column(), false) != null;
    }
    DicomColumnAggregate.Grouping[] groupings = groupings(groups, mapped, source,
        scan.rowCount());
    if (groupings == null) {
      return;
    }
    List<DicomColumnAggregate.Call> calls = new ArrayList<>();
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      DicomColumnAggregate.Call resolved = resolve(aggregateCall, project, scan, source);
      if (resolved == null) {
        return;
      }
      calls.add(resolved);
    }
    if (answeredOtherwise(groups, mapped, calls, source)) {
      return;
    }
    // The index counts the distinct values of indexed columns only; of others a tenth of the
    // rows is guessed per column.
    double groupCount = 1;
    for (int column : groups) {
      groupCount *= source.isIndexed(column) ? source.distinctValues(column) + 1
          : Math.max(1, scan.rowCount() / 10);
    }
    call.transformTo(new DicomColumnAggregate(aggregate.getCluster(), scan, groups, groupings,
        calls, groups.length == 0 ? 1 : Math.min(groupCount, scan.rowCount()),
        aggregate.getRowType()));
  }

  /**
   * How each grouping column splits the rows: an indexed column by its row sets while they
   * split the rows into few groups of many rows together with the columns split so before it
   * (or into few groups, where there is no other way); past that, a number the index keeps
   * column-wise by its values, and another indexed column by the ranks of its values where it
   * has no more values than rows are kept (ranking reads every value's row set: for a few rows
   * of a column of many values, decoding them costs less); null where a column can be grouped
   * in none of these ways.
   */
  private static DicomColumnAggregate.Grouping[] groupings(int[] groups, boolean[] mapped,
      RowSource source, double rows) {
    DicomColumnAggregate.Grouping[] groupings = new DicomColumnAggregate.Grouping[groups.length];
    double split = 1;
    int hashed = 0;
    // Columns that only row sets or ranks group (strings, dates) come first to the row sets.
    for (boolean numbers : new boolean[] {false, true}) {
      for (int i = 0; i < groups.length; i++) {
        boolean hashable = source.readsBatches() && source.numbers(groups[i]) != null;
        if (hashable != numbers) {
          continue;
        }
        double splitHere = mapped[i] ? split * (source.distinctValues(groups[i]) + 1) : 0;
        boolean rankable = mapped[i] && source.readsBatches()
            && source.distinctValues(groups[i]) <= rows;
        if (mapped[i] && splitHere <= MAX_GROUPS
            && (splitHere <= rows / MIN_GROUP_ROWS || !hashable && !rankable)) {
          groupings[i] = DicomColumnAggregate.Grouping.ROW_SETS;
          split = splitHere;
        } else if (hashable || rankable) {
          groupings[i] = hashable ? DicomColumnAggregate.Grouping.VALUES
              : DicomColumnAggregate.Grouping.RANKS;
          hashed++;
        } else {
          return null;
        }
      }
    }
    return hashed > ColumnAggregation.MAX_HASHED_COLUMNS ? null : groupings;
  }

  /** A source column an aggregate reads, and whether its integers are cast to DOUBLE. */
  private record Argument(int column, boolean asDouble) {}

  /** What input {@code field} of the aggregate is, or null when it is neither kind. */
  private static Argument argument(LogicalProject project, ScanSpec scan, int field) {
    if (project == null) {
      return new Argument(scan.fields()[field], false);
    }
    RexNode expression = project.getProjects().get(field);
    if (expression instanceof RexInputRef ref) {
      return new Argument(scan.fields()[ref.getIndex()], false);
    }
    if (expression.getKind() == SqlKind.CAST
        && expression.getType().getSqlTypeName() == SqlTypeName.DOUBLE
        && ((RexCall) expression).getOperands().get(0) instanceof RexInputRef ref) {
      int column = scan.fields()[ref.getIndex()];
      ColumnType type = scan.dicomTable().source().type(column);
      if (type == ColumnType.DOUBLE) {
        return new Argument(column, false);
      }
      return type == ColumnType.INTEGER || type == ColumnType.BIGINT
          ? new Argument(column, true) : null;
    }
    return null;
  }

  static DicomColumnAggregate.Call resolve(AggregateCall call, LogicalProject project,
      ScanSpec scan, RowSource source) {
    if (call.filterArg >= 0 || call.isDistinct() || call.getArgList().size() > 1) {
      return null;
    }
    DicomColumnAggregate.Result result = switch (call.getType().getSqlTypeName()) {
      case INTEGER -> DicomColumnAggregate.Result.INTEGER;
      case BIGINT -> DicomColumnAggregate.Result.BIGINT;
      case DOUBLE -> DicomColumnAggregate.Result.DOUBLE;
      default -> null;
    };
    if (result == null) {
      return null;
    }
    if (call.getArgList().isEmpty()) {
      return call.getAggregation().getKind() == SqlKind.COUNT
          ? new DicomColumnAggregate.Call(DicomColumnAggregate.Kind.COUNT_ROWS, -1, false,
              result)
          : null;
    }
    DicomColumnAggregate.Kind kind = switch (call.getAggregation().getKind()) {
      case COUNT -> DicomColumnAggregate.Kind.COUNT;
      case SUM -> DicomColumnAggregate.Kind.SUM;
      case SUM0 -> DicomColumnAggregate.Kind.SUM0;
      case AVG -> DicomColumnAggregate.Kind.AVG;
      case MIN -> DicomColumnAggregate.Kind.MIN;
      case MAX -> DicomColumnAggregate.Kind.MAX;
      default -> null;
    };
    Argument argument = argument(project, scan, call.getArgList().get(0));
    if (kind == null || argument == null || source.numbers(argument.column()) == null) {
      return null;
    }
    return new DicomColumnAggregate.Call(kind, argument.column(), argument.asDouble(), result);
  }

  /**
   * Whether row-set sizes ({@link DicomGroupCount}: only COUNT(*), by at most one column) or
   * value maps ({@link DicomIndexAggregate}: no groups, only COUNT(*) and the ends of indexed
   * columns) answer the aggregate as they are.
   */
  private static boolean answeredOtherwise(int[] groups, boolean[] mapped,
      List<DicomColumnAggregate.Call> calls, RowSource source) {
    boolean counts = true;
    boolean valueMaps = groups.length == 0;
    for (DicomColumnAggregate.Call call : calls) {
      boolean end = (call.kind() == DicomColumnAggregate.Kind.MIN
          || call.kind() == DicomColumnAggregate.Kind.MAX)
          && !call.asDouble() && source.isIndexed(call.column());
      counts &= call.kind() == DicomColumnAggregate.Kind.COUNT_ROWS;
      valueMaps &= end || call.kind() == DicomColumnAggregate.Kind.COUNT_ROWS;
    }
    return counts && (groups.length == 0 || groups.length == 1 && mapped[0]) || valueMaps;
  }
}
