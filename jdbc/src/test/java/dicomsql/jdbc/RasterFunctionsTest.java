package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raster functions through SQL on a generated dataset, against the generator's ground
 * truth: voxel counts exact, HU means per phase within 0.5 HU.
 */
class RasterFunctionsTest {
  @TempDir
  static Path tmp;
  private static List<Map<String, String>> lesions;
  private static Connection connection;

  @BeforeAll
  static void generate() throws Exception {
    connection = SmallDataset.connect(tmp, new SynthOptions(6, 11, 96, 0, 2));
    lesions = GroundTruth.read(SmallDataset.data(tmp).resolve(GroundTruth.LESIONS_FILE));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    return QueryRows.of(connection, sql);
  }

  private static Object one(String sql) throws SQLException {
    return query(sql).get(0).get(0);
  }

  private static String roiKey(Map<String, String> lesion) {
    return "'" + lesion.get("rtss_uid") + "', " + lesion.get("roi_number");
  }

  @Test
  void voxelCountsAndVolumesAreTheGroundTruths() throws SQLException {
    assertThat(lesions).hasSizeGreaterThan(3);
    for (Map<String, String> lesion : lesions) {
      List<Object> row = query("SELECT roi_voxel_count(" + roiKey(lesion) + "), "
          + "ROI_VOLUME_CC(" + roiKey(lesion) + ")").get(0);
      assertThat(row.get(0)).as(lesion.toString())
          .isEqualTo(Long.parseLong(lesion.get("voxel_count")));
      assertThat((Double) row.get(1)).isCloseTo(Double.parseDouble(lesion.get("volume_cc")),
          within(1e-4));
    }
  }

