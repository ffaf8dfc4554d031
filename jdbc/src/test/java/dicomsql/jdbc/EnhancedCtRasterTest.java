package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated dataset whose CT series pydicom turned into one Enhanced CT image each (one frame
 * per classic slice, per-frame positions and rescale, shared orientation and pixel measures;
 * structure sets pointing at frames by Referenced Frame Number) measures exactly as the classic
 * slices: masks, voxel counts and every HU statistic of every ROI on every CT series.
 */
class EnhancedCtRasterTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String MEASURES = "SELECT r.roi_name, s.series_number, "
      + "roi_hu_mean(r.rtss_uid, r.roi_number, s.series_uid), "
      + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'median'), "
      + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'std'), "
      + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'min'), "
      + "roi_voxel_count(r.rtss_uid, r.roi_number), roi_volume_cc(r.rtss_uid, r.roi_number) "
      + "FROM rois r JOIN structure_sets t ON t.rtss_uid = r.rtss_uid "
      + "JOIN series s ON s.study_uid = t.study_uid AND s.modality = 'CT' ORDER BY 1, 2";
  private static final String SLICES = "SELECT r.roi_name, s.z, s.pixel_count, s.area_mm2, "
      + "s.contour_count, s.problem FROM rois r, "
      + "LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) s ORDER BY 1, 2";

  @TempDir
  static Path tmp;
  private static Path classic;
  private static Path enhanced;

  @BeforeAll
  static void generate() throws Exception {
    assumeTrue(hasPydicom(), "pydicom and numpy for " + PYTHON
        + " (Debian: python3-pydicom python3-numpy)");
    classic = tmp.resolve("classic");
    new DatasetGenerator(new SynthOptions(1, 5, 32, 12, 1)).generate(classic,
        DatasetGenerator.Listener.NONE);
    enhanced = tmp.resolve("enhanced");
    try (Stream<Path> walk = Files.walk(classic)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path target = enhanced.resolve(classic.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Path script = tmp.resolve("enhance_ct.py");
    try (InputStream in = EnhancedCtRasterTest.class.getResourceAsStream("enhance_ct.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(run(List.of(PYTHON, script.toString(), enhanced.toString())).lines())
        .hasSize(4).allSatisfy(line -> assertThat(line).endsWith("enhanced.dcm 12"));
  }

  @Test
  void enhancedImagesMeasureExactlyAsTheClassicSlices() throws SQLException {
    List<List<Object>> expected = query(classic, MEASURES);
    assertThat(expected).hasSize(4).allSatisfy(row -> assertThat(row.get(2)).isNotNull());
    assertThat(query(enhanced, MEASURES)).isEqualTo(expected);
    assertThat(query(enhanced, SLICES)).isEqualTo(query(classic, SLICES));
  }

  /**
   * The index lists a file per row, so a series of one enhanced image is one instance whose
   * geometry columns are NULL (they are in functional groups); the frames' SOP Instance UID
   * names no single image, so the per-image functions answer NULL for it.
   */
  @Test
  void anEnhancedSeriesIsOneInstanceWithoutTopLevelGeometry() throws SQLException {
    assertThat(query(enhanced, "SELECT instance_count, rows, slice_spacing, z_min FROM series "
        + "WHERE modality = 'CT'")).hasSize(4)
        .allSatisfy(row -> assertThat(row).containsExactly(1, 32, null, null));
    assertThat(query(enhanced, "SELECT roi_mask(r.rtss_uid, r.roi_number, i.sop_uid), "
        + "roi_png(r.rtss_uid, r.roi_number, i.sop_uid) FROM rois r JOIN instances i "
        + "ON i.series_uid = r.referenced_series_uid"))
        .containsExactly(Arrays.asList(null, null));
  }

  private static List<List<Object>> query(Path data, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve(data.getFileName() + "-index"))) {
      return QueryRows.of(connection, sql);
    }
  }

  private static boolean hasPydicom() throws InterruptedException {
    try {
      run(List.of(PYTHON, "-c", "import pydicom, numpy"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs a command; its standard output, or a failure with everything it printed. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    String output = new String(process.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(command + " failed: " + output + errors);
    }
    return output;
  }
}
