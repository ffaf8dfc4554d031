package dicomsql.export;

import dicomsql.engine.raster.FramePlanes;
import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImagePlanes;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.PlanarContour;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an export needs to know about series, images and structure sets, asked of the JDBC
 * connection in SQL like any client would: a series' row, the series of a frame of
 * reference, a series' image geometry, a structure set's ROIs and contours.
 */
final class ExportCatalog {
  /** A series as the export sees it. */
  record Series(String seriesUid, String patientId, String frameOfReferenceUid, String phase,
      Integer seriesNumber, Integer instanceCount) {}

  /** A ROI's contours and the series it was drawn on. */
  record Roi(int roiNumber, String name, String referencedSeriesUid,
      List<PlanarContour> contours) {}

  private static final String SERIES_COLUMNS = "series_uid, patient_id, frame_of_reference_uid,"
      + " phase, series_number, instance_count";

  private final Connection connection;
  private final Path dataRoot;
  private final Map<String, Map<Integer, Roi>> structureSets = new HashMap<>();

  /** @param dataRoot the folder the connection reads, where enhanced images' frames are read */
  ExportCatalog(Connection connection, Path dataRoot) {
    this.connection = connection;
    this.dataRoot = dataRoot;
  }

  /** The series, or null when the folder has no such series. */
  Series series(String seriesUid) throws SQLException {
    List<Series> found = seriesWhere("series_uid = " + literal(seriesUid));
    return found.isEmpty() ? null : found.get(0);
  }

  /** The series of a frame of reference, by series number then UID. */
  List<Series> seriesOfFrame(String frameOfReferenceUid) throws SQLException {
    return seriesWhere("frame_of_reference_uid = " + literal(frameOfReferenceUid));
  }

  private List<Series> seriesWhere(String condition) throws SQLException {
    List<Series> list = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + SERIES_COLUMNS
            + " FROM series WHERE " + condition)) {
      while (rows.next()) {
        list.add(new Series(rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getString(4), (Integer) rows.getObject(5), (Integer) rows.getObject(6)));
      }
    }
    list.sort(Comparator.comparing(Series::seriesNumber,
        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Series::seriesUid));
    return list;
  }

  /**
   * The stack of the series' images that have a full geometry, null when none has: a plane per
   * single-frame image, and one per frame of an enhanced multi-frame image, whose geometry is in
   * its functional groups, read from the file here. A copy of an image (another file with its
   * SOP Instance UID: {@code duplicate_of} set) is left out, as the raster functions leave it.
   *
   * @throws IllegalArgumentException when an enhanced image's header cannot be read
   */
  ImageStack stack(String seriesUid) throws SQLException {
    List<ImagePlane> planes = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT sop_uid, path, rows, columns,"
            + " pixel_spacing_row, pixel_spacing_col, position_x, position_y, position_z,"
            + " orientation, slice_thickness, sop_class_uid FROM instances WHERE series_uid = "
            + literal(seriesUid) + " AND duplicate_of IS NULL")) {
      while (rows.next()) {
        ImagePlane plane = ImagePlanes.of(rows.getString(1), rows.getString(2),
            (Integer) rows.getObject(3), (Integer) rows.getObject(4),
            (Double) rows.getObject(5), (Double) rows.getObject(6), (Double) rows.getObject(7),
            (Double) rows.getObject(8), (Double) rows.getObject(9), rows.getString(10),
            (Double) rows.getObject(11));
        if (plane != null) {
          planes.add(plane);
        } else if (FramePlanes.ENHANCED_IMAGE_CLASSES.contains(rows.getString(12))) {
          planes.addAll(framePlanes(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return planes.isEmpty() ? null : ImageStack.of(planes);
  }

  private List<ImagePlane> framePlanes(String sopUid, String path) {
    try {
      return FramePlanes.read(dataRoot, sopUid, path);
    } catch (IOException e) {
      throw new IllegalArgumentException("the frames of " + path + " cannot be placed: "
          + e.getMessage(), e);
    }
  }

  /** A ROI of a structure set, or null when the folder has no such ROI. */
  Roi roi(String rtssUid, int roiNumber) throws SQLException {
    Map<Integer, Roi> rois = structureSets.get(rtssUid);
    if (rois == null) {
      rois = readStructureSet(rtssUid);
      structureSets.put(rtssUid, rois);
    }
    return rois.get(roiNumber);
  }

  private Map<Integer, Roi> readStructureSet(String rtssUid) throws SQLException {
    String where = " WHERE rtss_uid = " + literal(rtssUid);
    Map<Integer, List<PlanarContour>> contours = new HashMap<>();
    Map<List<Integer>, double[]> points = new HashMap<>();
    Map<Integer, Roi> rois = new HashMap<>();
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT roi_number, contour_index,"
          + " geometric_type, referenced_sop_uid, point_count FROM contours" + where)) {
        while (rows.next()) {
          double[] triplets = new double[3 * rows.getInt(5)];
          points.put(List.of(rows.getInt(1), rows.getInt(2)), triplets);
          contours.computeIfAbsent(rows.getInt(1), r -> new ArrayList<>()).add(
              new PlanarContour(rows.getInt(2), rows.getString(3), rows.getString(4),
                  triplets));
        }
      }
      // The points fill the arrays the contours already hold.
      try (ResultSet rows = statement.executeQuery("SELECT roi_number, contour_index,"
          + " point_index, x, y, z FROM contour_points" + where)) {
        while (rows.next()) {
          double[] triplets = points.get(List.of(rows.getInt(1), rows.getInt(2)));
          int at = 3 * rows.getInt(3);
          triplets[at] = rows.getDouble(4);
          triplets[at + 1] = rows.getDouble(5);
          triplets[at + 2] = rows.getDouble(6);
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT roi_number, roi_name,"
          + " referenced_series_uid FROM rois" + where)) {
        while (rows.next()) {
          int number = rows.getInt(1);
          List<PlanarContour> list = new ArrayList<>(contours.getOrDefault(number, List.of()));
          list.sort(Comparator.comparingInt(PlanarContour::index));
          rois.put(number, new Roi(number, rows.getString(2), rows.getString(3),
              List.copyOf(list)));
        }
      }
    }
    return rois;
  }

  /** A SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
