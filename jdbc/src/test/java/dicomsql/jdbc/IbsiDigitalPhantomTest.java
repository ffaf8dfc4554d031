package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.math.MathContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * roi_shape and roi_first_order through SQL on the IBSI 1 digital phantom, written as DICOM
 * (see {@link IbsiDigitalPhantom}), against the IBSI's reference values and tolerances.
 *
 * <p>The reference values and tolerances are those of the IBSI 1 reference manual (Zwanenburg
 * et al., arXiv:1612.07003, chapter "Benchmarks", digital phantom column) as the IBSI's lead
 * author's own software checks them: oncoray/mirp, {@code test/ibsi_1_test.py}, function
 * {@code test_ibsi_1_digital_phantom} (commit 08efc26b5a2163209a118d525303b60bd9e778b1). The
 * comparison is the one done there: the value rounded to 3 significant digits (as the
 * reference values are given) must lie within the tolerance of the reference.
 */
class IbsiDigitalPhantomTest {
  @TempDir
  static Path tmp;
  private static Connection connection;

  @BeforeAll
  static void writePhantom() throws Exception {
    IbsiDigitalPhantom.write(tmp.resolve("data"));
    connection = DriverManager.getConnection("jdbc:dicom:" + tmp.resolve("data") + ";index="
        + tmp.resolve("index"));
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  @Test
  void theStructureSetRasterizesToExactlyThePhantomsMask() throws Exception {
    IbsiDigitalPhantom.Volume mask = IbsiDigitalPhantom.mask();
    for (int k = 0; k < mask.nz(); k++) {
      List<Object> row = QueryRows.of(connection, "SELECT roi_mask('"
          + IbsiDigitalPhantom.RTSS_UID + "', " + IbsiDigitalPhantom.ROI_NUMBER + ", '"
          + IbsiDigitalPhantom.sopUid(k) + "')").get(0);
      RoaringBitmap pixels = new RoaringBitmap();
      pixels.deserialize(ByteBuffer.wrap((byte[]) row.get(0)));
      RoaringBitmap expected = new RoaringBitmap();
      for (int j = 0; j < mask.ny(); j++) {
        for (int i = 0; i < mask.nx(); i++) {
          if (mask.at(i, j, k) != 0) {
            expected.add(j * mask.nx() + i);
          }
        }
      }
      assertThat(pixels).as("slice %d", k).isEqualTo(expected);
    }
  }

  @Test
  void morphologyIsWithinIbsiTolerances() throws Exception {
    Map<String, double[]> reference = new LinkedHashMap<>();
    // column: {IBSI reference value, tolerance}; IBSI feature code in the comment
    reference.put("volume_mesh_mm3", new double[] {556, 4}); // RNU0
    reference.put("volume_voxel_mm3", new double[] {592, 4}); // YEKZ
    reference.put("surface_area_mm2", new double[] {388, 3}); // C0JK
    reference.put("surface_to_volume", new double[] {0.698, 0.004}); // 2PR5
    reference.put("compactness1", new double[] {0.0411, 0.0003}); // SKGS
    reference.put("compactness2", new double[] {0.599, 0.004}); // BQWJ
    reference.put("sphericity", new double[] {0.843, 0.005}); // QCFX
    reference.put("max_diameter_mm", new double[] {13.1, 0.1}); // L0JK
    reference.put("major_axis_mm", new double[] {11.4, 0.1}); // TDIC
    reference.put("minor_axis_mm", new double[] {9.31, 0.06}); // P9VJ
    reference.put("least_axis_mm", new double[] {8.54, 0.05}); // 7J51
    reference.put("elongation", new double[] {0.816, 0.005}); // Q3CK
    reference.put("flatness", new double[] {0.749, 0.005}); // N17B
    assertWithinTolerance("roi_shape", "", reference);
  }

  @Test
  void intensityStatisticsAreTheReferenceValues() throws Exception {
    Map<String, double[]> reference = new LinkedHashMap<>();
    // IBSI gives these without tolerance: equal to 3 significant digits
    reference.put("mean", new double[] {2.15, 0}); // Q4LE
    reference.put("variance", new double[] {3.05, 0}); // ECT3
    reference.put("skewness", new double[] {1.08, 0}); // KE2A
    reference.put("kurtosis", new double[] {-0.355, 0}); // IPH6
    reference.put("median", new double[] {1, 0}); // Y12H
    reference.put("minimum", new double[] {1, 0}); // 1GSF
    reference.put("p10", new double[] {1, 0}); // QG58
    reference.put("p90", new double[] {4, 0}); // 8DWT
    reference.put("maximum", new double[] {6, 0}); // 84IY
    reference.put("iqr", new double[] {3, 0}); // SALO
    reference.put("mean_abs_dev", new double[] {1.55, 0}); // 4FUA
    reference.put("robust_mean_abs_dev", new double[] {1.11, 0}); // 1128
    reference.put("median_abs_dev", new double[] {1.15, 0}); // N72L
    reference.put("energy", new double[] {567, 0}); // N8CA
    reference.put("rms", new double[] {2.77, 0}); // 5ZWQ
    assertWithinTolerance("roi_first_order", "", reference);
  }

  /**
   * IBSI computes the phantom's histogram features without discretization: its values are the
   * whole numbers 1 to 6, which a bin width of 1 from the minimum leaves as they are.
   */
  @Test
  void histogramEntropyAndUniformityWithBinWidthOneAreTheReferenceValues() throws Exception {
    Map<String, double[]> reference = new LinkedHashMap<>();
    reference.put("entropy", new double[] {1.27, 0}); // TLU2
    reference.put("uniformity", new double[] {0.512, 0}); // BJ5W
    reference.put("bin_width", new double[] {1, 0});
    assertWithinTolerance("roi_first_order", ", 1", reference);
  }

  @Test
  void aBinWidthThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> QueryRows.of(connection,
        "SELECT entropy FROM TABLE(roi_first_order('" + IbsiDigitalPhantom.RTSS_UID + "', 1, "
            + "NULL, 0))")).hasMessageContaining(
                "roi_first_order: bin_width must be a positive number, not 0.0");
  }

  private static void assertWithinTolerance(String function, String moreArguments,
      Map<String, double[]> reference) throws Exception {
    List<List<Object>> rows = QueryRows.of(connection, "SELECT " + String.join(", ",
        reference.keySet()) + " FROM TABLE(" + function + "('" + IbsiDigitalPhantom.RTSS_UID
        + "', " + IbsiDigitalPhantom.ROI_NUMBER + ", '" + IbsiDigitalPhantom.SERIES_UID + "'"
        + moreArguments + "))");
    assertThat(rows).hasSize(1);
    List<String> outside = new ArrayList<>();
    int column = 0;
    for (Map.Entry<String, double[]> feature : reference.entrySet()) {
      double value = ((Number) rows.get(0).get(column++)).doubleValue();
      double rounded = new BigDecimal(value).round(new MathContext(3)).doubleValue();
      double[] expected = feature.getValue();
      if (Math.abs(rounded - expected[0]) > expected[1] + 1e-12) {
        outside.add(feature.getKey() + " = " + value + ", IBSI " + expected[0] + " ± "
            + expected[1]);
      }
    }
    assertThat(outside).isEmpty();
  }
}
