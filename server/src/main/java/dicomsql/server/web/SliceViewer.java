package dicomsql.server.web;

import dicomsql.engine.raster.DecodedImage;
import dicomsql.engine.raster.DecodedSlices;
import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImagePlanes;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.RoiOverlay;
import dicomsql.engine.raster.Window;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The viewer's data: a series' images in order along their normal (the engine's
 * {@link ImageStack}, as the raster functions stack them), the other series of its study with
 * their phases, the ROIs that can be outlined on it, a slice rendered through a window with
 * those ROIs' outlines in their colours ({@link RoiOverlay}, as {@code roi_png} draws one), and
 * the value under a pixel. Masks come from {@code roi_mask}, so a ROI drawn on one phase is
 * carried to another phase's grid exactly as the HU functions carry it, and they are kept where
 * {@code roi_mask} keeps them: per ROI and series in the server's shared raster budget. Stacks
 * and the list of ROIs of a series are kept here; decoded images in the same budget.
 */
final class SliceViewer implements AutoCloseable {
  /** A series as the viewer shows it. */
  record Series(String uid, String studyUid, String frameOfReference, String phase,
      String description, ImageStack stack) {}

  /** Another series of the same study. */
  record Phase(String seriesUid, String phase, String description) {}

  /**
   * A ROI with its name and the colour it is outlined in.
   *
   * @param seriesUid the series it was drawn on
   */
  record Roi(String rtssUid, int number, String name, int[] color, String seriesUid) {
    boolean is(String otherRtss, int otherNumber) {
      return rtssUid.equals(otherRtss) && number == otherNumber;
    }
  }

  /** A ROI that applies to a series, and the slices of the series' stack it is on. */
  record Outlined(Roi roi, int[] slices) {}

  private final Connection connection;
  private final DecodedSlices images;
  private final Map<String, Series> series = new ConcurrentHashMap<>();
  private final Map<String, List<Outlined>> outlined = new ConcurrentHashMap<>();
  /** The masks of a structure set's ROIs on one image: run for every slice drawn. */
  private PreparedStatement masksOnImage;

  SliceViewer(ConsoleSettings settings) throws SQLException {
    this.connection = settings.connect();
    // Its own key for the shared cache: a later viewer (a newer index) never gets its images.
    this.images = settings.rasterCaches().slices(settings.dataRoot(), new Object());
  }

  /** The series with its stack, or null when it has no image with a full geometry. */
  Series series(String uid) throws SQLException {
    Series known = series.get(uid);
    if (known != null) {
      return known;
    }
    Series read = readSeries(uid);
    if (read != null) {
      series.put(uid, read);
    }
    return read;
  }

