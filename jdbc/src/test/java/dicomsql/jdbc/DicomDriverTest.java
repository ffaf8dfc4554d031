package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomDriverTest {
  @TempDir
  static Path tmp;
  private static String url;
  private static List<Map<String, String>> lesions;
  private static List<Map<String, String>> seriesTruth;
  private static Connection connection;

  @BeforeAll
  static void generate() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(5, 21, 32, 6, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    lesions = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE));
    seriesTruth = GroundTruth.read(data.resolve(GroundTruth.SERIES_FILE));
    url = "jdbc:dicom:" + data + ";index=" + tmp.resolve("index");
    connection = DriverManager.getConnection(url);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    return QueryRows.of(connection, sql);
  }

  private static long count(String sql) throws SQLException {
    return ((Number) query(sql).get(0).get(0)).longValue();
  }

  private static String plan(String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    for (List<Object> row : query("EXPLAIN PLAN FOR " + sql)) {
      plan.append(row.get(0));
    }
    return plan.toString();
  }

  @Test
  void metadataListsTheFunctionsWithTheirSignatures() throws SQLException {
    List<String> functions = new ArrayList<>();
    try (ResultSet rows = connection.getMetaData().getFunctions(null, "dicom", "roi_hu%")) {
      while (rows.next()) {
        functions.add(rows.getString("FUNCTION_NAME") + ": " + rows.getString("REMARKS"));
      }
    }
    assertThat(functions).containsExactly(
        "roi_hu_mean: roi_hu_mean(rtss_uid, roi_number, series_uid) DOUBLE: mean HU inside the "
            + "ROI on any series of its frame of reference",
        "roi_hu_stat: roi_hu_stat(rtss_uid, roi_number, series_uid, stat) DOUBLE: mean, std, "
            + "min, max, median, p10 or p90 of the HU inside the ROI");
    try (ResultSet rows = connection.getMetaData().getFunctions(null, null, "%'")) {
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void rowsIsAColumnNameAsTheContractSays() throws SQLException {
    assertThat(query("SELECT rows, s.rows * columns FROM series s WHERE modality = 'CT' "
        + "AND rows > 0 FETCH FIRST 1 ROWS ONLY")).containsExactly(List.of(32, 1024));
  }

  @Test
  void oneColumnUnderALimitOrJoinIsItsValue() throws SQLException {
    assertThat(query("SELECT modality FROM series WHERE modality = 'CT' LIMIT 1"))
        .containsExactly(List.of("CT"));
    assertThat(query("SELECT COUNT(*) FROM rois LIMIT 1").get(0).get(0))
        .isEqualTo((long) lesions.size());
    assertThat(query("SELECT s.phase FROM rois r JOIN series s "
        + "ON s.series_uid = r.referenced_series_uid LIMIT 1").get(0).get(0))
        .isInstanceOf(String.class);
  }

  @Test
  void theDriverTakesOnlyItsOwnUrls() throws SQLException {
    assertThat(DriverManager.getDriver("jdbc:dicom:/data")).isInstanceOf(DicomDriver.class);
    assertThat(new DicomDriver().connect("jdbc:postgresql://host/db", new Properties())).isNull();
    assertThat(connection.getMetaData().getURL()).isEqualTo(url);
    assertThat(connection.getMetaData().getDriverName()).isEqualTo("dicomsql JDBC Driver");
  }

  @Test
  void badUrlsAreClearErrors() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:dicom:"))
        .isInstanceOf(SQLException.class).hasMessageContaining("no data folder");
    assertThatThrownBy(() -> DriverManager.getConnection(url + ";refresh=sometimes"))
        .isInstanceOf(SQLException.class).hasMessage("refresh must be auto, never or rebuild, "
            + "not 'sometimes'");
    assertThatThrownBy(() -> DriverManager.getConnection(url + ";colour=blue"))
        .isInstanceOf(SQLException.class).hasMessageContaining("unknown URL property");
  }

  @Test
  void aMissingDataFolderIsAConnectionError() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:dicom:" + tmp.resolve("none")
        + ";index=" + tmp.resolve("none-index")))
        .isInstanceOf(SQLException.class)
        .hasMessage("data folder " + tmp.resolve("none") + " does not exist")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }

  @Test
  void metadataListsEveryContractTableColumnAndKey() throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rows = meta.getTables(null, "dicom", "%", null)) {
      while (rows.next()) {
        tables.add(rows.getString("TABLE_NAME"));
      }
    }
    assertThat(tables).containsExactlyInAnyOrder("patients", "studies", "series", "instances",
        "structure_sets", "rois", "contours", "contour_points", "scan_errors", "attributes",
        "index_status");
    Map<String, Integer> types = new HashMap<>();
    try (ResultSet rows = meta.getColumns(null, "dicom", "studies", "%")) {
      while (rows.next()) {
        types.put(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"));
      }
    }
    assertThat(types).containsEntry("study_date", Types.DATE)
        .containsEntry("study_time", Types.TIME).containsEntry("age_years", Types.INTEGER)
        .containsEntry("study_uid", Types.VARCHAR).hasSize(10);
    List<String> key = new ArrayList<>();
    try (ResultSet rows = meta.getPrimaryKeys(null, "dicom", "rois")) {
      while (rows.next()) {
        key.add(rows.getString("COLUMN_NAME") + "#" + rows.getInt("KEY_SEQ"));
      }
    }
    assertThat(key).containsExactly("rtss_uid#1", "roi_number#2");
    key.clear();
    try (ResultSet rows = meta.getPrimaryKeys(null, "dicom", "attributes")) {
      while (rows.next()) {
        key.add(rows.getString("COLUMN_NAME") + "#" + rows.getInt("KEY_SEQ"));
      }
    }
    assertThat(key).containsExactly("path#1", "tag_path#2");
  }

  @Test
  void identifiersIgnoreCaseUnlessQuoted() throws SQLException {
    long rois = lesions.size();
    assertThat(count("SELECT COUNT(*) FROM ROIS")).isEqualTo(rois);
    assertThat(count("select count(*) from \"rois\" where Phase = 'P'"))
        .isEqualTo(lesions.stream().filter(l -> l.get("annotated_phase").equals("P")).count());
    assertThat(query("SELECT roi_name AS n, count(*) FROM rois GROUP BY n LIMIT 1")).hasSize(1);
    assertThat(query("SELECT \"rows\", \"columns\" FROM series WHERE modality = 'CT' LIMIT 1"))
        .containsExactly(List.of(32, 32));
  }

  @Test
  void valuesHaveTheirSqlTypes() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT study_date, study_time, age_years, "
            + "instance_count FROM studies")) {
      ResultSetMetaData meta = rows.getMetaData();
      assertThat(meta.getColumnType(1)).isEqualTo(Types.DATE);
      assertThat(meta.getColumnType(2)).isEqualTo(Types.TIME);
      while (rows.next()) {
        Date date = rows.getDate(1);
        assertThat(date.toLocalDate().getDayOfYear()).isEqualTo(1);
        assertThat(rows.getTime(2)).isNotNull();
        assertThat(rows.getInt(3)).isBetween(38, 86);
      }
    }
  }

  @Test
  void seriesPhasesAndRoiLinksAnswerAsTheGroundTruthSays() throws SQLException {
    Map<String, String> phases = new HashMap<>();
    for (List<Object> row : query("SELECT series_uid, phase FROM series WHERE modality = 'CT'")) {
      phases.put((String) row.get(0), (String) row.get(1));
    }
    for (Map<String, String> series : seriesTruth) {
      assertThat(phases.get(series.get("series_uid"))).isEqualTo(series.get("phase"));
    }
    for (Map<String, String> lesion : lesions) {
      List<List<Object>> rows = query("SELECT r.referenced_series_uid, r.phase, "
          + "s.instance_count FROM rois r JOIN series s "
          + "ON s.series_uid = r.referenced_series_uid WHERE r.rtss_uid = '"
          + lesion.get("rtss_uid") + "' AND r.roi_number = " + lesion.get("roi_number"));
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get(0)).isEqualTo(lesion.get("annotated_series_uid"));
      assertThat(rows.get(0).get(1)).isEqualTo(lesion.get("annotated_phase"));
    }
  }

  /** Each filter, pushed into the index, must select the same rows as Java does on a full scan. */
  @Test
  void pushedFiltersSelectWhatAFullScanSelects() throws SQLException {
    List<List<Object>> all = query("SELECT series_uid, phase, series_number, slice_spacing, "
        + "acquisition_time, body_part FROM series");
    Map<String, java.util.function.Predicate<List<Object>>> filters = new HashMap<>();
    filters.put("phase = 'A'", r -> "A".equals(r.get(1)));
    filters.put("phase <> 'A'", r -> r.get(1) != null && !"A".equals(r.get(1)));
    filters.put("phase IN ('A', 'D')", r -> "A".equals(r.get(1)) || "D".equals(r.get(1)));
    filters.put("phase NOT IN ('A', 'D')", r -> r.get(1) != null
        && !"A".equals(r.get(1)) && !"D".equals(r.get(1)));
    filters.put("phase IS NULL", r -> r.get(1) == null);
    filters.put("phase IS NOT NULL AND series_number >= 4", r -> r.get(1) != null
        && r.get(2) != null && (Integer) r.get(2) >= 4);
    filters.put("series_number BETWEEN 3 AND 5", r -> r.get(2) != null
        && (Integer) r.get(2) >= 3 && (Integer) r.get(2) <= 5);
    filters.put("NOT (series_number < 4) OR phase = 'N'", r -> r.get(2) != null
        && (Integer) r.get(2) >= 4 || "N".equals(r.get(1)));
    filters.put("slice_spacing > 4.5", r -> r.get(3) != null && (Double) r.get(3) > 4.5);
    filters.put("series_uid LIKE '2.25.1%'", r -> ((String) r.get(0)).startsWith("2.25.1"));
    filters.put("series_uid NOT LIKE '2.25.1%'", r -> !((String) r.get(0)).startsWith("2.25.1"));
    filters.put("body_part = 'ABDOMEN' AND acquisition_time IS NOT NULL",
        r -> "ABDOMEN".equals(r.get(5)) && r.get(4) != null);
    for (Map.Entry<String, java.util.function.Predicate<List<Object>>> filter
        : filters.entrySet()) {
      String sql = "SELECT series_uid FROM series WHERE " + filter.getKey();
      List<Object> expected = all.stream().filter(filter.getValue()).map(r -> r.get(0)).toList();
      List<Object> actual = query(sql).stream().map(r -> r.get(0)).toList();
      assertThat(actual).as(sql).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(plan(sql)).as(sql).contains("index=");
    }
  }

  @Test
  void explainShowsWhatTheIndexAnswersAndWhatIsCheckedPerRow() throws SQLException {
    String plan = plan("SELECT roi_name FROM rois WHERE phase = 'P' AND contour_count > 2");
    assertThat(plan).contains("index=[phase = 'P']").contains("filter=[>(")
        .doesNotContain("rtss_uid");
  }

  @Test
  void contourPointsExpandThePackedContours() throws SQLException {
    Map<String, String> lesion = lesions.get(0);
    String where = " WHERE rtss_uid = '" + lesion.get("rtss_uid") + "' AND roi_number = "
        + lesion.get("roi_number");
    long points = count("SELECT SUM(point_count) FROM contours" + where);
    assertThat(count("SELECT COUNT(*) FROM contour_points" + where)).isEqualTo(points);
    List<List<Object>> first = query("SELECT point_index, z FROM contour_points" + where
        + " AND contour_index = 0 ORDER BY point_index");
    List<List<Object>> contour = query("SELECT point_count, z FROM contours" + where
        + " AND contour_index = 0");
    assertThat(first).hasSize((Integer) contour.get(0).get(0));
    assertThat(first.get(0).get(1)).isEqualTo(contour.get(0).get(1));
  }

  @Test
  void attributesReadOnlyTheFilesAsked() throws SQLException {
    List<List<Object>> rows = query("SELECT tag, keyword, vr, value FROM attributes "
        + "WHERE path LIKE 'HCC_0001/401/%' AND keyword IN ('ROIName', 'Modality')");
    assertThat(rows).contains(List.of("00080060", "Modality", "CS", "RTSTRUCT"))
        .contains(List.of("30060026", "ROIName", "LO", "HCC" + lesions.get(0)
            .get("annotated_phase")));
    assertThat(plan("SELECT value FROM attributes WHERE path = 'x'")).contains("index=");
    List<List<Object>> nested = query("SELECT tag_path FROM attributes WHERE path LIKE "
        + "'HCC_0001/401/%' AND keyword = 'ContourData'");
    assertThat(nested).isNotEmpty();
    assertThat((String) nested.get(0).get(0)).matches("30060039\\[0]\\.30060040\\[0]\\.30060050");
    assertThat(query("SELECT value FROM attributes WHERE path LIKE 'HCC_0001/%' "
        + "AND keyword = 'PixelData' LIMIT 1").get(0).get(0)).isEqualTo("(2048 bytes)");
  }

  @Test
  void sqlErrorsAreOneLineWithASuggestion() {
    assertThatThrownBy(() -> query("SELECT * FROM roiz"))
        .hasMessage("line 1, column 15: table 'roiz' not found (did you mean 'rois'?)");
    assertThatThrownBy(() -> query("SELECT roi_nme FROM rois"))
        .hasMessage("line 1, column 8: column 'roi_nme' not found (did you mean 'roi_name'?)");
    assertThatThrownBy(() -> query("SELECT * FORM rois"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
            .doesNotContain("Was expecting").contains("line 1, column 15"));
    assertThatThrownBy(() -> query("SELEC 1"))
        .hasMessage("line 1, column 1: expected a query: SELECT, WITH, VALUES or EXPLAIN");
    assertThatThrownBy(() -> query("SELECT * FROM rois WHERE phase = A"))
        .hasMessage("line 1, column 34: column 'A' not found (text needs single quotes: 'A')");
    assertThatThrownBy(() -> query("SELECT roi_name FROM rois WHERE roi_name SIMILAR TO '[\\'"))
        .hasMessage("Invalid regular expression '[\\', index 2");
    assertThatThrownBy(() -> query("SELECT 1 / 0")).isInstanceOf(SQLException.class)
        .hasMessage("division by zero");
  }

  @Test
  void connectionsWorkFromManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        counts.add(pool.submit(() -> {
          try (Connection other = DriverManager.getConnection(url);
              Statement statement = other.createStatement();
              ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM instances "
                  + "WHERE modality = 'CT'")) {
            rows.next();
            return rows.getLong(1);
          }
        }));
      }
      long expected = seriesTruth.stream().mapToLong(s -> Long.parseLong(s.get("slices"))).sum();
      for (Future<Long> count : counts) {
        assertThat(count.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCancelledStatementStopsReading() throws Exception {
    try (Statement statement = connection.createStatement()) {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<Object> running = pool.submit(() -> {
          try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM attributes a "
              + "CROSS JOIN attributes b")) {
            return rows.next();
          }
        });
        Thread.sleep(500);
        statement.cancel();
        assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(Exception.class)
            .satisfies(e -> assertThat(e.getCause()).isInstanceOf(SQLException.class));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theDataFolderIsNeverWritten() throws Exception {
    Path data = tmp.resolve("data");
    long files;
    try (var walk = Files.walk(data)) {
      files = walk.count();
    }
    query("SELECT * FROM attributes WHERE path LIKE 'HCC_0002/%' LIMIT 10");
    try (var walk = Files.walk(data)) {
      assertThat(walk.count()).isEqualTo(files);
    }
  }
}
