package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
  @TempDir
  static Path tmp;
  private static Path data;

  @BeforeAll
  static void generate() throws Exception {
    data = TestConnections.generate(tmp.resolve("data"), 2, 3);
  }

  @Test
  void aQuerySentAgainAsTextIsNotPlannedAgainButAnotherIs() throws Exception {
    List<Object> parsed = new ArrayList<>();
    try (Hook.Closeable hook = Hook.PARSE_TREE.addThread((Consumer<Object>) parsed::add);
        Connection one = TestConnections.connect(data, tmp.resolve("index"), true,
            StatementCache::new);
        Connection two = TestConnections.connect(data, tmp.resolve("index"), true,
            StatementCache::new)) {
      String sql = "SELECT roi_name FROM rois WHERE phase = 'A' ORDER BY roi_name";
      List<List<Object>> first = TestConnections.rows(one, sql);
      assertThat(TestConnections.rows(one, sql)).isEqualTo(first).isNotEmpty();
      assertThat(parsed).hasSize(1);
      assertThat(TestConnections.rows(one, sql.replace("'A'", "'V'"))).isNotEqualTo(first);
      assertThat(parsed).hasSize(2);
      assertThat(TestConnections.rows(two, sql)).isEqualTo(first);
      assertThat(parsed).hasSize(3);
    }
  }
}
