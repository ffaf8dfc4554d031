package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule that answers sorts and aggregates from the index, pinned by its plan, and the
 * results of pushed queries compared with the same queries planned without those rules.
 */
class PushdownTest {
  @TempDir
  static Path tmp;
  private static Connection pushed;
  private static Connection plain;

  @BeforeAll
  static void connect() throws Exception {
    Path data = TestConnections.generate(tmp.resolve("data"), 3, 11);
    pushed = TestConnections.connect(data, tmp.resolve("index"), true);
    plain = TestConnections.connect(data, tmp.resolve("index"), false);
  }

  @AfterAll
  static void close() throws SQLException {
    pushed.close();
    plain.close();
  }

  private static void assertPlan(String sql, String pushedNode) throws SQLException {
    assertThat(TestConnections.explain(pushed, sql)).contains(pushedNode);
    assertThat(TestConnections.explain(plain, sql)).doesNotContain(pushedNode);
    assertSameRows(sql);
  }

  private static void assertSameRows(String sql) throws SQLException {
    assertThat(TestConnections.rows(pushed, sql)).as(sql)
        .isEqualTo(TestConnections.rows(plain, sql));
  }

  @Test
  void aLimitedSortOnAnIndexedColumnReadsTheValueMap() throws SQLException {
    assertPlan("SELECT path FROM instances ORDER BY path LIMIT 3", "DicomIndexSort");
    assertPlan("SELECT path, position_z FROM instances ORDER BY position_z DESC LIMIT 3",
        "DicomIndexSort");
    assertPlan("SELECT roi_name, phase FROM rois WHERE phase <> 'A' ORDER BY roi_name "
        + "LIMIT 4 OFFSET 2", "order=[roi_name ASC LAST]");
    assertPlan("SELECT series_uid, slice_spacing FROM series ORDER BY slice_spacing NULLS FIRST "
        + "LIMIT 5", "DicomIndexSort");
  }

  @Test
  void otherLimitedSortsKeepOnlyTheFirstRows() throws SQLException {
    String sql = "SELECT path, file_size FROM instances ORDER BY file_size DESC LIMIT 3";
    assertThat(TestConnections.explain(pushed, sql)).contains("EnumerableLimitSort");
    assertSameRows(sql);
  }

  @Test
  void leastGreatestAndDistinctValuesComeFromValueMaps() throws SQLException {
    assertPlan("SELECT MIN(position_z), MAX(position_z), COUNT(DISTINCT modality), COUNT(*) "
        + "FROM instances", "DicomIndexAggregate");
    assertPlan("SELECT MAX(study_date), MIN(patient_id) FROM studies "
        + "WHERE study_date < DATE '2015-01-01'", "DicomIndexAggregate");
    assertPlan("SELECT MIN(roi_name) FROM rois WHERE phase = 'no such phase'",
        "DicomIndexAggregate");
  }

  @Test
  void contourPointsAreCountedFromTheContours() throws SQLException {
    String sql = "SELECT COUNT(*) FROM contour_points";
    assertThat(TestConnections.explain(pushed, sql)).contains("DicomGroupCount");
    assertSameRows(sql);
    assertSameRows("SELECT COUNT(*) FROM contour_points WHERE roi_number = 1");
    assertThat((Long) TestConnections.rows(pushed, sql).get(0).get(0)).isPositive();
  }

  /** Filters the index answers, per table, for the random queries. */
  private static final List<String[]> TABLES = List.of(
      new String[] {"instances", "path", "sop_uid", "series_uid", "modality", "position_z",
          "instance_number", "file_size", "\"rows\""},
      new String[] {"series", "series_uid", "phase", "modality", "slice_thickness",
          "slice_spacing", "instance_count", "series_number", "z_min"},
      new String[] {"rois", "rtss_uid", "roi_number", "roi_name", "phase", "patient_id",
          "contour_count", "point_count", "color"});

  private static final List<String> FILTERS = List.of("", " WHERE phase = 'A'",
      " WHERE phase IN ('V', 'D')", " WHERE modality = 'CT'", " WHERE instance_number < 3",
      " WHERE position_z > 10", " WHERE roi_number BETWEEN 1 AND 2",
      " WHERE slice_spacing IS NULL", " WHERE series_number >= 2");

  @Test
  void randomQueriesGiveTheSameRowsPushedOrNot() throws SQLException {
    Random random = new Random(20261201);
    for (int n = 0; n < 60; n++) {
      String[] table = TABLES.get(random.nextInt(TABLES.size()));
      String filter;
      do {
        filter = FILTERS.get(random.nextInt(FILTERS.size()));
      } while (!filter.isEmpty() && !hasColumn(table, filter.split(" ")[2]));
      String column = table[1 + random.nextInt(table.length - 1)];
      String other;
      do {
        other = table[1 + random.nextInt(table.length - 1)];
      } while (other.equals(column));
      String from = " FROM " + table[0] + filter;
      if (random.nextBoolean()) {
        String aggregates = switch (random.nextInt(4)) {
          case 0 -> "MIN(" + column + "), MAX(" + other + ")";
          case 1 -> "COUNT(DISTINCT " + column + "), COUNT(*)";
          case 2 -> "MAX(" + column + "), COUNT(*), MIN(" + column + ")";
          default -> "COUNT(*), COUNT(DISTINCT " + other + "), MIN(" + other + ")";
        };
        assertSameRows("SELECT " + aggregates + from);
      } else {
        String sql = "SELECT " + column + ", " + other + from + " ORDER BY " + column
            + (random.nextBoolean() ? " DESC" : "")
            + (random.nextInt(3) == 0 ? " NULLS FIRST" : "")
            + " LIMIT " + (1 + random.nextInt(25))
            + (random.nextInt(3) == 0 ? " OFFSET " + random.nextInt(10) : "");
        assertSameSortedRows(sql);
      }
    }
  }

  private static boolean hasColumn(String[] table, String column) {
    for (int i = 1; i < table.length; i++) {
      if (table[i].equals(column)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sort values in the same order; the rows the same, but for which rows of the last value
   * made the cut (SQL leaves that open).
   */
  private static void assertSameSortedRows(String sql) throws SQLException {
    List<List<Object>> expected = TestConnections.rows(plain, sql);
    List<List<Object>> actual = TestConnections.rows(pushed, sql);
    assertThat(firstColumn(actual)).as(sql).isEqualTo(firstColumn(expected));
    assertThat(beforeLastValue(actual)).as(sql)
        .containsExactlyInAnyOrderElementsOf(beforeLastValue(expected));
  }

  private static List<Object> firstColumn(List<List<Object>> rows) {
    List<Object> values = new ArrayList<>();
    for (List<Object> row : rows) {
      values.add(row.get(0));
    }
    return values;
  }

  private static List<List<Object>> beforeLastValue(List<List<Object>> rows) {
    List<List<Object>> kept = new ArrayList<>();
    for (List<Object> row : rows) {
      if (!Objects.equals(row.get(0), rows.get(rows.size() - 1).get(0))) {
        kept.add(row);
      }
    }
    return kept;
  }
}
