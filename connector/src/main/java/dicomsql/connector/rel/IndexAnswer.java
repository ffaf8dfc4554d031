package dicomsql.connector.rel;

import dicomsql.connector.DicomTable;
import dicomsql.connector.rows.IndexCondition;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An operator over a scan (counts, least values, first rows of a sort) that the index answers
 * from its row sets and value maps, decoding few rows or none: its generated code calls one
 * method of {@link DicomTable} with the statement's context and the pushed condition first.
 */
abstract class IndexAnswer extends AbstractRelNode implements EnumerableRel {
  protected final ScanSpec scan;
  private final RelDataType outputType;

  IndexAnswer(RelOptCluster cluster, RelTraitSet traits, ScanSpec scan, RelDataType outputType) {
    super(cluster, traits.replace(EnumerableConvention.INSTANCE));
    this.scan = scan;
    this.outputType = outputType;
  }

  @Override
  protected RelDataType deriveRowType() {
    return outputType;
  }

  /** The table and the index condition, then what the subclass adds. */
  @Override
  public RelWriter explainTerms(RelWriter pw) {
    IndexCondition condition = scan.condition();
    return explainAnswer(super.explainTerms(pw)
        .item("table", scan.table().getQualifiedName())
        .itemIf("index", condition == null ? "" : condition.describe(
            scan.dicomTable().columnNames()), condition != null));
  }

  abstract RelWriter explainAnswer(RelWriter pw);

  /** Walking row sets and value maps costs next to nothing next to decoding a table. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  /** The {@link DicomTable} method the generated code calls. */
  abstract String method();

  /** Its arguments after the context and the condition. */
  abstract List<Expression> arguments(EnumerableRelImplementor implementor);

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    List<Expression> arguments = new ArrayList<>();
    arguments.add(implementor.getRootExpression());
    arguments.add(IndexCondition.reference(implementor, scan.condition()));
    arguments.addAll(arguments(implementor));
    Expression rows = Expressions.call(scan.table().getExpression(DicomTable.class), method(),
        arguments);
    return ArrayRowResult.of(implementor, getRowType(), new BlockBuilder(), rows);
  }
}
