package dicomsql.connector.rel;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The first rows of a scan in the order of one indexed column ({@code ORDER BY c LIMIT n}),
 * read from the column's sorted value map: the row sets of the least (or greatest) values are
 * taken, kept to the pushed condition, until enough rows are found, and only those rows are
 * decoded. Rows with equal values come in id order, as a stable sort of the scan gives them.
 */
class DicomIndexSort extends IndexAnswer {
  protected final RelFieldCollation order;
  protected final long offset;
  protected final long fetch;

  /** @param order the sort, its field a position in the scan's fields */
  DicomIndexSort(RelOptCluster cluster, ScanSpec scan, RelFieldCollation order, long offset,
      long fetch) {
    this(cluster, cluster.traitSet().replace(RelCollations.of(order)), scan, order, offset,
        fetch);
  }

  /** With the traits of rows that come otherwise than in the sort's order. */
  DicomIndexSort(RelOptCluster cluster, RelTraitSet traits, ScanSpec scan,
      RelFieldCollation order, long offset, long fetch) {
    super(cluster, traits, scan, scan.rowType(cluster.getTypeFactory()));
    this.order = order;
    this.offset = offset;
    this.fetch = fetch;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomIndexSort(getCluster(), scan, order, offset, fetch);
  }

  @Override
  RelWriter explainAnswer(RelWriter pw) {
    return pw.item("columns", scan.fieldNames())
        .item("order", scan.dicomTable().columnNames().get(column()) + " "
            + order.getDirection().shortString + " " + nullDirection())
        .itemIf("offset", offset, offset > 0)
        .item("fetch", fetch);
  }

  private int column() {
    return scan.fields()[order.getFieldIndex()];
  }

  private RelFieldCollation.NullDirection nullDirection() {
    RelFieldCollation.NullDirection nulls = order.nullDirection;
    return nulls == RelFieldCollation.NullDirection.UNSPECIFIED
        ? order.getDirection().defaultNullDirection() : nulls;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return fetch;
  }

  /**
   * The page's rows decoded, dearer the more columns: so that of a sort over the whole row and
   * one over the columns a projection above it uses, the narrow one is chosen.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return scan.cost(planner, Math.min(offset + (double) fetch, scan.rowCount()));
  }

  @Override
  String method() {
    return "sortedScan";
  }

  @Override
  List<Expression> arguments(EnumerableRelImplementor implementor) {
    return List.of(Expressions.constant(scan.fields()), Expressions.constant(column()),
        Expressions.constant(order.getDirection().isDescending()),
        Expressions.constant(nullDirection() == RelFieldCollation.NullDirection.FIRST),
        Expressions.constant(offset), Expressions.constant(fetch));
  }
}
