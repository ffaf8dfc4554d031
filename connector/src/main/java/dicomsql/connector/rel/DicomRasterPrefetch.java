package dicomsql.connector.rel;

import dicomsql.connector.functions.RasterPrefetch;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * Its input's rows, unchanged and in order, after {@link RasterPrefetch} computed what the
 * raster calls of the projection above will ask for. Made by {@link DicomRasterProject} while
 * it generates code, never by the planner.
 */
final class DicomRasterPrefetch extends SingleRel implements EnumerableRel {
  private final String calls;

  DicomRasterPrefetch(RelOptCluster cluster, RelTraitSet traits, RelNode input, String calls) {
    super(cluster, traits, input);
    this.calls = calls;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DicomRasterPrefetch(getCluster(), traitSet, sole(inputs), calls);
  }

  @Override
  public RelWriter explainTerms(RelWriter writer) {
    return super.explainTerms(writer).item("calls", calls);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    BlockBuilder builder = new BlockBuilder();
    Expression rows = builder.append("rows", input.block);
    Expression arrays = input.physType.convertTo(rows, JavaRowFormat.ARRAY);
    builder.add(Expressions.return_(null, Expressions.call(RasterPrefetch.class, "ahead",
        implementor.getRootExpression(), arrays, Expressions.constant(calls))));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    return implementor.result(physType, builder.toBlock());
  }
}
