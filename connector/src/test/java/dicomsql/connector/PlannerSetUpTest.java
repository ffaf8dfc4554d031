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
        Connection connection = TestConnections.connect(data, tmp.resolve("index"), true)) {
      assertThat(TestConnections.rows(connection,
          "SELECT roi_name FROM rois WHERE phase = 'A'")).isNotEmpty();
    }
    assertThat(planned).hasSize(1);
    RelMetadataQuery query = planned.get(0).rel.getCluster().getMetadataQuery();
    // Set only when the query's handlers come from Janino.
    assertThat(query.metadataProvider).isNull();
    assertThat(query.getRowCount(planned.get(0).rel)).isPositive();
  }
}
