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
 * filters entirely: the groups come from the grouping columns' row sets, or from hashing their
 * numbers or the ranks of their values (see {@link Grouping}), and the values from the columns
 * the index keeps column-wise (see {@link ColumnAggregation}); no row is decoded.
 */
public final class DicomColumnAggregate extends IndexAnswer {
  /** What a call computes; COUNT_ROWS is {@code COUNT(*)}, SUM0 a sum that is 0 over nothing. */
  public enum Kind {
    COUNT_ROWS, COUNT, SUM, SUM0, AVG, MIN, MAX
  }

  /**
   * How a grouping column splits the rows: by intersecting its row sets (an indexed column of
   * few values), by hashing its values read column-wise (a number), or by hashing the ranks of
   * its values in its value map (another indexed column).
   */
  public enum Grouping {
    ROW_SETS, VALUES, RANKS;

    static int[] encode(Grouping[] groupings) {
      int[] codes = new int[groupings.length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = groupings[i].ordinal();
      }
      return codes;
    }

    public static Grouping[] decode(int[] codes) {
      Grouping[] groupings = new Grouping[codes.length];
      for (int i = 0; i < codes.length; i++) {
        groupings[i] = values()[codes[i]];
      }
      return groupings;
    }
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
  private final Grouping[] groupings;
  private final List<Call> calls;
  private final double groupCount;

  /**
   * @param groups the source columns grouped by, in output order
   * @param groupings per grouping column, how it splits the rows
   * @param groupCount at most how many groups there are, for the planner
   */
  DicomColumnAggregate(RelOptCluster cluster, ScanSpec scan, int[] groups,
      Grouping[] groupings, List<Call> calls, double groupCount, RelDataType outputType) {
    super(cluster, cluster.traitSet(), scan, outputType);
    this.groups = groups;
    this.groupings = groupings;
    this.calls = List.copyOf(calls);
    this.groupCount = groupCount;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomColumnAggregate(getCluster(), scan, groups, groupings, calls, groupCount,
        getRowType());
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    List<String> names = scan.dicomTable().columnNames();
    List<String> grouped = new ArrayList<>();
    List<String> hashed = new ArrayList<>();
    List<String> ranked = new ArrayList<>();
    for (int i = 0; i < groups.length; i++) {
      grouped.add(names.get(groups[i]));
      if (groupings[i] == Grouping.VALUES) {
        hashed.add(names.get(groups[i]));
      } else if (groupings[i] == Grouping.RANKS) {
        ranked.add(names.get(groups[i]));
      }
    }
    List<String> described = new ArrayList<>();
    for (Call call : calls) {
      described.add(call.kind == Kind.COUNT_ROWS ? "COUNT(*)" : call.kind + "("
          + (call.asDouble ? "CAST(" + names.get(call.column) + " AS DOUBLE)"
              : names.get(call.column)) + ")");
    }
    return pw.itemIf("group", grouped, !grouped.isEmpty())
        .itemIf("hashed", hashed, !hashed.isEmpty()).itemIf("ranked", ranked, !ranked.isEmpty())
        .item("columnwise", described);
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
    return List.of(Expressions.constant(groups),
        Expressions.constant(Grouping.encode(groupings)),
        Expressions.constant(Call.encode(calls)));
  }
}
