package dicomsql.connector.rel;

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
 * COUNT, SUM, AVG, MIN and MAX of contour points' coordinates grouped by columns the points
 * share with their contour (structure set, ROI), over the contours the index keeps: each group
 * is a set of contours, and its aggregates come from what each contour keeps of its points (see
 * {@code ContourGrouping}); no point is decoded.
 */
public final class DicomContourAggregate extends IndexAnswer {
  /** The columns of contour_points grouped by, in output order. */
  private final int[] groups;
  private final List<DicomColumnAggregate.Call> calls;

  DicomContourAggregate(RelOptCluster cluster, ScanSpec scan, int[] groups,
      List<DicomColumnAggregate.Call> calls, RelDataType outputType) {
    super(cluster, cluster.traitSet(), scan, outputType);
    this.groups = groups;
    this.calls = List.copyOf(calls);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomContourAggregate(getCluster(), scan, groups, calls, getRowType());
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    List<String> names = scan.dicomTable().columnNames();
    List<String> contours = new ArrayList<>();
    for (int column : groups) {
      contours.add(names.get(column));
    }
    return pw.item("byContour", contours).item("ofPoints", describe(names, calls));
  }

  /** The calls as they read in a plan, of the columns named {@code names}. */
  static List<String> describe(List<String> names, List<DicomColumnAggregate.Call> calls) {
    List<String> described = new ArrayList<>();
    for (DicomColumnAggregate.Call call : calls) {
      String argument = call.column() < 0 ? "*" : names.get(call.column());
      described.add(call.kind().name().replace("_ROWS", "") + "(" + argument + ")");
    }
    return described;
  }

  /** At most a group per combination of the grouping columns' values (or null). */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double combinations = 1;
    for (int column : groups) {
      combinations *= scan.dicomTable().source().distinctValues(column) + 1;
    }
    return Math.min(combinations, scan.rowCount());
  }

  @Override
  String method() {
    return "contourAggregate";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    return List.of(Expressions.constant(groups),
        Expressions.constant(DicomColumnAggregate.Call.encode(calls)));
  }
}
