package dicomsql.connector.rel;

import dicomsql.connector.DicomTable;
import dicomsql.connector.rows.IndexCondition;
import dicomsql.connector.rows.RowSource;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
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
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * An index nested-loop join: for each row of its input, the rows of a {@link DicomTable} whose
 * indexed column equals the row's key are looked up in the index, so that a join on a UID
 * decodes only the rows that match instead of the whole table. A left join also checks the rest
 * of its condition on each pair (generated code, as Calcite's own joins do) and keeps a row
 * that no looked-up row matches, with nulls on the right.
 */
final class DicomIndexJoin extends SingleRel implements EnumerableRel {
  private static final Method INDEX_JOIN = Types.lookupMethod(DicomTable.class, "indexJoin",
      DataContext.class, Enumerable.class, int.class, int.class, IndexCondition.class, int[].class,
      Predicate2.class, boolean.class);

  /** Looking a key up costs about this many rows of a scan. */
  private static final double LOOKUP_COST = 2;

  private final ScanSpec lookedUp;
  private final int leftKey;
  private final int column;
  private final JoinRelType joinType;
  /** The rest of a left join's condition, over the input's fields then the looked-up ones. */
  private final RexNode rest;

  /**
   * @param joinType INNER or LEFT
   * @param rest what a pair must also satisfy: null for an inner join (a filter above checks
   *     that), or a left join's condition but for the key
   */
  DicomIndexJoin(RelOptCluster cluster, RelNode left, ScanSpec lookedUp, int leftKey,
      int column, JoinRelType joinType, RexNode rest) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), left);
    this.lookedUp = lookedUp;
    this.leftKey = leftKey;
    this.column = column;
    this.joinType = joinType;
    this.rest = rest;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomIndexJoin(getCluster(), inputs.get(0), lookedUp, leftKey, column, joinType,
        rest);
  }

  @Override
  protected RelDataType deriveRowType() {
    return SqlValidatorUtil.deriveJoinRowType(getInput().getRowType(),
        lookedUp.rowType(getCluster().getTypeFactory()), joinType,
        getCluster().getTypeFactory(), null, List.of());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return lookedUp.explain(super.explainTerms(pw)
        .itemIf("joinType", joinType.lowerName, joinType != JoinRelType.INNER)
        .item("key", getInput().getRowType().getFieldNames().get(leftKey))
        .item("lookup", lookedUp.table().getQualifiedName() + "."
            + lookedUp.dicomTable().columnNames().get(column))
        .itemIf("rest", rest, rest != null));
  }

  /**
   * The input's rows times the rows an indexed value has on average; a left join keeps at least
   * the input's rows.
   */
  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    RowSource source = lookedUp.dicomTable().source();
    double perKey = lookedUp.rowCount() / source.distinctValues(column);
    double inputRows = mq.getRowCount(getInput());
    double joined = inputRows * Math.max(perKey, 1e-3);
    return joinType == JoinRelType.LEFT ? Math.max(joined, inputRows) : joined;
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
        Expressions.constant(lookedUp.fields()),
        rest == null ? Expressions.constant(null, Predicate2.class)
            : builder.append("rest", predicate(implementor)),
        Expressions.constant(joinType == JoinRelType.LEFT));
    return ArrayRowResult.of(implementor, getRowType(), builder, joined);
  }

  /**
   * {@link #rest} as a function of an input row and a looked-up row, both arrays; unknown is
   * false, as in Calcite's joins.
   */
  private Expression predicate(EnumerableRelImplementor implementor) {
    JavaTypeFactory typeFactory = implementor.getTypeFactory();
    RelDataType leftType = getInput().getRowType();
    RelDataType rightType = lookedUp.rowType(typeFactory);
    ParameterExpression leftRow = Expressions.parameter(Object[].class, "left");
    ParameterExpression rightRow = Expressions.parameter(Object[].class, "right");
    RexProgramBuilder program = new RexProgramBuilder(typeFactory.builder()
        .addAll(leftType.getFieldList()).addAll(rightType.getFieldList()).build(),
        getCluster().getRexBuilder());
    program.addCondition(rest);
    // In field order: the left row's fields come first.
    Map<Expression, PhysType> inputs = new LinkedHashMap<>();
    inputs.put(leftRow, PhysTypeImpl.of(typeFactory, leftType, JavaRowFormat.ARRAY, false));
    inputs.put(rightRow, PhysTypeImpl.of(typeFactory, rightType, JavaRowFormat.ARRAY, false));
    BlockBuilder body = new BlockBuilder();
    body.add(Expressions.return_(null, RexToLixTranslator.translateCondition(
        program.getProgram(), typeFactory, body, new RexToLixTranslator.InputGetterImpl(inputs),
        name -> {
          throw new IllegalStateException("a join condition with " + name + " is not pushed");
        }, implementor.getConformance())));
    return Expressions.lambda(Predicate2.class, body.toBlock(), leftRow, rightRow);
  }
}
