package dicomsql.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.index.DicomIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every table read through Spark (local[2]) equals, row for row, the embedded index built over
 * the same generated data root: file-level tables read by executors, derived tables from the
 * distributed derivation, with copies, a damaged file and a README in the tree.
 */
class DicomTablesTest {
  @TempDir
  static Path temp;
  private static Path data;
  private static DicomIndex index;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws IOException {
    data = TestData.generate(temp.resolve("data"));
    index = TestData.index(data, temp.resolve("index"), null);
    spark = LocalSpark.session();
  }

  @AfterAll
  static void tearDown() {
    index.close();
  }

  private static Dataset<Row> read(String table) {
    return spark.read().format("dicom").option("table", table).load(data.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"instances", "contours", "scan_errors", "series", "studies",
      "patients", "structure_sets", "rois"})
  void storedTablesEqualTheIndex(String table) {
    List<List<Object>> expected = TestData.rows(index, ContractTable.named(table));
    assertThat(expected).isNotEmpty();
    assertThat(LocalSpark.rows(read(table))).isEqualTo(LocalSpark.sorted(expected));
  }

  @Test
  void contourPointsAreTheIndexContoursPoints() {
    List<List<Object>> expected = TestData.contourPoints(index);
    assertThat(expected).isNotEmpty();
    assertThat(LocalSpark.rows(read("contour_points"))).isEqualTo(LocalSpark.sorted(expected));
  }

  @Test
  void attributesEqualTheEmbeddedTable() throws SQLException {
    assertThat(LocalSpark.rows(read("attributes")))
        .isEqualTo(Embedded.query(data, temp.resolve("index"), "SELECT * FROM attributes"));
  }

  @Test
  void attributesOfOneFileOpenOnlyThatFile() throws SQLException {
    String path = "0000-copies/slice.dcm";
    Dataset<Row> one = read("attributes").where("path = '" + path + "' AND tag = '00280010'");
    assertThat(one.queryExecution().executedPlan().toString())
        .contains("WHERE path = '" + path + "' AND tag = '00280010'");
    assertThat(LocalSpark.rows(one)).hasSize(1).isEqualTo(Embedded.query(data,
        temp.resolve("index"), "SELECT * FROM attributes WHERE path = '" + path
            + "' AND tag = '00280010'"));
  }

  @Test
  void roiMeasurementsEqualTheEmbeddedFunctions() throws SQLException {
    List<List<Object>> expected = Embedded.query(data, temp.resolve("index"),
        Embedded.ROI_MEASUREMENTS);
    assertThat(expected).hasSizeGreaterThan(2).allMatch(row -> row.get(11) != null);
    assertThat(LocalSpark.rows(read("roi_measurements"))).isEqualTo(expected);
  }

  @Test
  void copiesAndDamageAreThereAsInTheIndex() {
    assertThat(read("instances").where("duplicate_of IS NOT NULL").count()).isEqualTo(2);
    assertThat(read("scan_errors").where("path = 'zzzz-extra/damaged.dcm'").count())
        .isEqualTo(1);
  }

  @Test
  void prunedColumnsAreTheColumnsAskedFor() {
    Dataset<Row> pruned = read("instances").select("sop_uid", "position_z");
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : TestData.rows(index, ContractTable.INSTANCES)) {
      expected.add(java.util.Arrays.asList(row.get(2), row.get(17)));
    }
    assertThat(pruned.queryExecution().optimizedPlan().output().size()).isEqualTo(2);
    assertThat(LocalSpark.rows(pruned)).isEqualTo(LocalSpark.sorted(expected));
  }

  @Test
  void catalogAnswersSqlOverTheTables() {
    spark.conf().set("spark.sql.catalog.dicom", DicomCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.dicom.path", data.toString());
    int phase = ContractTable.ROIS.indexOf("phase");
    List<List<Object>> rois = TestData.rows(index, ContractTable.ROIS);
    Object drawnOn = rois.get(0).get(phase);
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> roi : rois) {
      if (drawnOn.equals(roi.get(phase))) {
        expected.add(List.of(roi.get(0), roi.get(1)));
      }
    }
    assertThat(LocalSpark.rows(spark.sql(
        "SELECT rtss_uid, roi_number FROM dicom.rois WHERE phase = '" + drawnOn + "'")))
        .isEqualTo(LocalSpark.sorted(expected));
    assertThat(LocalSpark.rows(spark.sql("SHOW TABLES IN dicom").select("tableName")))
        .contains(List.of("attributes"), List.of("contour_points"));
  }

  @Test
  void timesAreIsoTextWhereTheSessionHasNoTimeType() {
    int time = ContractTable.SERIES.indexOf("acquisition_time");
    List<Object> expected = new ArrayList<>();
    for (List<Object> series : TestData.rows(index, ContractTable.SERIES)) {
      expected.add(series.get(time) == null ? null
          : java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(
              (java.time.LocalTime) series.get(time)));
    }
    spark.conf().set(SparkValues.TIME_TYPE, "false");
    try {
      List<Object> actual = new ArrayList<>();
      for (Row row : read("series").select("acquisition_time").collectAsList()) {
        actual.add(row.get(0));
      }
      assertThat(actual).containsExactlyInAnyOrderElementsOf(expected).contains((Object) null)
          .anyMatch(value -> value instanceof String);
    } finally {
      spark.conf().set(SparkValues.TIME_TYPE, "true");
    }
  }

  @Test
  void phaseRulesFileDecidesAsInTheEmbeddedEngine() throws IOException {
    Path rules = temp.resolve("rules.txt");
    Files.writeString(rules, "D abdomen\nD liver\nD abd\nA arterial\nP portal\n");
    try (DicomIndex ruled = TestData.index(data, temp.resolve("ruled-index"), rules)) {
      List<List<Object>> expected = TestData.rows(ruled, ContractTable.SERIES);
      assertThat(expected).isNotEqualTo(TestData.rows(index, ContractTable.SERIES));
      assertThat(LocalSpark.rows(spark.read().format("dicom").option("table", "series")
          .option("phaseRules", rules.toString()).load(data.toString())))
          .isEqualTo(LocalSpark.sorted(expected));
    }
  }
}
