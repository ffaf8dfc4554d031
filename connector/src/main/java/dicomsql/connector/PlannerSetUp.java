package dicomsql.connector;

import dicomsql.connector.metadata.PrecompiledMetadataHandlers;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;

/**
 * Calcite's preparation, with every cluster it plans in asking its metadata (row counts, costs,
 * collations, ...) of handlers compiled with this jar ({@link PrecompiledMetadataHandlers}),
 * not of handlers Janino compiles in each new JVM. The cluster's metadata provider still
 * decides which handlers answer, also when a planner program replaces it.
 */
public class PlannerSetUp extends CalcitePrepareImpl {
  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    cluster.setMetadataQuerySupplier(() ->
        new RelMetadataQuery(PrecompiledMetadataHandlers.of(cluster.getMetadataProvider())));
    return cluster;
  }
}
