package dicomsql.connector.rel;

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
 * COUNT, SUM, AVG, MIN and MAX of contour points' coordinates (this node's scan) joined to the
 * rows of another scan ({@code one}) on its unique key, grouped by columns of that scan or not
 * at all: only that scan's keys and grouping columns are decoded, each of its rows' contours
 * are found from the points' key row sets as {@link DicomJoinCount} finds them, and each
 * group's aggregates come from what its contours keep of their points, as
 * {@link DicomContourAggregate}'s do.
 */
public final class DicomJoinContourAggregate extends IndexAnswer {
  private final ScanSpec one;
  private final int[] oneKeys;
  private final int[] keys;
  private final int[] groups;
  private final List<DicomColumnAggregate.Call> calls;

  /**
   * @param oneKeys the source columns of {@code one} in the join's keys
   * @param keys the indexed source columns of the points that they equal
   * @param groups source columns of {@code one} grouped by, in output order
   */
  DicomJoinContourAggregate(RelOptCluster cluster, ScanSpec points, ScanSpec one, int[] oneKeys,
      int[] keys, int[] groups, List<DicomColumnAggregate.Call> calls, RelDataType outputType) {
    super(cluster, cluster.traitSet(), points, outputType);
    this.one = one;
    this.oneKeys = oneKeys;
    this.keys = keys;
    this.groups = groups;
    this.calls = List.copyOf(calls);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomJoinContourAggregate(getCluster(), scan, one, oneKeys, keys, groups, calls,
        getRowType());
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    return DicomJoinCount.explainJoin(pw, one, oneKeys, scan, keys, groups)
        .item("ofPoints", DicomContourAggregate.describe(scan.dicomTable().columnNames(), calls));
  }

  /** A group per row of the joined scan at most, and without groups one row. */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return groups.length == 0 ? 1 : Math.max(1, one.rowCount());
  }

  @Override
  String method() {
    return "joinContourAggregate";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    List<Expression> arguments =
        DicomJoinCount.joinArguments(implementor, one, oneKeys, keys, groups);
    arguments.add(Expressions.constant(DicomColumnAggregate.Call.encode(calls)));
    return arguments;
  }
}
