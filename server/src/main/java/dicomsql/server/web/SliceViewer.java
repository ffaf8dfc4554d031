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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The viewer's data: a series' images in order along their normal (the engine's
 * {@link ImageStack}, as the raster functions stack them), the other series of its study with
 * their phases, a slice rendered through a window with a ROI's outline in its display colour
 * ({@link RoiOverlay}, as {@code roi_png} draws it), and the value under a pixel. Masks come from
 * {@code roi_mask} over the series' images, so a ROI drawn on one phase is carried to another
 * phase's grid exactly as the HU functions carry it. Stacks, masks and decoded images are
 * kept, so that scrolling a series renders without reading or rasterizing again.
 */
final class SliceViewer implements AutoCloseable {
  /** A series as the viewer shows it. */
  record Series(String uid, String studyUid, String phase, String description,
      ImageStack stack) {}

  /** Another series of the same study. */
  record Phase(String seriesUid, String phase, String description) {}

  /** A ROI's name and colour. */
  record Roi(String rtssUid, int number, String name, int[] color, String seriesUid) {}

  private static final int MASK_SERIES_KEPT = 64;

  private final Connection connection;
  private final DecodedSlices images;
  private final Map<String, Series> series = new ConcurrentHashMap<>();
  /** Per ROI and series, the mask of each image of its stack (empty where it is absent). */
  private final Map<List<Object>, RoaringBitmap[]> masks = new ConcurrentHashMap<>();

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
    String phase;
    String description;
    try (PreparedStatement query = connection.prepareStatement("SELECT study_uid, phase, "
        + "series_description FROM series WHERE series_uid = ?")) {
      query.setString(1, uid);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        study = row.getString(1);
        phase = row.getString(2);
        description = row.getString(3);
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
        : new Series(uid, study, phase, description, ImageStack.of(planes));
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
        double[] color = ImagePlanes.multiValued(row.getString(2), 3);
        return new Roi(rtssUid, number, row.getString(1), color == null
            ? RoiOverlay.DEFAULT_COLOR : new int[] {(int) color[0], (int) color[1],
                (int) color[2]}, row.getString(3));
      }
    }
  }

  /** The ROI's mask on each image of the series' stack, rasterized once by the driver. */
  RoaringBitmap[] masks(Roi roi, Series on) throws SQLException {
    List<Object> key = List.of(roi.rtssUid(), roi.number(), on.uid());
    RoaringBitmap[] known = masks.get(key);
    if (known != null) {
      return known;
    }
    RoaringBitmap[] read = readMasks(roi, on);
    if (masks.size() >= MASK_SERIES_KEPT) {
      masks.clear();
    }
    masks.put(key, read);
    return read;
  }

  private synchronized RoaringBitmap[] readMasks(Roi roi, Series on) throws SQLException {
    ImageStack stack = on.stack();
    RoaringBitmap[] read = new RoaringBitmap[stack.planes().size()];
    try (PreparedStatement query = connection.prepareStatement("SELECT sop_uid, "
        + "roi_mask(?, ?, sop_uid) FROM instances WHERE series_uid = ? "
        + "AND duplicate_of IS NULL")) {
      query.setString(1, roi.rtssUid());
      query.setInt(2, roi.number());
      query.setString(3, on.uid());
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          int plane = stack.indexOf(row.getString(1));
          byte[] mask = row.getBytes(2);
          if (plane >= 0 && mask != null) {
            read[plane] = deserialize(mask);
          }
        }
      }
    }
    for (int i = 0; i < read.length; i++) {
      if (read[i] == null) {
        read[i] = new RoaringBitmap();
      }
    }
    return read;
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

  /** Slice {@code index} of the series through the window, with the ROI's outline if given. */
  byte[] png(Series on, int index, Window window, Roi roi) throws SQLException, IOException {
    DecodedImage image = images.image(on.stack().plane(index));
    RoaringBitmap mask = roi == null ? new RoaringBitmap() : masks(roi, on)[index];
    return RoiOverlay.png(image, mask, window,
        roi == null ? RoiOverlay.DEFAULT_COLOR : roi.color());
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
