package dicomsql.engine.index;

import static dicomsql.engine.index.TestData.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class DicomIndexTest {
  @TempDir
  static Path tmp;
  private static Path data;
  private static List<Map<String, String>> lesions;
  private static List<Map<String, String>> seriesTruth;
  private static Map<String, FileTime> before;
  private static DicomIndex index;

  @BeforeAll
  static void build() throws IOException {
    data = TestData.generate(tmp.resolve("data"), 6, 3, 32, 8);
    lesions = TestData.takeTruth(data, "truth.csv");
    seriesTruth = TestData.takeTruth(data, "truth_series.csv");
    Files.writeString(data.resolve("README.txt"), "not data");
    Files.writeString(data.resolve("HCC_0001/junk.dcm"), "this is not DICOM at all");
    byte[] ct = Files.readAllBytes(data.resolve("HCC_0002/" + firstSeries("2") + "/001.dcm"));
    Files.write(data.resolve("HCC_0002/truncated.dcm"), Arrays.copyOf(ct, ct.length - 100));
    Files.write(data.resolve("HCC_0002/cut-in-header.dcm"), Arrays.copyOf(ct, 700));
    before = snapshot(data);
    index = DicomIndex.open(data, IndexOptions.defaults().withFolder(tmp.resolve("index")));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static String firstSeries(String caseNumber) {
    return seriesTruth.stream().filter(r -> r.get("case").equals(caseNumber))
        .map(r -> r.get("series_number")).findFirst().orElseThrow();
  }

  private static Map<String, FileTime> snapshot(Path root) throws IOException {
    Map<String, FileTime> times = new HashMap<>();
    for (Path file : TestData.files(root)) {
      times.put(root.relativize(file).toString(), Files.getLastModifiedTime(file));
    }
    return times;
  }

  @Test
  void buildsOnFirstOpen() {
    assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
  }

  @Test
  void holdsARowForEveryPatientStudySeriesAndInstance() throws IOException {
    long images = seriesTruth.stream().mapToLong(r -> Long.parseLong(r.get("slices"))).sum();
    assertThat(index.table("patients").size()).isEqualTo(6);
    assertThat(index.table("studies").size()).isEqualTo(6);
    assertThat(index.table("series").size()).isEqualTo(seriesTruth.size() + 6);
    // Plus truncated.dcm: its header is whole (a copy of a slice, so counted in no series).
    assertThat(index.table("instances").size()).isEqualTo((int) images + 6 + 1);
    assertThat(index.table("structure_sets").size()).isEqualTo(6);
    assertThat(index.table("rois").size()).isEqualTo(lesions.size());
    assertThat(index.table("contours").size()).isEqualTo(
        lesions.stream().mapToInt(r -> Integer.parseInt(r.get("contour_count"))).sum());
  }

  @Test
  void decidesEverySeriesPhaseAsTheGeneratorMeantIt() {
    Map<String, String> expected = seriesTruth.stream()
        .collect(Collectors.toMap(r -> r.get("series_uid"), r -> r.get("phase")));
    TableDefinition s = Tables.SERIES;
    for (Object[] row : TestData.rows(index, "series")) {
      String uid = (String) value(row, s, "series_uid");
      if (value(row, s, "modality").equals("RTSTRUCT")) {
        assertThat(value(row, s, "phase")).isNull();
      } else {
        assertThat(value(row, s, "phase")).as(uid).isEqualTo(expected.get(uid));
        assertThat((String) value(row, s, "phase_source")).isNotNull();
      }
    }
  }

  @Test
  void derivesSeriesValuesFromTheirInstances() {
    Map<String, Map<String, String>> truth = seriesTruth.stream()
        .collect(Collectors.toMap(r -> r.get("series_uid"), r -> r));
    TableDefinition s = Tables.SERIES;
    for (Object[] row : TestData.rows(index, "series")) {
      Map<String, String> expected = truth.get((String) value(row, s, "series_uid"));
      if (expected == null) {
        continue;
      }
      assertThat(value(row, s, "instance_count")).isEqualTo(8);
      assertThat(value(row, s, "rows")).isEqualTo(32);
      assertThat(value(row, s, "columns")).isEqualTo(32);
      assertThat(value(row, s, "slice_spacing")).isEqualTo(5.0);
      assertThat(value(row, s, "slice_thickness")).isEqualTo(5.0);
      assertThat((Double) value(row, s, "z_max") - (Double) value(row, s, "z_min"))
          .isEqualTo(35.0);
      assertThat(value(row, s, "series_description"))
          .isEqualTo(expected.get("series_description"));
      assertThat(value(row, s, "series_number"))
          .isEqualTo(Integer.parseInt(expected.get("series_number")));
      assertThat(value(row, s, "acquisition_time")).isNotNull();
    }
  }

  @Test
  void derivesStudiesAndPatientsFromTheirSeries() {
    for (Object[] row : TestData.rows(index, "studies")) {
      TableDefinition t = Tables.STUDIES;
      assertThat(((LocalDate) value(row, t, "study_date")).getDayOfYear()).isEqualTo(1);
      assertThat((String) value(row, t, "patient_age")).matches("0\\d\\dY");
      assertThat(value(row, t, "age_years")).isEqualTo(
          Integer.parseInt(((String) value(row, t, "patient_age")).substring(0, 3)));
      assertThat((String) value(row, t, "accession_number")).hasSize(32);
      assertThat((Integer) value(row, t, "series_count")).isBetween(3, 5);
    }
    for (Object[] row : TestData.rows(index, "patients")) {
      TableDefinition p = Tables.PATIENTS;
      assertThat((String) value(row, p, "patient_id")).matches("[0-9a-f]{32}");
      assertThat((String) value(row, p, "patient_name")).matches("[1-6]");
      assertThat(value(row, p, "study_count")).isEqualTo(1);
    }
  }

  @Test
  void linksEveryRoiToTheSeriesItWasDrawnOn() {
    TableDefinition r = Tables.ROIS;
    Map<String, Map<String, String>> truth = lesions.stream().collect(Collectors.toMap(
        l -> l.get("rtss_uid") + "/" + l.get("roi_number"), l -> l));
    for (Object[] row : TestData.rows(index, "rois")) {
      Map<String, String> expected = truth.get(value(row, r, "rtss_uid") + "/"
          + value(row, r, "roi_number"));
      assertThat(value(row, r, "roi_name")).isEqualTo(expected.get("roi_name"));
      assertThat(value(row, r, "referenced_series_uid"))
          .isEqualTo(expected.get("annotated_series_uid"));
      assertThat(value(row, r, "reference_source")).isEqualTo("contour-image");
      assertThat(value(row, r, "phase")).isEqualTo(expected.get("annotated_phase"));
      assertThat(value(row, r, "interpreted_type")).isEqualTo("ORGAN");
      assertThat(value(row, r, "generation_algorithm")).isEqualTo("MANUAL");
      assertThat(value(row, r, "contour_count"))
          .isEqualTo(Integer.parseInt(expected.get("contour_count")));
    }
  }

  @Test
  void keepsEachContoursPointsPackedWithTheirPlane() {
    TableDefinition c = Tables.CONTOURS;
    for (Object[] row : TestData.rows(index, "contours")) {
      double[] points = (double[]) value(row, c, "points");
      assertThat(points).hasSize(3 * (Integer) value(row, c, "point_count"));
      assertThat(points[2]).isEqualTo((Double) value(row, c, "z"));
      assertThat(value(row, c, "geometric_type")).isEqualTo("CLOSED_PLANAR");
      assertThat(value(row, c, "referenced_sop_uid")).isNotNull();
    }
  }

  @Test
  void unreadableFilesBecomeScanErrorsAndTheRestIsIndexed() {
    Map<String, String> errors = TestData.rows(index, "scan_errors").stream().collect(
        Collectors.toMap(row -> (String) row[0], row -> (String) row[1]));
    assertThat(errors).containsOnlyKeys("HCC_0001/junk.dcm", "HCC_0002/truncated.dcm",
        "HCC_0002/cut-in-header.dcm");
    assertThat(errors.get("HCC_0001/junk.dcm")).startsWith("not a DICOM file");
    assertThat(errors.get("HCC_0002/truncated.dcm"))
        .matches("truncated at byte \\d+ inside \\(7FE0,0010\\)");
    assertThat(errors.get("HCC_0002/cut-in-header.dcm")).startsWith("truncated at byte 700");
  }

  @Test
  void pixelDataCutShortKeepsTheHeaderIndexedAndIsReported() {
    IndexTable instances = index.table("instances");
    RoaringBitmap rows = instances.equal(Tables.INSTANCES.indexOf("path"),
        "HCC_0002/truncated.dcm");
    assertThat(rows.getCardinality()).isEqualTo(1);
    Object[] row = instances.row(rows.first());
    assertThat(value(row, Tables.INSTANCES, "rows")).isEqualTo(32);
    assertThat(value(row, Tables.INSTANCES, "duplicate_of"))
        .isEqualTo("HCC_0002/" + firstSeries("2") + "/001.dcm");
    assertThat(index.table("scan_errors").equal(Tables.SCAN_ERRORS.indexOf("path"),
        "HCC_0002/truncated.dcm").getCardinality()).isEqualTo(1);
  }

  @Test
  void answersEqualityRangesPrefixesAndNullsFromItsIndexes() {
    IndexTable instances = index.table("instances");
    TableDefinition i = Tables.INSTANCES;
    Object[] some = instances.row(instances.all().first());
    RoaringBitmap bySop = instances.equal(i.indexOf("sop_uid"), value(some, i, "sop_uid"));
    assertThat(bySop.getCardinality()).isEqualTo(1);
    RoaringBitmap ct = instances.equal(i.indexOf("modality"), "CT");
    assertThat(ct.getCardinality()).isEqualTo(instances.size() - 6);
    RoaringBitmap below = instances.range(i.indexOf("position_z"), null, false, 0.0, true);
    for (int id : instances.all()) {
      Double z = (Double) value(instances.row(id), i, "position_z");
      assertThat(below.contains(id)).isEqualTo(z != null && z <= 0.0);
    }
    RoaringBitmap firstCase = instances.prefix(i.indexOf("path"), "HCC_0001/");
    assertThat(firstCase.getCardinality()).isGreaterThan(20);
    assertThat(instances.nulls(i.indexOf("position_z")).getCardinality()).isEqualTo(6);
    IndexTable series = index.table("series");
    RoaringBitmap arterial = series.equal(Tables.SERIES.indexOf("phase"), "A");
    long expected = seriesTruth.stream().filter(r -> r.get("phase").equals("A")).count();
    assertThat((long) arterial.getCardinality()).isEqualTo(expected);
  }

  @Test
  void neverWritesToTheDataFolder() throws IOException {
    assertThat(snapshot(data)).isEqualTo(before);
  }

  @Test
  void refusesAnIndexFolderInsideTheDataFolder() {
    assertThatThrownBy(() -> DicomIndex.open(data,
        IndexOptions.defaults().withFolder(data.resolve("idx"))))
        .isInstanceOf(IOException.class).hasMessageContaining("inside the data folder");
    assertThat(data.resolve("idx")).doesNotExist();
  }

  @Test
  void refusesAnIndexFolderInsideTheDataFolderWhateverLinksLeadThere() throws IOException {
    Path into = Files.createSymbolicLink(tmp.resolve("into-data"), data.resolve("HCC_0001"));
    Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), data.resolve("idx"));
    Path dataLink = Files.createSymbolicLink(tmp.resolve("data-link"), data);
    String refusal = "is inside the data folder " + data.toRealPath();
    for (Path folder : List.of(into.resolve("idx"), dangling)) {
      assertThatThrownBy(() -> DicomIndex.open(data,
          IndexOptions.defaults().withFolder(folder))).hasMessageContaining(refusal);
    }
    assertThatThrownBy(() -> DicomIndex.open(dataLink,
        IndexOptions.defaults().withFolder(data.resolve("idx")))).hasMessageContaining(refusal);
    assertThat(data.resolve("idx")).doesNotExist();
    assertThat(data.resolve("HCC_0001/idx")).doesNotExist();
  }

  @Test
  void aMissingDataFolderIsAClearError() {
    assertThatThrownBy(() -> DicomIndex.open(tmp.resolve("nowhere"), IndexOptions.defaults()
        .withFolder(tmp.resolve("idx-nowhere"))))
        .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
  }
}
