package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
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
        .usingElementComparator(TestConnections.ALIKE)
        .containsExactlyElementsOf(TestConnections.rows(plain, sql));
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
    // Filters that keep fewer rows than the column has values: their values read column-wise.
    assertPlan("SELECT path, position_z FROM instances WHERE modality = 'RTSTRUCT' "
        + "ORDER BY position_z DESC NULLS LAST LIMIT 3", "DicomIndexSort");
    assertPlan("SELECT series_uid, slice_spacing FROM series WHERE phase = 'A' "
        + "ORDER BY slice_spacing DESC LIMIT 3 OFFSET 1", "DicomIndexSort");
  }

  @Test
  void aLimitedSortOnANumberReadsItsColumn() throws SQLException {
    // Rows of equal values come in id order, as Calcite's stable sort of the scan gives them.
    assertPlan("SELECT path, file_size FROM instances ORDER BY file_size DESC LIMIT 3",
        "DicomColumnSort");
    assertPlan("SELECT sop_uid, instance_number FROM instances ORDER BY instance_number "
        + "LIMIT 7 OFFSET 5", "order=[instance_number ASC LAST], offset=[5], fetch=[7]");
    assertPlan("SELECT path, window_center FROM instances ORDER BY window_center NULLS FIRST "
        + "LIMIT 5", "order=[window_center ASC FIRST]");
    assertPlan("SELECT path, window_center FROM instances ORDER BY window_center DESC "
        + "LIMIT 5", "order=[window_center DESC FIRST]");
    assertPlan("SELECT path, window_width FROM instances ORDER BY window_width DESC NULLS LAST "
        + "LIMIT 500", "order=[window_width DESC LAST]");
    assertPlan("SELECT series_uid, z_min FROM series ORDER BY z_min LIMIT 4",
        "DicomColumnSort");
    assertPlan("SELECT roi_name, point_count FROM rois ORDER BY point_count DESC LIMIT 2",
        "DicomColumnSort");
  }

  @Test
  void aColumnSortKeepsToThePushedFilterAndTheProjection() throws SQLException {
    assertPlan("SELECT path, slice_location FROM instances WHERE modality = 'CT' "
        + "ORDER BY slice_location DESC LIMIT 4",
        "DicomColumnSort(table=[[dicom, instances]], index=[modality = 'CT']");
    assertPlan("SELECT path, file_size FROM instances WHERE modality = 'none' "
        + "ORDER BY file_size LIMIT 3", "DicomColumnSort");
    assertThat(TestConnections.rows(pushed, "SELECT path FROM instances "
        + "WHERE modality = 'none' ORDER BY file_size LIMIT 3")).isEmpty();
    // The sort's column not shown, or shown after another.
    assertPlan("SELECT path FROM instances ORDER BY file_size DESC LIMIT 5", "DicomColumnSort");
    assertPlan("SELECT file_size, path, modality FROM instances ORDER BY file_size LIMIT 5",
        "DicomColumnSort");
    // A projection of expressions over the sort: only the columns it uses are decoded.
    assertPlan("SELECT path, file_size / 1024 AS kb FROM instances ORDER BY file_size DESC "
        + "LIMIT 5", "columns=[[path, file_size]], order=[file_size DESC FIRST]");
    assertSameRows("SELECT path, file_size FROM instances ORDER BY file_size LIMIT 0");
  }

  @Test
  void aSortByANumberAndMoreSortsTheRowsTiedAtTheCut() throws SQLException {
    String pushedNode = "EnumerableLimitSort(sort0=[$1], sort1=[$0], dir0=[DESC], dir1=[ASC], "
        + "fetch=[3])\n  DicomColumnSort(";
    assertPlan("SELECT path, file_size FROM instances ORDER BY file_size DESC, path LIMIT 3",
        pushedNode);
    assertThat(TestConnections.explain(pushed, "SELECT path, file_size FROM instances "
        + "ORDER BY file_size DESC, path LIMIT 3")).contains("fetch=[3], ties=[kept]");
    // Nearly every row is tied at the cut.
    assertPlan("SELECT path, \"rows\", instance_number FROM instances "
        + "ORDER BY \"rows\", instance_number DESC, path LIMIT 5 OFFSET 3", "ties=[kept]");
    // Nulls are tied with each other.
    assertPlan("SELECT path, window_center FROM instances "
        + "ORDER BY window_center NULLS FIRST, path DESC LIMIT 4", "ties=[kept]");
    assertPlan("SELECT path, window_center FROM instances "
        + "ORDER BY window_center DESC NULLS LAST, path LIMIT 40", "ties=[kept]");
    assertPlan("SELECT series_uid, slice_spacing, series_number FROM series "
        + "ORDER BY slice_spacing DESC, series_number, series_uid LIMIT 3", "ties=[kept]");
    assertPlan("SELECT path, file_size FROM instances WHERE modality = 'CT' "
        + "ORDER BY file_size, path LIMIT 3", "ties=[kept]");
    assertSameRows("SELECT path, file_size FROM instances WHERE modality = 'none' "
        + "ORDER BY file_size, path LIMIT 3");
  }

  @Test
  void aLimitWithoutOrderStopsTheScan() throws SQLException {
    String sql = "SELECT path, file_size FROM instances LIMIT 3";
    // The scan decodes rows as they are asked for: the limit stops it after three.
    assertThat(TestConnections.explain(pushed, sql))
        .contains("EnumerableLimit(fetch=[3])\n  DicomEnumerableScan(");
    assertSameRows(sql);
  }

  @Test
  void otherLimitedSortsKeepOnlyTheFirstRows() throws SQLException {
    for (String sql : List.of(
        "SELECT path, acquisition_time FROM instances ORDER BY acquisition_time DESC LIMIT 3",
        // Ids of contours stand for many points each.
        "SELECT x, y FROM contour_points ORDER BY x DESC, y LIMIT 3",
        // A filter the index does not answer is left to Calcite.
        "SELECT path, file_size FROM instances WHERE file_size > 100 "
            + "ORDER BY file_size LIMIT 3")) {
      assertThat(TestConnections.explain(pushed, sql)).as(sql).contains("EnumerableLimitSort");
      assertSameRows(sql);
    }
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

  /** Plans pushed and not as {@link #assertPlan}, rows compared in any order (groups). */
  private static void assertGroupPlan(String sql, String pushedNode) throws SQLException {
    assertThat(TestConnections.explain(pushed, sql)).as(sql).contains(pushedNode);
    assertThat(TestConnections.explain(plain, sql)).as(sql).doesNotContain(pushedNode);
    assertSameGroups(sql);
  }

  private static void assertSameGroups(String sql) throws SQLException {
    List<List<Object>> expected = TestConnections.rows(plain, sql);
    assertThat(TestConnections.rows(pushed, sql)).as(sql)
        .usingElementComparator(TestConnections.ALIKE)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aggregatesOfNumbersReadTheColumns() throws SQLException {
    assertPlan("SELECT AVG(slice_thickness), MAX(\"rows\") FROM instances",
        "DicomColumnAggregate");
    // Calcite's AVG of an INTEGER column is an INTEGER.
    assertPlan("SELECT AVG(instance_number), SUM(instance_number), AVG(file_size) "
        + "FROM instances", "DicomColumnAggregate");
    assertGroupPlan("SELECT phase, AVG(instance_count) FROM series GROUP BY phase",
        "DicomColumnAggregate");
    assertGroupPlan("SELECT phase, AVG(CAST(instance_count AS DOUBLE)) FROM series "
        + "GROUP BY phase", "DicomColumnAggregate");
    assertGroupPlan("SELECT modality, transfer_syntax_uid, SUM(file_size), COUNT(*) "
        + "FROM instances GROUP BY modality, transfer_syntax_uid", "DicomColumnAggregate");
    assertGroupPlan("SELECT modality, COUNT(*), AVG(position_x), MAX(instance_number) "
        + "FROM instances WHERE position_z > 10 GROUP BY modality", "DicomColumnAggregate");
    assertGroupPlan("SELECT phase, SUM(point_count), AVG(contour_count), MIN(roi_number) "
        + "FROM rois WHERE roi_number BETWEEN 1 AND 2 GROUP BY phase", "DicomColumnAggregate");
  }

  @Test
  void columnAggregatesIgnoreNullsAndGiveNullOverNoRows() throws SQLException {
    assertPlan("SELECT SUM(slice_spacing), AVG(slice_spacing), COUNT(slice_spacing), "
        + "MIN(slice_spacing), COUNT(*) FROM series", "DicomColumnAggregate");
    assertPlan("SELECT SUM(slice_spacing), AVG(slice_spacing), COUNT(slice_spacing), "
        + "MAX(slice_spacing), COUNT(*) FROM series WHERE slice_spacing IS NULL",
        "DicomColumnAggregate");
    List<List<Object>> none = TestConnections.rows(pushed, "SELECT AVG(file_size), "
        + "SUM(\"rows\"), MIN(window_width), COUNT(file_size), COUNT(*) FROM instances "
        + "WHERE modality = 'none'");
    assertThat(none).containsExactly(java.util.Arrays.asList(null, null, null, 0L, 0L));
    assertPlan("SELECT AVG(file_size), SUM(\"rows\"), MIN(window_width), COUNT(*) "
        + "FROM instances WHERE modality = 'none'", "DicomColumnAggregate");
    assertGroupPlan("SELECT phase, SUM(instance_count) FROM series WHERE modality = 'none' "
        + "GROUP BY phase", "DicomColumnAggregate");
    assertThat(TestConnections.rows(pushed, "SELECT phase, SUM(instance_count) FROM series "
        + "WHERE modality = 'none' GROUP BY phase")).isEmpty();    // scan_errors holds no row: no chunk, no summary.
    assertThat(TestConnections.rows(pushed, "SELECT COUNT(*) FROM scan_errors").get(0))
        .containsExactly(0L);
    assertPlan("SELECT SUM(file_size), AVG(file_size), MAX(file_size), COUNT(file_size) "
        + "FROM scan_errors", "DicomColumnAggregate");
  }

  @Test
  void contourPointsAreCountedFromTheContours() throws SQLException {
    String sql = "SELECT COUNT(*) FROM contour_points";
    assertThat(TestConnections.explain(pushed, sql)).contains("DicomGroupCount");
    assertSameRows(sql);
    assertSameRows("SELECT COUNT(*) FROM contour_points WHERE roi_number = 1");
    assertThat((Long) TestConnections.rows(pushed, sql).get(0).get(0)).isPositive();
  }

  @Test
  void contourPointCoordinatesAreSummedFromTheContours() throws SQLException {
    assertPlan("SELECT AVG(x), MIN(y), MAX(z), SUM(z), COUNT(x), COUNT(*) FROM contour_points",
        "DicomColumnAggregate");
    assertPlan("SELECT AVG(x), MAX(y), COUNT(*) FROM contour_points WHERE roi_number = 1",
        "DicomColumnAggregate");
    assertPlan("SELECT AVG(x), MIN(y), COUNT(*) FROM contour_points WHERE roi_number = -1",
        "DicomColumnAggregate");
  }

  @Test
  void joinCountsTakeTheSizesOfTheJoinedRowSets() throws SQLException {
    assertPlan("SELECT COUNT(*) FROM instances i JOIN series s ON i.series_uid = s.series_uid "
        + "WHERE s.phase = 'A'", "DicomJoinCount");
    assertPlan("SELECT COUNT(*), COUNT(*) FROM instances i JOIN series s "
        + "ON i.series_uid = s.series_uid WHERE s.phase = 'A' AND i.modality = 'CT'",
        "DicomJoinCount");
    assertPlan("SELECT COUNT(*) FROM series s JOIN instances i ON i.series_uid = s.series_uid "
        + "WHERE s.phase = 'no such phase'", "DicomJoinCount");
    // Keys repeated on both sides: every pair counts.
    assertPlan("SELECT COUNT(*) FROM studies st JOIN series s ON s.patient_id = st.patient_id",
        "DicomJoinCount");
    assertGroupPlan("SELECT s.phase, COUNT(*) FROM series s JOIN instances i "
        + "ON i.series_uid = s.series_uid GROUP BY s.phase", "DicomJoinCount");
    assertGroupPlan("SELECT r.roi_name, COUNT(*) FROM rois r JOIN contour_points c "
        + "ON c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number GROUP BY r.roi_name",
        "DicomJoinCount");
    assertGroupPlan("SELECT r.roi_name, r.phase, COUNT(*) FROM rois r JOIN contours c "
        + "ON c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number WHERE c.z > 0 "
        + "GROUP BY r.roi_name, r.phase", "DicomJoinCount");
  }

  @Test
  void joinGroupsSplitByTheOtherSidesRowSets() throws SQLException {
    // COUNT(DISTINCT) is counted by Calcite over the distinct groups, which are pushed.
    assertGroupPlan("SELECT p.patient_id FROM patients p JOIN series s "
        + "ON s.patient_id = p.patient_id GROUP BY p.patient_id "
        + "HAVING COUNT(DISTINCT s.phase) >= 2", "split=[[phase]]");
    assertGroupPlan("SELECT p.patient_id, COUNT(DISTINCT s.modality) "
        + "FROM patients p JOIN series s ON s.patient_id = p.patient_id "
        + "WHERE s.series_number > 1 GROUP BY p.patient_id", "split=[[modality]]");
    assertGroupPlan("SELECT p.sex, s.phase, COUNT(*) FROM patients p JOIN series s "
        + "ON s.patient_id = p.patient_id GROUP BY p.sex, s.phase", "split=[[phase]]");
    // The decoded side on the right: its groups come after the split side's in the output.
    assertGroupPlan("SELECT s.phase, p.patient_name, COUNT(*) FROM series s JOIN patients p "
        + "ON s.patient_id = p.patient_id GROUP BY s.phase, p.patient_name",
        "split=[[phase]]");
    // Nulls are a group of their own.
    assertGroupPlan("SELECT p.patient_id, s.slice_spacing, COUNT(*) FROM patients p "
        + "JOIN series s ON s.patient_id = p.patient_id GROUP BY p.patient_id, s.slice_spacing",
        "split=[[slice_spacing]]");
    assertThat(TestConnections.rows(pushed, "SELECT COUNT(*) FROM series "
        + "WHERE slice_spacing IS NULL").get(0).get(0)).isNotEqualTo(0L);
    assertGroupPlan("SELECT st.study_uid, i.modality, COUNT(*) FROM studies st "
        + "JOIN instances i ON i.study_uid = st.study_uid GROUP BY st.study_uid, i.modality",
        "split=[[modality]]");
  }

  @Test
  void distinctValuesPerGroupAreCountedInTheJoin() throws SQLException {
    assertGroupPlan("SELECT p.patient_id FROM patients p JOIN series s "
        + "ON s.patient_id = p.patient_id GROUP BY p.patient_id "
        + "HAVING COUNT(DISTINCT s.phase) = 4", "count=[DISTINCT phase]");
    assertGroupPlan("SELECT p.sex, COUNT(DISTINCT s.modality) FROM patients p JOIN series s "
        + "ON s.patient_id = p.patient_id WHERE s.series_number > 1 GROUP BY p.sex",
        "count=[DISTINCT modality]");
    // Nulls are not counted: a group whose values are all null counts 0.
    assertGroupPlan("SELECT p.patient_id, COUNT(DISTINCT s.slice_spacing) FROM patients p "
        + "JOIN series s ON s.patient_id = p.patient_id GROUP BY p.patient_id",
        "count=[DISTINCT slice_spacing]");
    // Structure set series have no slice spacing.
    String nullGroups = "SELECT p.patient_id, s.modality, COUNT(DISTINCT s.slice_spacing) "
        + "FROM patients p JOIN series s ON s.patient_id = p.patient_id "
        + "GROUP BY p.patient_id, s.modality";
    assertGroupPlan(nullGroups, "count=[DISTINCT slice_spacing]");
    assertThat(TestConnections.rows(pushed, nullGroups)).anyMatch(row -> row.get(2).equals(0L));
    // The counted column on the left: the series are decoded, the patients' sex splits.
    assertGroupPlan("SELECT s.phase, COUNT(DISTINCT p.sex) FROM patients p JOIN series s "
        + "ON s.patient_id = p.patient_id GROUP BY s.phase", "count=[DISTINCT sex]");
    // A column of the decoded side is left to Calcite: its values are not known in advance.
    String decodedSide = "SELECT s.phase, COUNT(DISTINCT p.patient_name) FROM patients p "
        + "JOIN series s ON s.patient_id = p.patient_id GROUP BY s.phase";
    assertThat(TestConnections.explain(pushed, decodedSide)).contains("DicomJoinCount")
        .doesNotContain("count=[DISTINCT");
    assertSameGroups(decodedSide);
    // Without groups: one row, also when nothing joins.
    assertPlan("SELECT COUNT(DISTINCT s.phase) FROM studies st JOIN series s "
        + "ON s.study_uid = st.study_uid", "count=[DISTINCT phase]");
    assertPlan("SELECT COUNT(DISTINCT s.phase) FROM studies st JOIN series s "
        + "ON s.study_uid = st.study_uid WHERE s.modality = 'none'", "count=[DISTINCT phase]");
  }

  /** A join the index counts: the columns to group by or count, and filters, of both sides. */
  private record CountedJoin(String from, List<String> columns, List<String> filters) {}

  private static final List<CountedJoin> COUNTED_JOINS = List.of(
      new CountedJoin("patients p JOIN series s ON s.patient_id = p.patient_id",
          List.of("p.patient_id", "p.sex", "s.phase", "s.modality", "s.slice_spacing"),
          List.of("s.phase = 'A'", "s.series_number > 1", "p.sex = 'F'")),
      new CountedJoin("series s JOIN studies st ON s.study_uid = st.study_uid",
          List.of("st.study_uid", "st.patient_id", "s.phase", "s.modality", "s.body_part"),
          List.of("s.phase IN ('V', 'D')", "s.slice_spacing IS NULL")),
      new CountedJoin("series s JOIN instances i ON i.series_uid = s.series_uid",
          List.of("s.series_uid", "s.phase", "i.modality", "i.transfer_syntax_uid"),
          List.of("i.instance_number < 3", "s.phase = 'A'")),
      new CountedJoin("rois r JOIN contours c "
          + "ON c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number",
          List.of("r.roi_name", "r.phase", "r.patient_id"), List.of("c.z > 0", "r.phase = 'A'")));

  @Test
  void randomJoinCountsGiveTheSameRowsPushedOrNot() throws SQLException {
    Random random = new Random(20261203);
    int distinctCounts = 0;
    for (int n = 0; n < 40; n++) {
      CountedJoin join = COUNTED_JOINS.get(random.nextInt(COUNTED_JOINS.size()));
      List<String> columns = new ArrayList<>(join.columns());
      Collections.shuffle(columns, random);
      List<String> groups = columns.subList(0, random.nextInt(3));
      String counted = columns.get(groups.size());
      String count = random.nextInt(3) == 0 ? "COUNT(*)" : "COUNT(DISTINCT " + counted + ")";
      String sql = "SELECT " + String.join(", ", groups) + (groups.isEmpty() ? "" : ", ")
          + count + " FROM " + join.from()
          + (random.nextBoolean() ? "" : " WHERE "
              + join.filters().get(random.nextInt(join.filters().size())))
          + (groups.isEmpty() ? "" : " GROUP BY " + String.join(", ", groups));
      assertSameGroups(sql);
      if (TestConnections.explain(pushed, sql).contains("count=[DISTINCT")) {
        distinctCounts++;
      }
    }
    assertThat(distinctCounts).isGreaterThan(10);
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

  /** Per table: numeric columns, low-cardinality indexed columns, and filterable columns. */
  private record NumericTable(String name, List<String> numbers, List<String> groups,
      List<String> filtered) {}

  private static final List<NumericTable> NUMERIC_TABLES = List.of(
      new NumericTable("instances", List.of("file_size", "instance_number", "\"rows\"",
          "position_z", "position_x", "slice_thickness", "window_center"),
          List.of("modality", "transfer_syntax_uid", "sop_class_uid", "series_uid"),
          List.of("modality", "position_z", "instance_number")),
      new NumericTable("series", List.of("instance_count", "series_number", "slice_thickness",
          "slice_spacing", "z_min", "\"rows\""),
          List.of("phase", "modality", "body_part", "patient_id"),
          List.of("phase", "modality", "slice_spacing", "series_number")),
      new NumericTable("rois", List.of("roi_number", "contour_count", "point_count"),
          List.of("phase", "roi_name", "patient_id"), List.of("phase", "roi_number")));

  @Test
  void randomAggregatesOfNumbersGiveTheSameRowsPushedOrNot() throws SQLException {
    Random random = new Random(20261202);
    int pushedCount = 0;
    for (int n = 0; n < 60; n++) {
      NumericTable table = NUMERIC_TABLES.get(random.nextInt(NUMERIC_TABLES.size()));
      String filter;
      do {
        filter = FILTERS.get(random.nextInt(FILTERS.size()));
      } while (!filter.isEmpty() && !table.filtered().contains(filter.split(" ")[2]));
      List<String> groups = new ArrayList<>();
      for (int g = random.nextInt(3); g > 0; g--) {
        String group = table.groups().get(random.nextInt(table.groups().size()));
        if (!groups.contains(group)) {
          groups.add(group);
        }
      }
      List<String> select = new ArrayList<>(groups);
      for (int c = 1 + random.nextInt(3); c > 0; c--) {
        String column = table.numbers().get(random.nextInt(table.numbers().size()));
        select.add(switch (random.nextInt(7)) {
          case 0 -> "SUM(" + column + ")";
          case 1 -> "AVG(" + column + ")";
          case 2 -> "MIN(" + column + ")";
          case 3 -> "MAX(" + column + ")";
          case 4 -> "COUNT(" + column + ")";
          case 5 -> "COUNT(*)";
          default -> "AVG(CAST(" + column + " AS DOUBLE))";
        });
      }
      String sql = "SELECT " + String.join(", ", select) + " FROM " + table.name() + filter
          + (groups.isEmpty() ? "" : " GROUP BY " + String.join(", ", groups));
      assertSameGroups(sql);
      if (TestConnections.explain(pushed, sql).contains("DicomColumnAggregate")) {
        pushedCount++;
      }
    }
    // Most of them are answered column-wise (the rest by value maps or row-set sizes).
    assertThat(pushedCount).isGreaterThan(30);
  }

  /** Filters of the random sorts, some of which keep no row. */
  private static final List<String> SORT_FILTERS = List.of(" WHERE phase = 'A'",
      " WHERE modality = 'CT'", " WHERE modality = 'none'", " WHERE phase = 'none'",
      " WHERE position_z > 10", " WHERE instance_number < 3", " WHERE roi_number = 1",
      " WHERE slice_spacing IS NULL", " WHERE series_number >= 2");

  @Test
  void randomSortsOfNumbersGiveTheSameRowsPushedOrNot() throws SQLException {
    Random random = new Random(20261204);
    int columnSorts = 0;
    for (int n = 0; n < 80; n++) {
      NumericTable table = NUMERIC_TABLES.get(random.nextInt(NUMERIC_TABLES.size()));
      String filter = "";
      if (random.nextInt(3) > 0) {
        do {
          filter = SORT_FILTERS.get(random.nextInt(SORT_FILTERS.size()));
        } while (!table.filtered().contains(filter.split(" ")[2]));
      }
      String column = table.numbers().get(random.nextInt(table.numbers().size()));
      String shown = table.groups().get(random.nextInt(table.groups().size()));
      String sql = "SELECT " + (random.nextBoolean() ? shown + ", " + column : shown)
          + " FROM " + table.name() + filter + " ORDER BY " + column + direction(random)
          + (random.nextInt(3) == 0 ? ", " + shown + direction(random) : "")
          + " LIMIT " + (random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(30))
          + (random.nextInt(3) == 0 ? " OFFSET " + random.nextInt(40) : "");
      // Exactly the same rows in the same order: both keep equal values in id order.
      assertSameRows(sql);
      if (TestConnections.explain(pushed, sql).contains("DicomColumnSort")) {
        columnSorts++;
      }
    }
    assertThat(columnSorts).isGreaterThan(25);
  }

  private static String direction(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "";
      case 1 -> " ASC";
      default -> " DESC";
    } + switch (random.nextInt(3)) {
      case 0 -> "";
      case 1 -> " NULLS FIRST";
      default -> " NULLS LAST";
    };
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
