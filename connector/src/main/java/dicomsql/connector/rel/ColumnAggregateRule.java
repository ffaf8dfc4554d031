package dicomsql.connector.rel;

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
 * and casts of integer columns to DOUBLE), grouped by indexed columns of few values or not at
 * all, of COUNT, SUM, AVG, MIN and MAX of numeric columns: {@link DicomColumnAggregate}.
 * Aggregates that value maps or row-set sizes answer alone are left to those rules.
 */
final class ColumnAggregateRule extends RelRule<DicomRules.RuleConfig> {
  /** Above this many possible groups, Calcite's hash aggregate is left to do the grouping. */
  private static final double MAX_GROUPS = 10_000;

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
    double groupCount = 1;
    int at = 0;
    for (int field : aggregate.getGroupSet()) {
      Argument argument = argument(project, scan, field);
      if (argument == null || argument.asDouble() || !source.isIndexed(argument.column())
          || source.valueSets(argument.column(), false) == null) {
        return;
      }
      groups[at++] = argument.column();
      groupCount *= source.distinctValues(argument.column()) + 1;
    }
    if (groupCount > MAX_GROUPS) {
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
    if (answeredOtherwise(groups, calls, source)) {
      return;
    }
    call.transformTo(new DicomColumnAggregate(aggregate.getCluster(), scan, groups, calls,
        groups.length == 0 ? 1 : Math.min(groupCount, scan.rowCount()),
        aggregate.getRowType()));
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
  private static boolean answeredOtherwise(int[] groups, List<DicomColumnAggregate.Call> calls,
      RowSource source) {
    boolean counts = true;
    boolean valueMaps = groups.length == 0;
    for (DicomColumnAggregate.Call call : calls) {
      boolean end = (call.kind() == DicomColumnAggregate.Kind.MIN
          || call.kind() == DicomColumnAggregate.Kind.MAX)
          && !call.asDouble() && source.isIndexed(call.column());
      counts &= call.kind() == DicomColumnAggregate.Kind.COUNT_ROWS;
      valueMaps &= end || call.kind() == DicomColumnAggregate.Kind.COUNT_ROWS;
    }
    return counts && groups.length <= 1 || valueMaps;
  }
}
