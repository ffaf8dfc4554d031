package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
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
  void groupsByDescriptiveStringsReadTheirValueMaps() throws SQLException {
    // Strings of few values a researcher groups by (image type, orientation, how a file was
    // de-identified, age, colour) are indexed, so no row is decoded to group them.
    assertGroupPlan("SELECT image_type, COUNT(*), AVG(position_z) FROM instances "
        + "GROUP BY image_type", "DicomColumnAggregate");
    assertGroupPlan("SELECT orientation, deidentification_method, COUNT(*), SUM(file_size) "
        + "FROM instances WHERE modality = 'CT' GROUP BY orientation, deidentification_method",
        "DicomColumnAggregate");
    assertGroupPlan("SELECT patient_age, COUNT(*), MAX(series_count) FROM studies "
        + "GROUP BY patient_age", "DicomColumnAggregate");
    assertGroupPlan("SELECT color, MAX(point_count) FROM rois GROUP BY color",
        "DicomColumnAggregate");
  }

  @Test
  void groupsByNumbersNotIndexedHashTheirValues() throws SQLException {
    assertGroupPlan("SELECT instance_number, COUNT(*), AVG(position_z) FROM instances "
        + "WHERE modality = 'CT' GROUP BY instance_number", "hashed=[[instance_number]]");
    assertGroupPlan("SELECT series_count, COUNT(*), AVG(CAST(instance_count AS DOUBLE)) "
        + "FROM studies WHERE study_date >= DATE '2012-01-01' GROUP BY series_count",
        "hashed=[[series_count]]");
    // No call at all (DISTINCT), only COUNT(*), and a group key also aggregated.
    assertGroupPlan("SELECT DISTINCT instance_number, \"rows\" FROM instances "
        + "WHERE modality = 'CT'", "hashed=[[instance_number, rows]]");
    assertGroupPlan("SELECT \"rows\", COUNT(*) FROM instances GROUP BY \"rows\"",
        "hashed=[[rows]]");
    assertGroupPlan("SELECT file_size, SUM(file_size), COUNT(window_center), MAX(position_x) "
        + "FROM instances GROUP BY file_size", "hashed=[[file_size]]");
    // Doubles (with their nulls) and several hashed columns.
    assertGroupPlan("SELECT z_min, pixel_spacing_row, COUNT(*), MIN(slice_spacing), "
        + "SUM(instance_count) FROM series GROUP BY z_min, pixel_spacing_row",
        "hashed=[[z_min, pixel_spacing_row]]");
    // Mixed: row sets of the indexed column split the rows, each part hashed, in either order.
    assertGroupPlan("SELECT modality, instance_number, SUM(file_size), MIN(window_center) "
        + "FROM instances GROUP BY modality, instance_number",
        "hashed=[[instance_number]]");
    assertGroupPlan("SELECT \"columns\", phase, series_number, COUNT(*), AVG(z_max) "
        + "FROM series WHERE slice_spacing IS NULL OR phase <> 'A' "
        + "GROUP BY \"columns\", phase, series_number", "hashed=[[columns");
    // Indexed columns of more groups together than row sets are worth intersecting: the later
    // ones are grouped by the ranks of their values, also with a hashed number.
    assertGroupPlan("SELECT sop_uid, series_uid, study_uid, COUNT(*), SUM(file_size) "
        + "FROM instances GROUP BY sop_uid, series_uid, study_uid", "ranked=[[");
    assertGroupPlan("SELECT study_uid, sop_uid, series_uid, instance_number, "
        + "AVG(position_z) FROM instances "
        + "GROUP BY study_uid, sop_uid, series_uid, instance_number", "ranked=[[");
    // Ranks of a column with nulls (non-contrast series name no agent).
    assertGroupPlan("SELECT contrast_agent, study_uid, COUNT(*), MAX(z_min) FROM series "
        + "GROUP BY study_uid, contrast_agent", "ranked=[[study_uid, contrast_agent]]");
    // Few rows kept of a column of many values: decoding them costs less than ranking.
    String few = "SELECT sop_uid, SUM(file_size) FROM instances WHERE modality = 'none' "
        + "GROUP BY sop_uid";
    assertThat(TestConnections.explain(pushed, few)).doesNotContain("ranked=");
    assertSameGroups(few);
    // Nothing kept: no group.
    String none = "SELECT instance_number, COUNT(*), SUM(file_size) FROM instances "
        + "WHERE modality = 'none' GROUP BY instance_number";
    assertGroupPlan(none, "hashed=[[instance_number]]");
    assertThat(TestConnections.rows(pushed, none)).isEmpty();
    // HAVING, ORDER BY and LIMIT stay above the pushed aggregate.
    assertPlan("SELECT instance_number, COUNT(*) AS n, MAX(position_z) FROM instances "
        + "GROUP BY instance_number HAVING COUNT(*) > 2 ORDER BY instance_number DESC "
        + "NULLS FIRST LIMIT 5 OFFSET 1", "hashed=[[instance_number]]");
    assertPlan("SELECT window_center, COUNT(*) FROM instances GROUP BY window_center "
        + "ORDER BY window_center NULLS FIRST", "hashed=[[window_center]]");
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
  void contourPointsGroupedByTheirContoursColumnsAreSummedFromTheContours()
      throws SQLException {
    assertGroupPlan("SELECT rtss_uid, roi_number, COUNT(*), MIN(z), MAX(z) FROM contour_points "
        + "GROUP BY rtss_uid, roi_number", "DicomContourAggregate");
    assertGroupPlan("SELECT roi_number, AVG(x), SUM(y), COUNT(z), MIN(x), "
        + "AVG(CAST(y AS DOUBLE)) FROM contour_points GROUP BY roi_number",
        "DicomContourAggregate");
    assertGroupPlan("SELECT COUNT(*), rtss_uid FROM contour_points WHERE roi_number = 1 "
        + "GROUP BY rtss_uid", "byContour=[[rtss_uid]]");
    // No contour kept: no group.
    String none = "SELECT rtss_uid, MAX(z) FROM contour_points WHERE roi_number = -1 "
        + "GROUP BY rtss_uid";
    assertGroupPlan(none, "DicomContourAggregate");
    assertThat(TestConnections.rows(pushed, none)).isEmpty();
    // A filter on the points, or a group of theirs, is Calcite's.
    String pointFilter = "SELECT roi_number, MAX(z) FROM contour_points WHERE z > 0 "
        + "GROUP BY roi_number";
    assertThat(TestConnections.explain(pushed, pointFilter))
        .doesNotContain("DicomContourAggregate");
    assertSameGroups(pointFilter);
    assertThat(TestConnections.explain(pushed, "SELECT point_index, MAX(z) "
        + "FROM contour_points GROUP BY point_index")).doesNotContain("DicomContourAggregate");
  }

  @Test
  void randomContourPointGroupsGiveTheSameRowsPushedOrNot() throws SQLException {
    Random random = new Random(20261205);
    List<String> filters = List.of("", " WHERE roi_number = 1", " WHERE roi_number BETWEEN 1 AND 2",
        " WHERE roi_number = -1", " WHERE roi_number <> 2", " WHERE x > 0");
    int pushedCount = 0;
    for (int n = 0; n < 30; n++) {
      List<String> groups = new ArrayList<>(List.of("rtss_uid", "roi_number"));
      Collections.shuffle(groups, random);
      groups = groups.subList(0, 1 + random.nextInt(2));
      List<String> select = new ArrayList<>(groups);
      for (int c = 1 + random.nextInt(3); c > 0; c--) {
        String column = List.of("x", "y", "z").get(random.nextInt(3));
        select.add(switch (random.nextInt(6)) {
          case 0 -> "SUM(" + column + ")";
          case 1 -> "AVG(" + column + ")";
          case 2 -> "MIN(" + column + ")";
          case 3 -> "MAX(" + column + ")";
          case 4 -> "COUNT(" + column + ")";
          default -> "COUNT(*)";
        });
      }
      Collections.shuffle(select, random);
      String sql = "SELECT " + String.join(", ", select) + " FROM contour_points"
          + filters.get(random.nextInt(filters.size())) + " GROUP BY " + String.join(", ", groups)
          + (random.nextInt(4) == 0 ? " HAVING COUNT(*) > 10" : "");
      if (random.nextInt(3) == 0) {
        assertSameRows(sql + " ORDER BY " + String.join(", ", groups) + " LIMIT "
            + random.nextInt(3) + " OFFSET " + random.nextInt(2));
      }
      assertSameGroups(sql);
      if (TestConnections.explain(pushed, sql).contains("DicomContourAggregate")) {
        pushedCount++;
      }
    }
    assertThat(pushedCount).isGreaterThan(15);
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

  private static final String LEFT_INDEX_JOIN = "DicomIndexJoin(joinType=[left]";

  @Test
  void leftJoinsLookTheRightRowsUpAndKeepTheUnmatched() throws SQLException {
    String leftJoin = "SELECT s.series_uid, r.roi_name FROM series s LEFT JOIN rois r "
        + "ON r.referenced_series_uid = s.series_uid";
    assertGroupPlan(leftJoin + " WHERE s.phase = 'A'", LEFT_INDEX_JOIN);
    // Only the CT series have ROIs: the structure sets' series keep nulls.
    assertThat(TestConnections.rows(pushed, leftJoin)).anyMatch(row -> row.get(1) == null)
        .anyMatch(row -> row.get(1) != null);
    // A condition on the right in ON filters the looked-up rows; one that keeps none.
    assertGroupPlan(leftJoin + " AND r.roi_number > 1", LEFT_INDEX_JOIN);
    assertGroupPlan(leftJoin + " AND r.phase = 'no such phase'", LEFT_INDEX_JOIN);
    // One the index does not answer is checked per pair.
    assertGroupPlan(leftJoin + " AND r.roi_name LIKE '%a%'", "rest=[LIKE(");
    // A condition on the left in ON keeps the rows that fail it, with nulls.
    assertGroupPlan(leftJoin + " AND s.phase = 'A'", "rest=");
    // Keys beyond the looked-up one, and a condition on both sides, are checked per pair.
    assertGroupPlan("SELECT r.roi_name, c.contour_index, c.z FROM rois r LEFT JOIN contours c "
        + "ON c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number "
        + "AND c.contour_index < r.roi_number", "rest=");
    // Null keys on the left join nothing.
    String nullKeys = "SELECT a.series_uid, a.k, r.roi_name FROM (SELECT series_uid, "
        + "CASE WHEN modality = 'CT' THEN series_uid END AS k FROM series) a LEFT JOIN rois r "
        + "ON r.referenced_series_uid = a.k";
    assertGroupPlan(nullKeys, LEFT_INDEX_JOIN);
    assertThat(TestConnections.rows(pushed, nullKeys))
        .anyMatch(row -> row.get(1) == null && row.get(2) == null)
        .anyMatch(row -> row.get(2) != null);
  }

  @Test
  void rightJoinsAreTurnedIntoLeftJoins() throws SQLException {
    assertGroupPlan("SELECT s.series_uid, r.roi_name FROM rois r RIGHT JOIN series s "
        + "ON r.referenced_series_uid = s.series_uid WHERE s.phase = 'A'", LEFT_INDEX_JOIN);
    assertGroupPlan("SELECT st.study_date, s.phase FROM series s RIGHT JOIN studies st "
        + "ON s.study_uid = st.study_uid AND s.modality = 'CT'", LEFT_INDEX_JOIN);
  }

  /** An outer join the index can look rows up for, and filters of either side. */
  private record OuterJoin(String left, String right, String on, List<String> columns,
      List<String> leftFilters, List<String> rightFilters) {}

  private static final List<OuterJoin> OUTER_JOINS = List.of(
      new OuterJoin("series s", "rois r", "r.referenced_series_uid = s.series_uid",
          List.of("s.series_uid", "s.phase", "r.roi_name", "r.roi_number", "r.phase"),
          List.of("s.phase = 'A'", "s.modality = 'CT'", "s.slice_spacing IS NULL",
              "s.series_number > 1"),
          List.of("r.phase = 'A'", "r.roi_number > 1", "r.roi_name = 'none'",
              "r.roi_number < s.series_number", "r.roi_name LIKE '%a%'")),
      new OuterJoin("rois r", "contours c",
          "c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number",
          List.of("r.roi_name", "r.phase", "c.contour_index", "c.z", "c.point_count"),
          List.of("r.phase = 'A'", "r.roi_number BETWEEN 1 AND 2"),
          List.of("c.z > 0", "c.contour_index < r.roi_number", "c.geometric_type = 'none'",
              "c.point_count > 4")),
      new OuterJoin("studies st", "series s", "s.study_uid = st.study_uid",
          List.of("st.study_uid", "st.study_date", "s.phase", "s.slice_spacing"),
          List.of("st.study_date < DATE '2015-01-01'"),
          List.of("s.phase IN ('V', 'D')", "s.slice_spacing IS NULL", "s.modality = 'none'")));

  @Test
  void randomOuterJoinsGiveTheSameRowsPushedOrNot() throws SQLException {
    Random random = new Random(20261204);
    int pushedCount = 0;
    for (int n = 0; n < 40; n++) {
      OuterJoin join = OUTER_JOINS.get(random.nextInt(OUTER_JOINS.size()));
      List<String> columns = new ArrayList<>(join.columns());
      Collections.shuffle(columns, random);
      String on = join.on() + (random.nextBoolean() ? "" : " AND "
          + join.rightFilters().get(random.nextInt(join.rightFilters().size())));
      String from = random.nextBoolean()
          ? join.left() + " LEFT JOIN " + join.right() + " ON " + on
          : join.right() + " RIGHT JOIN " + join.left() + " ON " + on;
      int width = 1 + random.nextInt(3);
      String sql = "SELECT " + String.join(", ", columns.subList(0, width))
          + " FROM " + from + (random.nextBoolean() ? "" : " WHERE "
              + join.leftFilters().get(random.nextInt(join.leftFilters().size())));
      if (random.nextInt(3) == 0) {
        // Sorted by every column, the rows a LIMIT keeps are the same.
        List<String> keys = new ArrayList<>();
        for (int k = 1; k <= width; k++) {
          keys.add(k + (random.nextBoolean() ? " DESC" : "")
              + (random.nextBoolean() ? " NULLS FIRST" : " NULLS LAST"));
        }
        assertSameRows(sql + " ORDER BY " + String.join(", ", keys) + " LIMIT "
            + random.nextInt(20) + (random.nextBoolean() ? " OFFSET " + random.nextInt(5) : ""));
      }
      assertSameGroups(sql);
      if (TestConnections.explain(pushed, sql).contains(LEFT_INDEX_JOIN)) {
        pushedCount++;
      }
    }
    // Most are looked up; a hash join wins where the index tells one side is (almost) empty.
    assertThat(pushedCount).isGreaterThan(20);
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

  /**
   * Per table: numeric columns, columns to group by (indexed columns of few and of many values,
   * numbers kept column-wise, indexed or not), and filterable columns.
   */
  private record NumericTable(String name, List<String> numbers, List<String> groups,
      List<String> filtered) {}

  private static final List<NumericTable> NUMERIC_TABLES = List.of(
      new NumericTable("instances", List.of("file_size", "instance_number", "\"rows\"",
          "position_z", "position_x", "slice_thickness", "window_center"),
          List.of("modality", "transfer_syntax_uid", "sop_class_uid", "series_uid",
              "instance_number", "window_center", "\"rows\"", "position_z", "sop_uid",
              "study_uid", "duplicate_of"),
          List.of("modality", "position_z", "instance_number")),
      new NumericTable("series", List.of("instance_count", "series_number", "slice_thickness",
          "slice_spacing", "z_min", "\"rows\""),
          List.of("phase", "modality", "body_part", "patient_id", "z_min", "\"rows\"",
              "slice_spacing", "series_number", "contrast_agent", "study_uid"),
          List.of("phase", "modality", "slice_spacing", "series_number")),
      new NumericTable("rois", List.of("roi_number", "contour_count", "point_count"),
          List.of("phase", "roi_name", "patient_id", "contour_count", "roi_number"),
          List.of("phase", "roi_number")));

  @Test
  void randomAggregatesOfNumbersGiveTheSameRowsPushedOrNot() throws SQLException {
    Random random = new Random(20261202);
    int pushedCount = 0;
    Set<String> groupings = new HashSet<>();
    for (int n = 0; n < 100; n++) {
      NumericTable table = NUMERIC_TABLES.get(random.nextInt(NUMERIC_TABLES.size()));
      String filter;
      do {
        filter = FILTERS.get(random.nextInt(FILTERS.size()));
      } while (!filter.isEmpty() && !table.filtered().contains(filter.split(" ")[2]));
      List<String> groups = new ArrayList<>();
      for (int g = random.nextInt(4); g > 0; g--) {
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
      String plan = TestConnections.explain(pushed, sql);
      if (plan.contains("DicomColumnAggregate")) {
        pushedCount++;
        for (String grouping : List.of("hashed=", "ranked=")) {
          if (plan.contains(grouping)) {
            groupings.add(grouping);
          }
        }
        if (plan.contains("group=") && !plan.contains("hashed=") && !plan.contains("ranked=")) {
          groupings.add("row sets");
        }
      }
    }
    // Most of them are answered column-wise (the rest by value maps or row-set sizes), grouped
    // in each way.
    assertThat(pushedCount).isGreaterThan(60);
    assertThat(groupings).containsExactlyInAnyOrder("hashed=", "ranked=", "row sets");
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
      // A column shown twice would be ambiguous in ORDER BY.
      boolean both = random.nextBoolean() && !shown.equals(column);
      String sql = "SELECT " + (both ? shown + ", " + column : shown)
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
