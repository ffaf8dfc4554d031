package dicomsql.connector.rel;

import dicomsql.engine.index.ColumnOrder;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;

/**
 * The first rows of a scan in the order of one numeric column the index keeps column-wise but
 * not in a value map ({@code ORDER BY c LIMIT n}): the column's values of the rows the pushed
 * condition keeps are read chunk by chunk into a bounded heap ({@link ColumnOrder}), and only
 * the rows that make the page are decoded. Rows with equal values come in id order, as a
 * stable sort of the scan gives them.
 */
final class DicomColumnSort extends DicomIndexSort {
  /** @param order the sort, its field a position in the scan's fields */
  DicomColumnSort(RelOptCluster cluster, ScanSpec scan, RelFieldCollation order, long offset,
      long fetch) {
    super(cluster, scan, order, offset, fetch);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomColumnSort(getCluster(), scan, order, offset, fetch);
  }

  @Override
  String method() {
    return "columnSortedScan";
  }
}
