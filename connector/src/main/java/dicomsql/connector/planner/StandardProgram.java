package dicomsql.connector.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.plan.RelOptCostImpl;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelNodes;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.rules.MeasureRules;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.TopDownGeneralDecorrelator;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.RelBuilder;

/**
 * The phases of Calcite 1.42's {@code Programs.standard()}, which preparation runs on every
 * statement, with the rules of {@link DefaultRules}: sub-queries to correlates, decorrelation,
 * measures, field trimming, the planner's own search, then filters and projections to calcs.
 * It does what that program does without initialising {@code Programs}, whose static fields
 * read all of {@code CoreRules}.
 */
public final class StandardProgram implements Program {
  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    CalciteConnectionConfig config = planner.getContext()
        .maybeUnwrap(CalciteConnectionConfig.class).orElse(CalciteConnectionConfig.DEFAULT);
    RelNode result = removeSubQueries(config, rel, materializations, lattices);
    result = decorrelate(config, result);
    if (RelNodes.contains(result, call -> call.getAggregation().kind == SqlKind.AGG_M2V,
        RexUtil.find(Set.of(SqlKind.AGG_M2V, SqlKind.M2V)))) {
      result = heuristic(oneByOne(MeasureRules.rules()), result, materializations, lattices);
      result = removeSubQueries(config, result, materializations, lattices);
      result = decorrelate(config, result);
    }
    result = new RelFieldTrimmer(null, relBuilder(result)).trim(result);
    result = search(planner, result, requiredOutputTraits, materializations, lattices);
    return heuristic(oneByOne(DefaultRules.CALC), result, materializations, lattices);
  }

  private static RelNode removeSubQueries(CalciteConnectionConfig config, RelNode rel,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    List<RelOptRule> rules = config.topDownGeneralDecorrelationEnabled()
        ? DefaultRules.SUB_QUERY_TO_MARK : DefaultRules.SUB_QUERY;
    return heuristic(HepProgram.builder().addRuleCollection(rules).build(), rel,
        materializations, lattices);
  }

  private static RelNode decorrelate(CalciteConnectionConfig config, RelNode rel) {
    if (!config.forceDecorrelate()) {
      return rel;
    }
    return config.topDownGeneralDecorrelationEnabled()
        ? TopDownGeneralDecorrelator.decorrelateQuery(rel, relBuilder(rel))
        : RelDecorrelator.decorrelateQuery(rel, relBuilder(rel));
  }

  private static RelBuilder relBuilder(RelNode rel) {
    return RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null);
  }

  /** The Volcano phase: materializations and lattices added, then the cheapest plan. */
  private static RelNode search(RelOptPlanner planner, RelNode rel,
      RelTraitSet requiredOutputTraits, List<RelOptMaterialization> materializations,
      List<RelOptLattice> lattices) {
    materializations.forEach(planner::addMaterialization);
    lattices.forEach(planner::addLattice);
    planner.setRoot(rel);
    RelNode root = rel.getTraitSet().equals(requiredOutputTraits) ? rel
        : planner.changeTraits(rel, requiredOutputTraits);
    planner.setRoot(root);
    RelNode best = planner.chooseDelegate().findBestExp();
    if (best == null) {
      throw new IllegalStateException("could not implement exp");
    }
    return best;
  }

  /** A program applying {@code rules} one after the other, as {@code Programs.hep} does. */
  private static HepProgram oneByOne(Iterable<? extends RelOptRule> rules) {
    HepProgramBuilder builder = HepProgram.builder();
    rules.forEach(builder::addRuleInstance);
    return builder.build();
  }

  /**
   * {@code program} run by a heuristic planner, as Calcite's {@code Programs.of(HepProgram,
   * true, DefaultRelMetadataProvider.INSTANCE)} runs it: the cluster keeps that provider's
   * chain afterwards.
   */
  @SuppressWarnings("deprecation")
  private static RelNode heuristic(HepProgram program, RelNode rel,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    HepPlanner hepPlanner = new HepPlanner(program, null, true, null, RelOptCostImpl.FACTORY);
    List<RelMetadataProvider> providers =
        new ArrayList<>(List.of(DefaultRelMetadataProvider.INSTANCE));
    hepPlanner.registerMetadataProviders(providers);
    materializations.forEach(hepPlanner::addMaterialization);
    lattices.forEach(hepPlanner::addLattice);
    rel.getCluster().setMetadataProvider(ChainedRelMetadataProvider.of(providers));
    hepPlanner.setRoot(rel);
    return hepPlanner.findBestExp();
  }
}
