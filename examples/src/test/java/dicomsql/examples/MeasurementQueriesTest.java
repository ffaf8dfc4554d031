package dicomsql.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cookbook's ROI measurements against the generator's ground truth: voxel counts exact,
 * volumes to the truth file's four decimals, the mean HU on every phase within 0.5 HU.
 */
class MeasurementQueriesTest {
  private static GeneratedCases cases;
  private static Connection connection;

  @BeforeAll
  static void connect() throws Exception {
    cases = GeneratedCases.shared();
    connection = cases.connect();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** The query's rows by ROI, {@code rtss_uid/roi_number}, each ROI once. */
  private static Map<String, Map<String, Object>> byRoi(String query) throws Exception {
    List<Map<String, Object>> rows = QueryRows.of(connection, CookbookQuery.load(query));
    Map<String, Map<String, Object>> byRoi = new HashMap<>();
    for (Map<String, Object> row : rows) {
      byRoi.put(row.get("rtss_uid") + "/" + row.get("roi_number"), row);
    }
    assertThat(byRoi).hasSameSizeAs(rows).hasSameSizeAs(cases.lesions);
    return byRoi;
  }

  private static Map<String, Object> rowOf(Map<String, Map<String, Object>> byRoi,
      Map<String, String> lesion) {
    Map<String, Object> row = byRoi.get(lesion.get("rtss_uid") + "/" + lesion.get("roi_number"));
    assertThat(row).as("row of %s", lesion).isNotNull();
    assertThat(row.get("case_name")).isEqualTo(lesion.get("case"));
    assertThat(row.get("roi_name")).isEqualTo(lesion.get("roi_name"));
    assertThat(row.get("drawn_on")).isEqualTo(lesion.get("annotated_phase"));
    return row;
  }

  @Test
  void roiVolumesAreTheGroundTruths() throws Exception {
    Map<String, Map<String, Object>> byRoi = byRoi("roi-volumes");
    for (Map<String, String> lesion : cases.lesions) {
      Map<String, Object> row = rowOf(byRoi, lesion);
      assertThat(row.get("voxels")).isEqualTo(Long.parseLong(lesion.get("voxel_count")));
      assertThat((Double) row.get("volume_cc"))
          .isCloseTo(Double.parseDouble(lesion.get("volume_cc")), within(1e-4));
    }
  }

  @Test
  void lesionEnhancementGivesTheTrueMeanHuOfEveryPhase() throws Exception {
    Map<String, Map<String, Object>> byRoi = byRoi("lesion-enhancement");
    int compared = 0;
    for (Map<String, String> lesion : cases.lesions) {
      Map<String, Object> row = rowOf(byRoi, lesion);
      for (String phase : List.of("n", "a", "p", "d")) {
        String truth = lesion.get("mean_hu_" + phase);
        if (truth.isEmpty()) {
          assertThat(row.get("hu_" + phase)).as("%s has no %s series", lesion, phase).isNull();
        } else {
          assertThat((Double) row.get("hu_" + phase)).as("hu_%s of %s", phase, lesion)
              .isCloseTo(Double.parseDouble(truth), within(0.5));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(3 * cases.lesions.size());
  }

  /**
   * The flags follow from the true means by the query's thresholds, and they tell the
   * generator's patterns apart: its HCC lesions enhance and wash out, the others do not.
   */
  @Test
  void lesionEnhancementFlagsHccAndOnlyHcc() throws Exception {
    Map<String, Map<String, Object>> byRoi = byRoi("lesion-enhancement");
    Map<Boolean, Integer> seen = new HashMap<>();
    for (Map<String, String> lesion : cases.lesions) {
      Map<String, Object> row = rowOf(byRoi, lesion);
      Double n = mean(lesion, "n");
      Double a = mean(lesion, "a");
      Boolean hyper = n == null || a == null ? null : a - n >= 40;
      Boolean washes = or(below(lesion, "p", a), below(lesion, "d", a));
      Boolean hcc = and(hyper, washes);
      assertThat(row.get("hyper_enhancing")).as("%s", lesion).isEqualTo(hyper);
      assertThat(row.get("washes_out")).as("%s", lesion).isEqualTo(washes);
      assertThat(row.get("hcc_pattern")).as("%s", lesion).isEqualTo(hcc);
      if (hcc != null) {
        assertThat(hcc).as("%s", lesion).isEqualTo(lesion.get("pattern").equals("hcc"));
        seen.merge(hcc, 1, Integer::sum);
      }
    }
    assertThat(seen).containsOnlyKeys(true, false);
  }

  private static Double mean(Map<String, String> lesion, String phase) {
    String text = lesion.get("mean_hu_" + phase.toLowerCase(Locale.ROOT));
    return text.isEmpty() ? null : Double.valueOf(text);
  }

  /** Whether the phase's mean is at least 10 HU below the arterial one; null if unknown. */
  private static Boolean below(Map<String, String> lesion, String phase, Double arterial) {
    Double value = mean(lesion, phase);
    return value == null || arterial == null ? null : value <= arterial - 10;
  }

  /** SQL's OR: true if either is, false if both are, else unknown. */
  private static Boolean or(Boolean x, Boolean y) {
    if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
      return true;
    }
    return x == null || y == null ? null : false;
  }

  /** SQL's AND: false if either is, true if both are, else unknown. */
  private static Boolean and(Boolean x, Boolean y) {
    if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
      return false;
    }
    return x == null || y == null ? null : true;
  }
}
