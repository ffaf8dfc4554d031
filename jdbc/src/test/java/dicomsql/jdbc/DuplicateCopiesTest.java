package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that share a SOP Instance UID (a copied structure set, a CT slice saved twice): the
 * copy with the smallest path is the instance, the others are listed with {@code duplicate_of}
 * and counted, keyed and filled nowhere else, across refreshes that add and delete copies.
 */
class DuplicateCopiesTest {
  @TempDir
  Path tmp;
  private Path data;
  private Map<String, String> lesion;
  private String roi;

  @BeforeEach
  void generate() throws Exception {
    data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 4, 32, 0, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    lesion = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE)).get(0);
    Files.delete(data.resolve(GroundTruth.LESIONS_FILE));
    Files.delete(data.resolve(GroundTruth.SERIES_FILE));
    roi = "'" + lesion.get("rtss_uid") + "', " + lesion.get("roi_number");
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:dicom:" + data + ";index=" + tmp.resolve("index"));
  }

  @Test
  void aCopiedStructureSetAndSliceCountOnce() throws Exception {
    String rtss = structureSetPath();
    Files.copy(data.resolve(rtss), data.resolve(rtss + ".copy"));
    String slice = aSliceOfTheAnnotatedSeries();
    Files.copy(data.resolve(slice), data.resolve(slice + ".copy"));
    try (Connection connection = connect()) {
      assertMeasuredAsTruth(connection);
      assertThat(QueryRows.of(connection, "SELECT path, duplicate_of FROM instances "
          + "WHERE duplicate_of IS NOT NULL ORDER BY path")).containsExactly(
              List.of(rtss + ".copy", rtss), List.of(slice + ".copy", slice));
      assertThat(QueryRows.of(connection, "SELECT path FROM structure_sets"))
          .containsExactly(List.of(rtss));
    }
  }

  @Test
  void deletingTheInstancePromotesItsCopyAndASmallerPathTakesOver() throws Exception {
    String rtss = structureSetPath();
    Path folder = data.resolve(rtss).getParent();
    Files.copy(data.resolve(rtss), folder.resolve("zz.dcm"));
    try (Connection connection = connect()) {
      assertMeasuredAsTruth(connection);
    }
    Files.delete(data.resolve(rtss));
    String copy = data.relativize(folder.resolve("zz.dcm")).toString();
    try (Connection connection = connect()) {
      assertMeasuredAsTruth(connection);
      assertThat(QueryRows.of(connection, "SELECT path FROM structure_sets"))
          .containsExactly(List.of(copy));
      assertThat(QueryRows.of(connection, "SELECT COUNT(*) FROM instances "
          + "WHERE duplicate_of IS NOT NULL")).containsExactly(List.of(0L));
    }
    Files.copy(folder.resolve("zz.dcm"), folder.resolve("aa.dcm"));
    Files.copy(folder.resolve("zz.dcm"), folder.resolve("mm.dcm"));
    String first = data.relativize(folder.resolve("aa.dcm")).toString();
    try (Connection connection = connect()) {
      assertMeasuredAsTruth(connection);
      assertThat(QueryRows.of(connection, "SELECT path FROM structure_sets"))
          .containsExactly(List.of(first));
      assertThat(QueryRows.of(connection, "SELECT duplicate_of, COUNT(*) FROM instances "
          + "WHERE duplicate_of IS NOT NULL GROUP BY duplicate_of"))
          .containsExactly(List.of(first, 2L));
    }
  }

  /** Volume, keys, contour points and counts as if there were no copy. */
  private void assertMeasuredAsTruth(Connection connection) throws Exception {
    assertThat(QueryRows.of(connection, "SELECT roi_voxel_count(" + roi + ")").get(0).get(0))
        .isEqualTo(Long.parseLong(lesion.get("voxel_count")));
    String phase = lesion.get("annotated_phase").toLowerCase(Locale.ROOT);
    assertThat((Double) QueryRows.of(connection, "SELECT roi_hu_mean(" + roi + ", '"
        + lesion.get("annotated_series_uid") + "')").get(0)
        .get(0)).isCloseTo(Double.parseDouble(lesion.get("mean_hu_" + phase)), within(0.5));
    assertThat(QueryRows.of(connection, "SELECT COUNT(*), COUNT(DISTINCT roi_number) FROM rois "
        + "WHERE rtss_uid = '" + lesion.get("rtss_uid") + "'").get(0))
        .containsExactly(1L, 1L);
    int contours = Integer.parseInt(lesion.get("contour_count"));
    assertThat(QueryRows.of(connection, "SELECT COUNT(*), COUNT(DISTINCT contour_index) FROM "
        + "contours").get(0)).containsExactly((long) contours, (long) contours);
    assertThat(number(connection, "SELECT COUNT(*) FROM contour_points"))
        .isEqualTo(number(connection, "SELECT SUM(point_count) FROM contours"));
    assertThat(QueryRows.of(connection, "SELECT s.instance_count, (SELECT COUNT(*) FROM "
        + "instances i WHERE i.series_uid = s.series_uid AND i.duplicate_of IS NULL) FROM "
        + "series s")).allSatisfy(row -> assertThat(((Number) row.get(0)).longValue())
            .isEqualTo(((Number) row.get(1)).longValue()));
  }

  private static long number(Connection connection, String sql) throws Exception {
    return ((Number) QueryRows.of(connection, sql).get(0).get(0)).longValue();
  }

  private String structureSetPath() throws Exception {
    return lookUp("SELECT path FROM instances WHERE sop_uid = '" + lesion.get("rtss_uid") + "'");
  }

  /** An image a contour of the ROI was drawn on. */
  private String aSliceOfTheAnnotatedSeries() throws Exception {
    return lookUp("SELECT MIN(i.path) FROM instances i JOIN contours c "
        + "ON c.referenced_sop_uid = i.sop_uid");
  }

  /** One value, from a throwaway index, to find paths before the files are copied. */
  private String lookUp(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + Files.createTempDirectory(tmp, "lookup"))) {
      return (String) QueryRows.of(connection, sql).get(0).get(0);
    }
  }
}
