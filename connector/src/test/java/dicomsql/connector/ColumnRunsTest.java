package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregates over tables of more rows than a column chunk holds, so that whole chunks (with
 * the structure sets' nulls among the images' values) are read as their summaries and chunks
 * that filters cut value by value: the same rows as Calcite's own aggregate gives, integers
 * exactly and doubles to a relative 1e-12.
 */
class ColumnRunsTest {
  @TempDir
  Path tmp;

  @Test
  void wholeChunksAggregateAsTheirRowsDo() throws Exception {
    Path data = TestConnections.generate(tmp.resolve("data"), 4, 5, 300);
    try (Connection pushed = TestConnections.connect(data, tmp.resolve("index"), true);
        Connection plain = TestConnections.connect(data, tmp.resolve("index"), false)) {
      // Not every case has all four phases; more rows than a chunk's 4,096 all the same.
      assertThat((Long) TestConnections.rows(pushed, "SELECT COUNT(*) FROM instances").get(0)
          .get(0)).isGreaterThan(4096L);
      for (String sql : List.of(
          "SELECT AVG(slice_thickness), MAX(\"rows\") FROM instances",
          "SELECT SUM(file_size), MIN(file_size), AVG(position_z), MIN(position_z) "
              + "FROM instances",
          "SELECT modality, AVG(CAST(instance_number AS DOUBLE)), MAX(instance_number), "
              + "COUNT(slice_thickness) FROM instances GROUP BY modality",
          "SELECT SUM(file_size), AVG(position_x), MAX(window_width), COUNT(position_y) "
              + "FROM instances WHERE position_z > 10",
          "SELECT SUM(\"rows\"), MIN(slice_location), COUNT(*) FROM instances "
              + "WHERE modality = 'CT' AND position_z < 0",
          "SELECT AVG(x), MIN(y), MAX(z), SUM(x), COUNT(y) FROM contour_points",
          "SELECT AVG(x), MIN(z), MAX(y) FROM contour_points WHERE roi_number = 2")) {
        assertThat(TestConnections.explain(pushed, sql)).contains("DicomColumnAggregate");
        assertThat(TestConnections.rows(pushed, sql)).as(sql)
            .usingElementComparator(TestConnections.ALIKE)
            .containsExactlyInAnyOrderElementsOf(TestConnections.rows(plain, sql));
      }
    }
  }
}
