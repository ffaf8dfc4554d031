package dicomsql.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The statements of the serve benchmark, drawn with a fixed seed from the dataset's own keys:
 * selective lookups (one series, one image), aggregates over whole tables, and a raster
 * function on one ROI, mixed 6 : 3 : 1.
 */
final class ServeWorkload {
  /** What a statement is, for latencies reported apart. */
  enum Kind { SELECTIVE, AGGREGATE, RASTER }

  record Query(Kind kind, String sql) {}

  private static final String[] AGGREGATES = {
      "SELECT phase, COUNT(*) AS n FROM series GROUP BY phase ORDER BY phase",
      "SELECT modality, COUNT(*) AS n, SUM(file_size) AS bytes FROM instances "
          + "GROUP BY modality ORDER BY modality",
      "SELECT p.sex, COUNT(DISTINCT s.series_uid) AS n FROM patients p JOIN series s "
          + "ON s.patient_id = p.patient_id GROUP BY p.sex ORDER BY p.sex",
      "SELECT roi_name, COUNT(*) AS n FROM rois GROUP BY roi_name ORDER BY n DESC, roi_name"};

  private final List<String> series = new ArrayList<>();
  private final List<String[]> images = new ArrayList<>();
  private final List<String[]> rois = new ArrayList<>();

  /** Reads the keys the statements pick from. */
  ServeWorkload(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery(
          "SELECT series_uid FROM series WHERE modality = 'CT' ORDER BY series_uid")) {
        while (rows.next()) {
          series.add(rows.getString(1));
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT series_uid, instance_number "
          + "FROM instances WHERE modality = 'CT' AND instance_number = 10 "
          + "ORDER BY series_uid")) {
        while (rows.next()) {
          images.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
      try (ResultSet rows = statement.executeQuery(
          "SELECT rtss_uid, roi_number FROM rois ORDER BY rtss_uid, roi_number")) {
        while (rows.next()) {
          rois.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
    }
    if (series.isEmpty() || images.isEmpty() || rois.isEmpty()) {
      throw new IllegalStateException("the dataset has no CT series, images or ROIs");
    }
  }

  /** The selective lookup of one series, with its UID as the parameter. */
  static final String LOOKUP = "SELECT series_uid, patient_id, phase, series_description, "
      + "instance_count FROM series WHERE series_uid = ?";

  /** The UIDs of the CT series, for {@link #LOOKUP}. */
  List<String> seriesUids() {
    return List.copyOf(series);
  }

  /** A client's statements: the same for the same client number. */
  List<Query> statements(int client, int count) {
    Random random = new Random(1000L + client);
    List<Query> queries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(10);
      if (pick < 3) {
        String uid = series.get(random.nextInt(series.size()));
        queries.add(new Query(Kind.SELECTIVE, "SELECT series_uid, patient_id, phase, "
            + "series_description, instance_count FROM series WHERE series_uid = '" + uid
            + "'"));
      } else if (pick < 6) {
        String[] image = images.get(random.nextInt(images.size()));
        queries.add(new Query(Kind.SELECTIVE, "SELECT sop_uid, path, file_size FROM instances "
            + "WHERE series_uid = '" + image[0] + "' AND instance_number = " + image[1]));
      } else if (pick < 9) {
        queries.add(new Query(Kind.AGGREGATE, AGGREGATES[random.nextInt(AGGREGATES.length)]));
      } else {
        String[] roi = rois.get(random.nextInt(rois.size()));
        queries.add(new Query(Kind.RASTER, "SELECT roi_volume_cc(rtss_uid, roi_number) AS cc, "
            + "roi_voxel_count(rtss_uid, roi_number) AS voxels FROM rois WHERE rtss_uid = '"
            + roi[0] + "' AND roi_number = " + roi[1]));
      }
    }
    return queries;
  }
}
