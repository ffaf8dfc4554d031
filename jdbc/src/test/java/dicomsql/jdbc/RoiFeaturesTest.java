package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * roi_shape and roi_first_order through SQL on generated lesions: their counts and volumes are
 * the generator's ground truth, their statistics those of roi_hu_stat on the same voxels.
 */
class RoiFeaturesTest {
  @TempDir
  static Path tmp;
  private static List<Map<String, String>> lesions;
  private static Connection connection;

  @BeforeAll
  static void generate() throws Exception {
    connection = SmallDataset.connect(tmp, new SynthOptions(3, 11, 96, 0, 2));
    lesions = GroundTruth.read(SmallDataset.data(tmp).resolve(GroundTruth.LESIONS_FILE));
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  @Test
  void shapeVolumesAreTheGroundTruthAndTheShapesAreCompact() throws Exception {
    assertThat(lesions).isNotEmpty();
    Map<String, List<Object>> shapes = new HashMap<>();
    for (List<Object> row : QueryRows.of(connection, "SELECT r.rtss_uid || '/' || r.roi_number,"
        + " s.voxel_count, s.volume_voxel_mm3, s.volume_mesh_mm3, s.sphericity,"
        + " s.max_diameter_mm, s.elongation FROM rois r, LATERAL TABLE(roi_shape(r.rtss_uid,"
        + " r.roi_number, r.referenced_series_uid)) s")) {
      shapes.put((String) row.get(0), row.subList(1, row.size()));
    }
    for (Map<String, String> lesion : lesions) {
      List<Object> row = shapes.get(lesion.get("rtss_uid") + "/" + lesion.get("roi_number"));
      assertThat(row.get(0)).isEqualTo(Long.parseLong(lesion.get("voxel_count")));
      double volume = Double.parseDouble(lesion.get("volume_cc")) * 1000;
      // the truth's volume is rounded to 0.0001 cc
      assertThat((Double) row.get(1)).isCloseTo(volume, within(0.1));
      assertThat((Double) row.get(2)).isCloseTo(volume, within(0.3 * volume));
      assertThat((Double) row.get(3)).isBetween(0.3, 1.0);
      assertThat((Double) row.get(4)).isPositive();
      assertThat((Double) row.get(5)).isBetween(0.0, 1.0);
    }
  }

  @Test
  void firstOrderStatisticsAreThoseOfTheSameVoxels() throws Exception {
    String roi = "r.rtss_uid, r.roi_number";
    List<List<Object>> rows = QueryRows.of(connection, "SELECT f.voxel_count, f.mean, f.p10,"
        + " f.median, f.variance, roi_hu_mean(" + roi + ", s.series_uid), roi_hu_stat(" + roi
        + ", s.series_uid, 'p10'), roi_hu_stat(" + roi + ", s.series_uid, 'median'),"
        + " roi_hu_stat(" + roi + ", s.series_uid, 'std'), f.entropy, f.bin_width"
        + " FROM rois r JOIN series s ON s.patient_id = r.patient_id AND s.modality = 'CT',"
        + " LATERAL TABLE(roi_first_order(" + roi + ", s.series_uid)) f");
    assertThat(rows).hasSizeGreaterThan(lesions.size());
    for (List<Object> row : rows) {
      assertThat((Long) row.get(0)).isPositive();
      assertThat((Double) row.get(1)).isCloseTo((Double) row.get(5), within(1e-6));
      assertThat((Double) row.get(2)).isCloseTo((Double) row.get(6), within(1e-6));
      assertThat((Double) row.get(3)).isCloseTo((Double) row.get(7), within(1e-6));
      double std = (Double) row.get(8);
      assertThat((Double) row.get(4)).isCloseTo(std * std, within(1e-6 * (1 + std * std)));
      assertThat((Double) row.get(9)).isNotNegative();
      assertThat(row.get(10)).isEqualTo(25.0);
    }
  }
}
