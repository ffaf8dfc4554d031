package dicomsql.connector.rel;

import dicomsql.engine.index.ColumnOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * The first rows of a scan in the order of one numeric column the index keeps column-wise
 * ({@code ORDER BY c LIMIT n}): the column's values of the rows the pushed condition keeps are
 * read chunk by chunk into a bounded heap ({@link ColumnOrder}), and only the rows that make
 * the page are decoded. Rows with equal values come in id order, as a stable sort of the scan
 * gives them. With {@code ties}, the rows whose value equals the last one's are added, and all
 * come in id order, for a sort by further columns above to order: rows equal in all its keys
 * then stay in id order, as they would over the scan.
 */
final class DicomColumnSort extends DicomIndexSort {
  private final boolean ties;

  /** @param order the sort, its field a position in the scan's fields */
  DicomColumnSort(RelOptCluster cluster, ScanSpec scan, RelFieldCollation order, long offset,
      long fetch, boolean ties) {
    super(cluster, cluster.traitSet().replace(ties ? RelCollations.EMPTY
        : RelCollations.of(order)), scan, order, offset, fetch);
    this.ties = ties;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomColumnSort(getCluster(), scan, order, offset, fetch, ties);
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    return super.explainAnswer(pw).itemIf("ties", "kept", ties);
  }

  @Override
  String method() {
    return "columnSortedScan";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    List<Expression> arguments = new ArrayList<>(super.arguments(implementor));
    arguments.add(Expressions.constant(ties));
    return arguments;
  }
}
