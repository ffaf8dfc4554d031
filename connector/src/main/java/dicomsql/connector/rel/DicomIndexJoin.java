package dicomsql.connector.rel;

import dicomsql.connector.DicomTable;
import dicomsql.connector.rows.IndexCondition;
import dicomsql.connector.rows.RowSource;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * An index nested-loop join: for each row of its input, the rows of a {@link DicomTable} whose
 * indexed column equals the row's key are looked up in the index, so that a join on a UID
 * decodes only the rows that match instead of the whole table.
 */
final class DicomIndexJoin extends SingleRel implements EnumerableRel {
  private static final Method INDEX_JOIN = Types.lookupMethod(DicomTable.class, "indexJoin",
      DataContext.class, Enumerable.class, int.class, int.class, IndexCondition.class, int[].class);

  /** Looking a key up costs about this many rows of a scan. */
  private static final double LOOKUP_COST = 2;

  private final ScanSpec lookedUp;
  private final int leftKey;
  private final int column;

  DicomIndexJoin(RelOptCluster cluster, RelNode left, ScanSpec lookedUp, int leftKey,
      int column) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), left);
    this.lookedUp = lookedUp;
    this.leftKey = leftKey;
    this.column = column;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomIndexJoin(getCluster(), inputs.get(0), lookedUp, leftKey, column);
  }

  @Override
  protected RelDataType deriveRowType() {
    return SqlValidatorUtil.deriveJoinRowType(getInput().getRowType(),
        lookedUp.rowType(getCluster().getTypeFactory()), JoinRelType.INNER,
        getCluster().getTypeFactory(), null, List.of());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return lookedUp.explain(super.explainTerms(pw)
        .item("key", getInput().getRowType().getFieldNames().get(leftKey))
        .item("lookup", lookedUp.table().getQualifiedName() + "."
            + lookedUp.dicomTable().columnNames().get(column)));
  }

  /** The input's rows times the rows an indexed value has on average. */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    RowSource source = lookedUp.dicomTable().source();
    double perKey = lookedUp.rowCount() / source.distinctValues(column);
    return mq.getRowCount(getInput()) * Math.max(perKey, 1e-3);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = mq.getRowCount(getInput()) * LOOKUP_COST + estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, 0);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result left = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder builder = new BlockBuilder();
    Expression leftRows = left.physType.convertTo(builder.append("left", left.block),
        JavaRowFormat.ARRAY);
    IndexCondition condition = lookedUp.condition();
    Expression joined = Expressions.call(lookedUp.table().getExpression(DicomTable.class),
        INDEX_JOIN, implementor.getRootExpression(), leftRows, Expressions.constant(leftKey),
        Expressions.constant(column),
        IndexCondition.reference(implementor, condition),
        Expressions.constant(lookedUp.fields()));
    return ArrayRowResult.of(implementor, getRowType(), builder, joined);
  }
}
