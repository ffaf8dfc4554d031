package dicomsql.connector;

import dicomsql.connector.metadata.PrecompiledMetadataHandlers;
import dicomsql.connector.planner.DefaultRules;
import dicomsql.connector.planner.StandardProgram;
import java.lang.reflect.Type;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.config.CalciteSystemProperty;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.Holder;

/**
 * Calcite's preparation, set up as Calcite sets it up, with two differences in how, not what:
 * <ul>
 *   <li>every cluster it plans in asks its metadata (row counts, costs, collations, ...) of
 *       handlers compiled with this jar ({@link PrecompiledMetadataHandlers}), not of handlers
 *       Janino compiles in each new JVM; the cluster's metadata provider still decides which
 *       handlers answer, also when a planner program replaces it;</li>
 *   <li>the planner's rules and the optimisation program are Calcite's defaults built by
 *       {@link DefaultRules} and {@link StandardProgram}, which leave out the static
 *       initialisers that build all of Calcite's core rules in each new JVM.</li>
 * </ul>
 */
public class PlannerSetUp extends CalcitePrepareImpl {
  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    cluster.setMetadataQuerySupplier(() ->
        new RelMetadataQuery(PrecompiledMetadataHandlers.of(cluster.getMetadataProvider())));
    return cluster;
  }

  /**
   * As Calcite's, but for the rules' registration ({@link DefaultRules}); Calcite's call to
   * the connection's Spark handler is left out, since the rule set builder it passes ignores
   * every rule.
   */
  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext, RelOptCostFactory costFactory) {
    VolcanoPlanner planner = new VolcanoPlanner(costFactory,
        externalContext == null ? Contexts.of(prepareContext.config()) : externalContext);
    planner.setExecutor(new RexExecutorImpl(DataContexts.EMPTY));
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    if (CalciteSystemProperty.ENABLE_COLLATION_TRAIT.value()) {
      planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
    }
    planner.setTopDownOpt(prepareContext.config().topDownOpt());
    DefaultRules.register(planner, prepareContext.config().materializationsEnabled(),
        enableBindable);
    Hook.PLANNER.run(planner);
    return planner;
  }

  /** As Calcite's, but for the optimisation program ({@link StandardProgram}). */
  @Override
  protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    return new CalcitePreparingStmt(this, context, catalogReader, context.getTypeFactory(),
        context.getRootSchema(),
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM,
        createCluster(planner, new RexBuilder(context.getTypeFactory())),
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      @Override
      protected Program getProgram() {
        Holder<Program> hooked = Holder.empty();
        Hook.PROGRAM.run(hooked);
        Program program = hooked.get();
        return program != null ? program : new StandardProgram();
      }
    };
  }
}
