package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerSetUpTest {
  @TempDir
  Path tmp;

  @Test
  @SuppressWarnings("deprecation")
  void statementsArePlannedWithoutJaninosMetadataHandlers() throws Exception {
    Path data = TestConnections.generate(tmp.resolve("data"), 2, 3);
    List<RelRoot> planned = new ArrayList<>();
    try (Hook.Closeable hook = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread(
            (Consumer<RelRoot>) planned::add);
        Connection connection = TestConnections.connect(data, tmp.resolve("index"), true,
            StatementCache::new)) {
      assertThat(TestConnections.rows(connection,
          "SELECT roi_name FROM rois WHERE phase = 'A'")).isNotEmpty();
    }
    assertThat(planned).hasSize(1);
    RelMetadataQuery query = planned.get(0).rel.getCluster().getMetadataQuery();
    // Set only when the query's handlers come from Janino.
    assertThat(query.metadataProvider).isNull();
    assertThat(query.getRowCount(planned.get(0).rel)).isPositive();
  }

  /**
   * Statements that go through each phase of the standard program (sub-queries, decorrelation,
   * field trimming, Volcano, calcs), planned as Calcite's default set-up plans them
   * ({@link PlansComparedWithCalcites} fails the statement otherwise).
   */
  @Test
  void statementsOfEveryPhaseArePlannedAsByCalcitesDefaultSetUp() throws Exception {
    Path data = TestConnections.generate(tmp.resolve("data"), 2, 3);
    List<String> statements = List.of(
        "SELECT * FROM series WHERE series_uid IN (SELECT series_uid FROM instances "
            + "WHERE instance_number = 1)",
        "SELECT r.roi_name FROM rois r WHERE EXISTS (SELECT 1 FROM series s "
            + "WHERE s.study_uid = r.study_uid AND s.phase = 'A')",
        "SELECT s.series_uid, (SELECT COUNT(*) FROM instances i "
            + "WHERE i.series_uid = s.series_uid) FROM series s",
        "SELECT phase FROM series UNION SELECT phase FROM rois",
        "SELECT series_uid, ROW_NUMBER() OVER (PARTITION BY phase ORDER BY series_number) "
            + "FROM series",
        "SELECT x + 1 FROM (VALUES (1), (2)) AS t (x) WHERE x > 1",
        "SELECT phase, COUNT(DISTINCT modality), SUM(instance_count) FROM series "
            + "WHERE slice_thickness > 0 GROUP BY phase HAVING COUNT(*) > 0 ORDER BY 2 DESC "
            + "LIMIT 2");
    try (Connection connection = TestConnections.connect(data, tmp.resolve("index"), true)) {
      for (String sql : statements) {
        assertThat(TestConnections.rows(connection, sql)).as(sql).isNotNull();
      }
    }
  }
}
