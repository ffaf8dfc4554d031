package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A projection of raster calls over many rows is computed on a pool of workers, and gives what
 * the functions give one row at a time: each row's calls made again, with literal arguments, in
 * a fresh connection whose caches hold nothing.
 */
class ParallelRasterTest {
  private static final String PAIRS = "FROM rois r JOIN series s ON s.study_uid = r.study_uid "
      + "AND s.modality = 'CT' ORDER BY r.rtss_uid, r.roi_number, s.series_uid";

  @TempDir
  static Path tmp;
  private static String url;

  @BeforeAll
  static void generate() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(4, 3, 32, 12, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    url = "jdbc:dicom:" + data + ";index=" + tmp.resolve("index");
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      return QueryRows.of(connection, sql);
    }
  }

  @Test
  void projectionsOfRasterCallsOnColumnsArePlannedInParallel() throws SQLException {
    String plan = (String) query("EXPLAIN PLAN FOR SELECT roi_hu_mean(r.rtss_uid, r.roi_number,"
        + " s.series_uid) " + PAIRS).get(0).get(0);
    assertThat(plan).contains("DicomRasterProject");
    String single = (String) query("EXPLAIN PLAN FOR SELECT roi_hu_mean('1.2', 1, '1.3')")
        .get(0).get(0);
    assertThat(single).doesNotContain("DicomRasterProject");
  }

  @Test
  void everyRasterFunctionGivesInParallelWhatItGivesRowByRow() throws SQLException {
    List<List<Object>> parallel = query("SELECT r.rtss_uid, r.roi_number, s.series_uid, "
        + "roi_hu_mean(r.rtss_uid, r.roi_number, s.series_uid), "
        + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'p90'), "
        + "roi_voxel_count(r.rtss_uid, r.roi_number), roi_volume_cc(r.rtss_uid, r.roi_number) "
        + PAIRS);
    assertThat(parallel).hasSizeGreaterThan(8);
    assertThat(parallel).anySatisfy(row -> assertThat(row.get(3)).isNotNull());
    List<List<Object>> serial = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      for (List<Object> row : parallel) {
        String roi = "'" + row.get(0) + "', " + row.get(1);
        List<Object> values = new ArrayList<>(row.subList(0, 3));
        values.addAll(QueryRows.of(connection, "SELECT roi_hu_mean(" + roi + ", '"
            + row.get(2) + "'), roi_hu_stat(" + roi + ", '" + row.get(2) + "', 'p90'), "
            + "roi_voxel_count(" + roi + "), roi_volume_cc(" + roi + ")").get(0));
        serial.add(values);
      }
    }
    assertThat(parallel).isEqualTo(serial);
  }

  @Test
  void picturesAndMasksInParallelAreThoseOfOneImageAtATime() throws SQLException {
    String images = "FROM rois r JOIN instances i ON i.series_uid = r.referenced_series_uid "
        + "ORDER BY r.rtss_uid, r.roi_number, i.sop_uid";
    List<List<Object>> parallel = query("SELECT r.rtss_uid, r.roi_number, i.sop_uid, "
        + "roi_png(r.rtss_uid, r.roi_number, i.sop_uid), "
        + "roi_mask(r.rtss_uid, r.roi_number, i.sop_uid) " + images);
    assertThat(parallel).anySatisfy(row -> assertThat(row.get(4)).isNotNull());
    try (Connection connection = DriverManager.getConnection(url)) {
      for (List<Object> row : parallel) {
        String on = "'" + row.get(0) + "', " + row.get(1) + ", '" + row.get(2) + "'";
        List<Object> one = QueryRows.of(connection, "SELECT roi_png(" + on + "), roi_mask("
            + on + ")").get(0);
        assertThat(hex(row.get(3))).isEqualTo(hex(one.get(0)));
        assertThat(hex(row.get(4))).isEqualTo(hex(one.get(1)));
      }
    }
  }

  private static String hex(Object bytes) {
    return bytes == null ? null : HexFormat.of().formatHex((byte[]) bytes);
  }
}