  private synchronized Series readSeries(String uid) throws SQLException {
    String study;
    String frame;
    String phase;
    String description;
    try (PreparedStatement query = connection.prepareStatement("SELECT study_uid, "
        + "frame_of_reference_uid, phase, series_description FROM series "
        + "WHERE series_uid = ?")) {
      query.setString(1, uid);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        study = row.getString(1);
        frame = row.getString(2);
        phase = row.getString(3);
        description = row.getString(4);
      }
    }
    List<ImagePlane> planes = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT sop_uid, path, rows, "
        + "columns, pixel_spacing_row, pixel_spacing_col, position_x, position_y, position_z, "
        + "orientation, slice_thickness FROM instances WHERE series_uid = ? "
        + "AND duplicate_of IS NULL")) {
      query.setString(1, uid);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          ImagePlane plane = ImagePlanes.of(row.getString(1), row.getString(2),
              (Integer) row.getObject(3), (Integer) row.getObject(4),
              (Double) row.getObject(5), (Double) row.getObject(6), (Double) row.getObject(7),
              (Double) row.getObject(8), (Double) row.getObject(9), row.getString(10),
              (Double) row.getObject(11));
          if (plane != null) {
            planes.add(plane);
          }
        }
      }
    }
    return planes.isEmpty() ? null
        : new Series(uid, study, frame, phase, description, ImageStack.of(planes));
  }

  /** The image series of the study, in series number order. */
  synchronized List<Phase> phases(String studyUid) throws SQLException {
    List<Phase> phases = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT series_uid, phase, "
        + "series_description FROM series WHERE study_uid = ? AND modality <> 'RTSTRUCT' "
        + "AND rows IS NOT NULL ORDER BY series_number, series_uid")) {
      query.setString(1, studyUid);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          phases.add(new Phase(row.getString(1), row.getString(2), row.getString(3)));
        }
      }
    }
    return phases;
  }

  /** The ROI, or null. */
  synchronized Roi roi(String rtssUid, int number) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT roi_name, color, "
        + "referenced_series_uid FROM rois WHERE rtss_uid = ? AND roi_number = ?")) {
      query.setString(1, rtssUid);
      query.setInt(2, number);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        return new Roi(rtssUid, number, row.getString(1),
            OutlineColors.of(row.getString(2), number), row.getString(3));
      }
    }
  }

  /**
   * The ROIs that can be outlined on the series, by structure set and ROI number: those of its
   * study, and those drawn on a series in its frame of reference, that {@code roi_mask}
   * carries to it (the rule of the HU functions).
   */
  List<Outlined> outlined(Series on) throws SQLException {
    List<Outlined> known = outlined.get(on.uid());
    if (known != null) {
      return known;
    }
    List<Outlined> read = readOutlined(on);
    outlined.put(on.uid(), read);
    return read;
  }

  private synchronized List<Outlined> readOutlined(Series on) throws SQLException {
    ImageStack stack = on.stack();
    Map<List<Object>, Roi> rois = new TreeMap<>(Comparator
        .comparing((List<Object> key) -> (String) key.get(0))
        .thenComparing(key -> (Integer) key.get(1)));
    Map<List<Object>, RoaringBitmap> slices = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT r.rtss_uid, "
        + "r.roi_number, r.roi_name, r.color, r.referenced_series_uid, i.sop_uid, "
        + "mask_count(roi_mask(r.rtss_uid, r.roi_number, i.sop_uid)) FROM rois r "
        + "LEFT JOIN series s ON s.series_uid = r.referenced_series_uid "
        + "CROSS JOIN instances i WHERE (r.study_uid = ? OR s.frame_of_reference_uid = ?) "
        + "AND i.series_uid = ? AND i.duplicate_of IS NULL")) {
      query.setString(1, on.studyUid());
      query.setString(2, on.frameOfReference());
      query.setString(3, on.uid());
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          Object pixels = row.getObject(7);
          if (pixels == null) {
            continue; // the ROI does not apply to the series
          }
          String rtss = row.getString(1);
          int number = row.getInt(2);
          List<Object> key = List.of(rtss, number);
          if (!rois.containsKey(key)) {
            rois.put(key, new Roi(rtss, number, row.getString(3),
                OutlineColors.of(row.getString(4), number), row.getString(5)));
            slices.put(key, new RoaringBitmap());
          }
          int plane = stack.indexOf(row.getString(6));
          if (plane >= 0 && ((Number) pixels).intValue() > 0) {
            slices.get(key).add(plane);
          }
        }
      }
    }
    List<Outlined> read = new ArrayList<>();
    rois.forEach((key, roi) -> read.add(new Outlined(roi, slices.get(key).toArray())));
    return List.copyOf(read);
  }

  /**
   * Slice {@code index} of the series through the window, with the outlines of {@code rois}
   * drawn in that order (where they meet, the later shows).
   */
  byte[] png(Series on, int index, Window window, List<Roi> rois)
      throws SQLException, IOException {
    DecodedImage image = images.image(on.stack().plane(index));
    String sop = on.stack().plane(index).sopUid();
    Map<String, Map<Integer, RoaringBitmap>> masks = new HashMap<>();
    List<RoiOverlay.Outline> outlines = new ArrayList<>();
    for (Roi roi : rois) {
      Map<Integer, RoaringBitmap> ofSet = masks.get(roi.rtssUid());
      if (ofSet == null) {
        ofSet = masksOn(roi.rtssUid(), sop);
        masks.put(roi.rtssUid(), ofSet);
      }
      RoaringBitmap mask = ofSet.get(roi.number());
      if (mask != null) {
        outlines.add(new RoiOverlay.Outline(mask, roi.color()));
      }
    }
    return RoiOverlay.png(image, window, outlines);
  }

  /** The masks of the structure set's ROIs that apply to the image, by ROI number. */
  private synchronized Map<Integer, RoaringBitmap> masksOn(String rtssUid, String sopUid)
      throws SQLException {
    if (masksOnImage == null) {
      masksOnImage = connection.prepareStatement("SELECT roi_number, "
          + "roi_mask(rtss_uid, roi_number, ?) FROM rois WHERE rtss_uid = ?");
    }
    masksOnImage.setString(1, sopUid);
    masksOnImage.setString(2, rtssUid);
    Map<Integer, RoaringBitmap> masks = new HashMap<>();
    try (ResultSet row = masksOnImage.executeQuery()) {
      while (row.next()) {
        byte[] mask = row.getBytes(2);
        if (mask != null) {
          masks.put(row.getInt(1), deserialize(mask));
        }
      }
    }
    return masks;
  }

  private static RoaringBitmap deserialize(byte[] bytes) throws SQLException {
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      bitmap.deserialize(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new SQLException("roi_mask gave what is not a mask: " + e.getMessage(), e);
    }
    return bitmap;
  }

  /** The modality value (HU for CT) of a pixel of slice {@code index}. */
  float value(Series on, int index, int row, int column) throws IOException {
    DecodedImage image = images.image(on.stack().plane(index));
    if (row < 0 || column < 0 || row >= image.rows() || column >= image.columns()) {
      throw new IllegalArgumentException("pixel (" + row + ", " + column + ") is outside the "
          + image.rows() + "x" + image.columns() + " image");
    }
    return image.values()[row * image.columns() + column];
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
