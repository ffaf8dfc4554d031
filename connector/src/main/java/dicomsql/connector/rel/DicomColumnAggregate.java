package dicomsql.connector.rel;

import dicomsql.connector.rows.ColumnAggregation;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An aggregate of COUNT, SUM, AVG, MIN and MAX of numeric columns, grouped by indexed columns,
 * by numeric columns the index keeps column-wise, by both or not at all, over a scan the index
 * filters entirely: the groups come from the indexed grouping columns' row sets and from hashing
 * the others' values, and the values from the columns the index keeps column-wise (see
 * {@link ColumnAggregation}); no row is decoded.
 */
public final class DicomColumnAggregate extends IndexAnswer {
  /** What a call computes; COUNT_ROWS is {@code COUNT(*)}, SUM0 a sum that is 0 over nothing. */
  public enum Kind {
    COUNT_ROWS, COUNT, SUM, SUM0, AVG, MIN, MAX
  }

  /** The SQL type of a call's result, and how a number becomes a value of it. */
  public enum Result {
    INTEGER, BIGINT, DOUBLE;

    public Object of(long value) {
      return switch (this) {
        case INTEGER -> (int) value;
        case BIGINT -> value;
        case DOUBLE -> (double) value;
      };
    }

    public Object of(double value) {
      return switch (this) {
        case INTEGER -> (int) value;
        case BIGINT -> (long) value;
        case DOUBLE -> value;
      };
    }
  }

  /**
   * One aggregate call: its kind, the source column it reads (-1 for COUNT_ROWS), whether the
   * column's integers are cast to DOUBLE first, and its result type.
   */
  public record Call(Kind kind, int column, boolean asDouble, Result result) {
    /** The calls as generated code passes them: four ints each. */
    static int[] encode(List<Call> calls) {
      int[] codes = new int[4 * calls.size()];
      for (int i = 0; i < calls.size(); i++) {
        Call call = calls.get(i);
        codes[4 * i] = call.kind.ordinal();
        codes[4 * i + 1] = call.column;
        codes[4 * i + 2] = call.asDouble ? 1 : 0;
        codes[4 * i + 3] = call.result.ordinal();
      }
      return codes;
    }

    public static Call[] decode(int[] codes) {
      Call[] calls = new Call[codes.length / 4];
      for (int i = 0; i < calls.length; i++) {
        calls[i] = new Call(Kind.values()[codes[4 * i]], codes[4 * i + 1],
            codes[4 * i + 2] == 1, Result.values()[codes[4 * i + 3]]);
      }
      return calls;
    }
  }

  private final int[] groups;
  private final boolean[] hashed;
  private final List<Call> calls;
  private final double groupCount;

  /**
   * @param groups the source columns grouped by, in output order
   * @param hashed per grouping column, whether its values are hashed rather than its row sets
   *     intersected
   * @param groupCount at most how many groups there are, for the planner
   */
  DicomColumnAggregate(RelOptCluster cluster, ScanSpec scan, int[] groups, boolean[] hashed,
      List<Call> calls, double groupCount, RelDataType outputType) {
    super(cluster, cluster.traitSet(), scan, outputType);
    this.groups = groups;
    this.hashed = hashed;
    this.calls = List.copyOf(calls);
    this.groupCount = groupCount;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomColumnAggregate(getCluster(), scan, groups, hashed, calls, groupCount,
        getRowType());
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    List<String> names = scan.dicomTable().columnNames();
    List<String> grouped = new ArrayList<>();
    List<String> hashedNames = new ArrayList<>();
    for (int i = 0; i < groups.length; i++) {
      grouped.add(names.get(groups[i]));
      if (hashed[i]) {
        hashedNames.add(names.get(groups[i]));
      }
    }
    List<String> described = new ArrayList<>();
    for (Call call : calls) {
      described.add(call.kind == Kind.COUNT_ROWS ? "COUNT(*)" : call.kind + "("
          + (call.asDouble ? "CAST(" + names.get(call.column) + " AS DOUBLE)"
              : names.get(call.column)) + ")");
    }
    return pw.itemIf("group", grouped, !grouped.isEmpty())
        .itemIf("hashed", hashedNames, !hashedNames.isEmpty()).item("columnwise", described);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return groupCount;
  }

  @Override
  String method() {
    return "columnAggregate";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    return List.of(Expressions.constant(groups), Expressions.constant(hashed),
        Expressions.constant(Call.encode(calls)));
  }
}