  @Test
  void huMeansOnEveryPhaseAreTheGroundTruths() throws SQLException {
    int compared = 0;
    for (Map<String, String> lesion : lesions) {
      for (List<Object> row : query("SELECT s.phase, roi_hu_mean(" + roiKey(lesion)
          + ", s.series_uid), (SELECT SUM(mask_count(roi_mask(" + roiKey(lesion)
          + ", i.sop_uid))) FROM instances i WHERE i.series_uid = s.series_uid) "
          + "FROM series s WHERE s.study_uid = '" + lesion.get("study_uid")
          + "' AND s.modality = 'CT'")) {
        String phase = ((String) row.get(0)).toLowerCase(Locale.ROOT);
        String mean = lesion.get("mean_hu_" + phase);
        if (mean.isEmpty()) {
          assertThat(row.get(1)).as("no voxels on %s", phase).isNull();
          continue;
        }
        assertThat((Double) row.get(1)).as("%s on %s", lesion.get("rtss_uid"), phase)
            .isCloseTo(Double.parseDouble(mean), within(0.5));
        assertThat(((Number) row.get(2)).longValue())
            .isEqualTo(Long.parseLong(lesion.get("voxels_" + phase)));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(lesions.size() * 2);
  }

  @Test
  void statisticsAreOrderedAndTheMeanIsRoiHuMean() throws SQLException {
    Map<String, String> lesion = lesions.get(0);
    String on = roiKey(lesion) + ", '" + lesion.get("annotated_series_uid") + "'";
    List<Object> row = query("SELECT roi_hu_stat(" + on + ", 'min'), roi_hu_stat(" + on
        + ", 'p10'), roi_hu_stat(" + on + ", 'median'), roi_hu_stat(" + on + ", 'p90'), "
        + "roi_hu_stat(" + on + ", 'MAX'), roi_hu_stat(" + on + ", 'std'), "
        + "roi_hu_stat(" + on + ", 'mean'), roi_hu_mean(" + on + ")").get(0);
    for (int i = 0; i < 4; i++) {
      assertThat((Double) row.get(i)).isLessThanOrEqualTo((Double) row.get(i + 1));
    }
    assertThat((Double) row.get(5)).isPositive();
    assertThat(row.get(6)).isEqualTo(row.get(7));
    assertThatThrownBy(() -> query("SELECT roi_hu_stat(" + on + ", 'avg')"))
        .isInstanceOf(SQLException.class)
        .hasMessage("roi_hu_stat: stat 'avg' is not one of mean, std, min, max, median, p10,"
            + " p90");
  }

  @Test
  void roiSlicesListsEachOutlinedImage() throws SQLException {
    for (Map<String, String> lesion : lesions) {
      List<List<Object>> slices = query("SELECT sop_uid, z, pixel_count, area_mm2, "
          + "contour_count, problem FROM TABLE(roi_slices(" + roiKey(lesion) + "))");
      assertThat(slices).hasSize(Integer.parseInt(lesion.get("contour_count")));
      long pixels = 0;
      for (List<Object> slice : slices) {
        assertThat(slice.get(0)).isNotNull();
        assertThat(slice.get(5)).isNull();
        pixels += (Integer) slice.get(2);
        assertThat((Double) slice.get(3)).isPositive();
      }
      assertThat(pixels).isEqualTo(Long.parseLong(lesion.get("voxel_count")));
    }
    List<List<Object>> joined = query("SELECT c.z, x.z FROM rois r, "
        + "LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x JOIN contours c "
        + "ON c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number "
        + "AND c.referenced_sop_uid = x.sop_uid");
    assertThat(joined).hasSize(lesions.stream()
        .mapToInt(l -> Integer.parseInt(l.get("contour_count"))).sum());
    for (List<Object> row : joined) {
      assertThat((Double) row.get(1)).isCloseTo((Double) row.get(0), within(1e-6));
    }
  }

  @Test
  void pngShowsTheImageWithTheOutlineInTheRoiColour() throws Exception {
    Map<String, String> lesion = lesions.get(0);
    List<Object> row = query("SELECT roi_png(" + roiKey(lesion) + ", x.sop_uid), i.rows, "
        + "i.columns, x.pixel_count, r.color FROM TABLE(roi_slices(" + roiKey(lesion) + ")) x "
        + "JOIN instances i ON i.sop_uid = x.sop_uid JOIN rois r ON r.rtss_uid = '"
        + lesion.get("rtss_uid") + "' AND r.roi_number = " + lesion.get("roi_number")
        + " ORDER BY x.pixel_count DESC LIMIT 1").get(0);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream((byte[]) row.get(0)));
    assertThat(image.getHeight()).isEqualTo(row.get(1));
    assertThat(image.getWidth()).isEqualTo(row.get(2));
    String[] rgb = ((String) row.get(4)).split("\\\\");
    int color = Integer.parseInt(rgb[0]) << 16 | Integer.parseInt(rgb[1]) << 8
        | Integer.parseInt(rgb[2]);
    int outline = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == color) {
          outline++;
        }
      }
    }
    assertThat(outline).isPositive().isLessThan((Integer) row.get(3));
  }

  @Test
  void namesThatMatchNothingGiveNull() throws SQLException {
    Map<String, String> lesion = lesions.get(0);
    Map<String, String> other = lesions.stream()
        .filter(l -> !l.get("study_uid").equals(lesion.get("study_uid"))).findFirst().get();
    List<Object> row = query("SELECT roi_voxel_count('1.2.3', 1), roi_volume_cc("
        + roiKey(lesion).replace(", " + lesion.get("roi_number"), ", 99") + "), "
        + "roi_hu_mean(" + roiKey(lesion) + ", '" + other.get("annotated_series_uid") + "'), "
        + "roi_mask(" + roiKey(lesion) + ", '9.9.9'), mask_count(roi_mask(" + roiKey(lesion)
        + ", NULL)), roi_png(" + roiKey(lesion) + ", '9.9.9')").get(0);
    assertThat(row).containsOnlyNulls();
  }

  @Test
  void anImageTheRoiMissesHasAnEmptyMask() throws SQLException {
    Map<String, String> lesion = lesions.get(0);
    Object count = one("SELECT MIN(mask_count(roi_mask(" + roiKey(lesion) + ", sop_uid))) "
        + "FROM instances WHERE series_uid = '" + lesion.get("annotated_series_uid") + "'");
    assertThat(count).isEqualTo(0);
  }

  @Test
  void aMaskIsAPortableRoaringBitmap() throws Exception {
    Map<String, String> lesion = lesions.get(0);
    List<Object> row = query("SELECT roi_mask(" + roiKey(lesion) + ", x.sop_uid), "
        + "x.pixel_count FROM TABLE(roi_slices(" + roiKey(lesion) + ")) x LIMIT 1").get(0);
    org.roaringbitmap.RoaringBitmap mask = new org.roaringbitmap.RoaringBitmap();
    mask.deserialize(java.nio.ByteBuffer.wrap((byte[]) row.get(0)));
    assertThat(mask.getCardinality()).isEqualTo(row.get(1));
    assertThatThrownBy(() -> query("SELECT x.sop_uid FROM TABLE(roi_slices("
        + "(SELECT MIN(rtss_uid) FROM rois), 1)) x"))
        .isInstanceOf(SQLException.class)
        .hasMessage("a table function's arguments cannot be subqueries; join it instead, e.g. "
            + "FROM rois r, LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x");
    assertThatThrownBy(() -> query("SELECT mask_count(x'0102')"))
        .isInstanceOf(SQLException.class)
        .hasMessage("mask_count: the argument is not a mask from roi_mask (a serialized "
            + "RoaringBitmap)");
  }
}
