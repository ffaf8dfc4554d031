package dicomsql.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The de-identification audits on generated cases, which are clean but for their over-long
 * Accession Numbers (as the real release's are), plus one file written with every problem the
 * audits look for: each audit finds exactly what was planted, both as written (every file) and
 * as the quick screen its comment offers (one file per series).
 */
class AuditQueriesTest {
  /** Where the dirty file goes: a series of its own, so that the screen reads it too. */
  private static final String DIRTY = "HCC_0001/901/001.dcm";
  private static final int ACQUISITION_DATE_TIME = Tag.of(0x0008, 0x002A);
  private static final int REQUEST_ATTRIBUTES_SEQUENCE = Tag.of(0x0040, 0x0275);
  private static final int SCHEDULED_STEP_START_DATE = Tag.of(0x0040, 0x0002);
  private static final int PRIVATE_CREATOR = Tag.of(0x0009, 0x0010);
  private static final int PRIVATE_NAME = Tag.of(0x0009, 0x1001);

  @TempDir
  static Path tmp;
  private static GeneratedCases cases;
  private static Connection connection;

  @BeforeAll
  static void generateAndPlant() throws Exception {
    cases = GeneratedCases.generate(tmp, new SynthOptions(2, 7, 32, 6, 2));
    plantDirtyFile(cases.data);
    connection = cases.connect();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /**
   * A copy of a generated image in a new series, with a full date (in the header, in a DT and
   * inside a sequence), a private block at the top level and inside the sequence, an
   * institution, an over-long SH and a multi-valued CS of which one value is over-long.
   */
  private static void plantDirtyFile(Path data) throws IOException {
    Path firstSeries;
    try (Stream<Path> folders = Files.list(data.resolve("HCC_0001"))) {
      firstSeries = folders.sorted().findFirst().orElseThrow();
    }
    DataSet image = DataSet.read(firstSeries.resolve("001.dcm"));
    image.putString(Tag.SOPInstanceUID, VR.UI, "2.25.901001");
    image.putString(Tag.SeriesInstanceUID, VR.UI, "2.25.901");
    image.putInt(Tag.SeriesNumber, VR.IS, 901);
    image.putString(Tag.AcquisitionDate, VR.DA, "20190315");
    image.putString(ACQUISITION_DATE_TIME, VR.DT, "20190315101500");
    image.putString(PRIVATE_CREATOR, VR.LO, "ACME 1.0");
    image.putString(PRIVATE_NAME, VR.LO, "Doe^John");
    image.putString(Tag.InstitutionName, VR.LO, "Lakeside General Hospital");
    image.putString(Tag.StationName, VR.SH, "CT-ROOM-4-WEST-WING");
    image.putString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL_RECONSTRUCTION_2");
    DataSet request = image.addItem(REQUEST_ATTRIBUTES_SEQUENCE);
    request.putString(SCHEDULED_STEP_START_DATE, VR.DA, "20190314");
    request.putString(PRIVATE_CREATOR, VR.LO, "ACME 1.0");
    request.putString(PRIVATE_NAME, VR.LO, "Doe^John");
    Path file = data.resolve(DIRTY);
    Files.createDirectories(file.getParent());
    new DicomWriter().write(file, image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
  }

  /** The audit's rows as {@code tag_path: files}, each row's example being the dirty file. */
  private static Map<String, Object> planted(String audit, String key, boolean screen)
      throws Exception {
    String sql = CookbookQuery.load(audit);
    if (screen) {
      String commented = "\n--AND a.sop_uid IN";
      assertThat(sql).contains(commented);
      sql = sql.replace(commented, "\n  AND a.sop_uid IN");
    }
    Map<String, Object> found = new TreeMap<>();
    for (Map<String, Object> row : QueryRows.of(connection, sql)) {
      found.put((String) row.get(key), row.get("files"));
      if (!"AccessionNumber".equals(row.get("keyword"))) {
        assertThat(row.get("example_path")).as("%s", row).isEqualTo(DIRTY);
      }
    }
    return found;
  }

  @Test
  void datesFindTheFullDatesInTheHeaderADateTimeAndASequence() throws Exception {
    for (boolean screen : new boolean[] {false, true}) {
      assertThat(planted("deid-dates", "tag_path", screen)).containsExactlyInAnyOrderEntriesOf(
          Map.of("00080022", 1L, "0008002A", 1L, "00400275[0].00400002", 1L));
    }
    List<Map<String, Object>> rows = QueryRows.of(connection, CookbookQuery.load("deid-dates"));
    assertThat(rows).filteredOn(row -> row.get("tag_path").equals("00080022"))
        .singleElement().satisfies(row -> assertThat(row.get("first_value"))
            .isEqualTo("20190315"));
  }

  @Test
  void privateTagsFindBothPrivateBlocks() throws Exception {
    for (boolean screen : new boolean[] {false, true}) {
      assertThat(planted("deid-private-tags", "tag_path", screen))
          .containsExactlyInAnyOrderEntriesOf(Map.of("00090010", 1L, "00091001", 1L,
              "00400275[0].00090010", 1L, "00400275[0].00091001", 1L));
    }
  }

  @Test
  void institutionNamesFindTheHospital() throws Exception {
    for (boolean screen : new boolean[] {false, true}) {
      assertThat(planted("deid-institution-names", "value", screen))
          .containsExactlyInAnyOrderEntriesOf(Map.of("Lakeside General Hospital", 1L));
    }
  }

  /**
   * Every generated image has a 32-character Accession Number; the dirty file adds an
   * over-long SH and one over-long value of three in a CS (the other files' Image Type, four
   * short values of 33 characters in all, must not count).
   */
  @Test
  void overlongValuesFindEachValueBeyondItsVrsMaximum() throws Exception {
    Map<String, Long> accessions = overlongAccessionNumbers(cases.data);
    assertThat(accessions.get("files")).isGreaterThan(10);
    for (boolean screen : new boolean[] {false, true}) {
      assertThat(planted("deid-overlong-values", "tag_path", screen))
          .containsExactlyInAnyOrderEntriesOf(Map.of(
              "00080050", screen ? accessions.get("series") : accessions.get("files"),
              "00081010", 1L, "00080008", 1L));
    }
  }

  /**
   * Files, and series of which the first instance (lowest SOP Instance UID), with an
   * Accession Number over 16 characters: counted from the files, not through SQL.
   */
  private static Map<String, Long> overlongAccessionNumbers(Path data) throws IOException {
    ReadOptions tags = ReadOptions.onlyTags(Tag.SOPInstanceUID, Tag.AccessionNumber,
        Tag.SeriesInstanceUID);
    Map<String, String> firstOfSeries = new TreeMap<>();
    Map<String, Boolean> overlong = new TreeMap<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
        DataSet header = DataSet.read(file, tags);
        String sop = header.getString(Tag.SOPInstanceUID);
        String accession = header.getText(Tag.AccessionNumber);
        overlong.put(sop, accession != null && accession.length() > 16);
        firstOfSeries.merge(header.getString(Tag.SeriesInstanceUID), sop,
            (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    return Map.of("files", overlong.values().stream().filter(b -> b).count(),
        "series", firstOfSeries.values().stream().filter(overlong::get).count());
  }
}
