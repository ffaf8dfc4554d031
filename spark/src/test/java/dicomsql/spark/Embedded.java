package dicomsql.spark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The embedded engine's answer to a query, through its JDBC driver, as rows of values. */
final class Embedded {
  /** roi_measurements as the embedded SQL functions give it. */
  static final String ROI_MEASUREMENTS = roiMeasurements();

  private Embedded() {}

  private static String roiMeasurements() {
    StringBuilder stats = new StringBuilder();
    for (String stat : List.of("mean", "std", "min", "max", "median", "p10", "p90")) {
      stats.append(", roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, '").append(stat)
          .append("')");
    }
    return "SELECT r.rtss_uid, r.roi_number, r.roi_name, r.study_uid, r.patient_id, "
        + "r.referenced_series_uid, s.series_uid, s.modality, s.phase, "
        + "roi_voxel_count(r.rtss_uid, r.roi_number), "
        + "roi_volume_cc(r.rtss_uid, r.roi_number)" + stats
        + ", CAST(NULL AS VARCHAR) AS hu_error"
        + " FROM rois r JOIN series ref ON ref.series_uid = r.referenced_series_uid"
        + " JOIN series s ON s.study_uid = r.study_uid AND s.modality = 'CT'"
        + " AND (s.series_uid = ref.series_uid"
        + " OR s.frame_of_reference_uid = ref.frame_of_reference_uid)";
  }

  static List<List<Object>> query(Path data, Path index, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(
            "jdbc:dicom:" + data + ";index=" + index);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int k = 1; k <= columns; k++) {
          row.add(result.getObject(k));
        }
        rows.add(row);
      }
      return LocalSpark.sorted(rows);
    }
  }
}
