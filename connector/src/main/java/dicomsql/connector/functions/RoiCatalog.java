package dicomsql.connector.functions;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexTable;
import dicomsql.engine.index.InstancePlanes;
import dicomsql.engine.index.RasterRows;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import dicomsql.engine.raster.FramePlanes;
import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImagePlanes;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.PlanarContour;
import dicomsql.engine.raster.WeighedCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the raster functions need from the index, looked up through its keys: a ROI's contours
 * and referenced series, a series' image stack and frame of reference, the series of an image.
 * Stacks are kept, since every ROI on a series needs the same one, and so are a ROI's contours,
 * since a ROI is rasterized on every series of its frame of reference: both in caches of
 * {@link RasterCaches}, within its budget, which the connections of a server share. Safe to use
 * from several threads.
 */
final class RoiCatalog {
  /** A ROI as the functions see it. */
  record Roi(String rtssUid, int roiNumber, String name, String referencedSeriesUid,
      int[] color) {}

  private static final TableDefinition R = Tables.ROIS;
  private static final TableDefinition C = Tables.CONTOURS;
  private static final TableDefinition S = Tables.SERIES;
  private static final TableDefinition I = Tables.INSTANCES;

  private final Path dataRoot;
  private final IndexTable rois;
  private final IndexTable contours;
  private final IndexTable series;
  private final IndexTable instances;
  private static final int FRAME = S.indexOf("frame_of_reference_uid");
  private static final int FRAME_WIDTH = FRAME + 1;

  /** Each series' Frame of Reference UID: asked for twice per (ROI, series) pair. */
  private final Map<String, Optional<String>> frames = new ConcurrentHashMap<>();
  private final long version;
  private final WeighedCache<Object, List<PlanarContour>> contourLists;
  private final WeighedCache<Object, ImageStack> stacks;

  RoiCatalog(DicomIndex index, RasterCaches caches) {
    this.dataRoot = index.dataRoot();
    this.version = index.version();
    this.contourLists = caches.contours;
    this.stacks = caches.stacks;
    this.rois = index.table(R.name());
    this.contours = index.table(C.name());
    this.series = index.table(S.name());
    this.instances = index.table(I.name());
  }

  /**
   * The ROI, or null when the structure set has no ROI of that number. Looked up by structure
   * set alone: the few rows it has are cheaper to check than the set of every ROI numbered 1.
   */
  Roi roi(String rtssUid, int roiNumber) {
    RoaringBitmap ids = RoaringBitmap.and(rois.equal(R.indexOf("rtss_uid"), rtssUid),
        rois.equal(R.indexOf("roi_number"), roiNumber));
    if (ids.isEmpty()) {
      return null;
    }
    Object[] row = rois.row(ids.first());
    return new Roi(rtssUid, roiNumber, (String) row[R.indexOf("roi_name")],
        (String) row[R.indexOf("referenced_series_uid")],
        color((String) row[R.indexOf("color")]));
  }

  /** The ROI's contours in file order, read from the index once while they are kept. */
  List<PlanarContour> contours(Roi roi) {
    List<Object> key = List.of(version, roi.rtssUid(), roi.roiNumber());
    List<PlanarContour> kept = contourLists.get(key);
    return kept != null ? kept : contourLists.put(key, readContours(roi));
  }

  private List<PlanarContour> readContours(Roi roi) {
    RoaringBitmap ids = RoaringBitmap.and(contours.equal(C.indexOf("rtss_uid"), roi.rtssUid()),
        contours.equal(C.indexOf("roi_number"), roi.roiNumber()));
    List<PlanarContour> list = new ArrayList<>();
    for (IntIterator id = ids.getIntIterator(); id.hasNext(); ) {
      list.add(RasterRows.contour(contours.row(id.next())));
    }
    list.sort(Comparator.comparingInt(PlanarContour::index));
    return List.copyOf(list);
  }

  /** The series' Frame of Reference UID, or null when the series is unknown or names none. */
  String frameOfReference(String seriesUid) {
    return frames.computeIfAbsent(seriesUid, this::readFrameOfReference).orElse(null);
  }

  private Optional<String> readFrameOfReference(String seriesUid) {
    RoaringBitmap ids = series.equal(S.indexOf("series_uid"), seriesUid);
    return ids.isEmpty() ? Optional.empty()
        : Optional.ofNullable((String) series.row(ids.first(), FRAME_WIDTH)[FRAME]);
  }

  /** The series of the image with this SOP Instance UID, or null. */
  String seriesOfImage(String sopUid) {
    RoaringBitmap ids = instances.equal(I.indexOf("sop_uid"), sopUid);
    if (ids.getCardinality() > 1) {
      ids = withoutCopies(ids);
    }
    return ids.isEmpty() ? null : (String) instances.row(ids.first())[I.indexOf("series_uid")];
  }

  /** The stack of the series' images that have a full geometry, or null when none has. */
  ImageStack stack(String seriesUid) {
    List<Object> key = List.of(version, seriesUid);
    ImageStack stack = stacks.get(key);
    if (stack == null) {
      stack = buildStack(seriesUid);
      if (stack != null) {
        stacks.put(key, stack);
      }
    }
    return stack;
  }

  /**
   * The planes of the series' images: one per single-frame image, one per frame of an enhanced
   * multi-frame image, whose geometry the index does not hold (it is in functional groups) and
   * is read from the file's header here, once per series while its stack is kept.
   */
  private ImageStack buildStack(String seriesUid) {
    List<ImagePlane> planes = new ArrayList<>();
    RoaringBitmap ids = withoutCopies(instances.equal(I.indexOf("series_uid"), seriesUid));
    InstancePlanes reader = new InstancePlanes(instances);
    for (IntIterator id = ids.getIntIterator(); id.hasNext(); ) {
      Object[] row = reader.row(id.next());
      ImagePlane plane = reader.plane(row);
      if (plane != null) {
        planes.add(plane);
      } else if (FramePlanes.ENHANCED_IMAGE_CLASSES.contains(row[InstancePlanes.SOP_CLASS_UID])) {
        planes.addAll(framePlanes(row));
      }
    }
    return planes.isEmpty() ? null : ImageStack.of(planes);
  }

  private List<ImagePlane> framePlanes(Object[] row) {
    String path = (String) row[InstancePlanes.PATH];
    try {
      return FramePlanes.read(dataRoot, (String) row[InstancePlanes.SOP_UID], path);
    } catch (IOException e) {
      throw new IllegalArgumentException("the frames of " + path + " cannot be placed: "
          + e.getMessage(), e);
    }
  }

  /**
   * The rows that are instances: a file that copies another's SOP Instance UID (its
   * {@code duplicate_of} is set) is neither stacked nor filled twice.
   */
  private RoaringBitmap withoutCopies(RoaringBitmap rows) {
    rows.and(instances.nulls(I.indexOf("duplicate_of")));
    return rows;
  }

  /** ROI Display Color as red, green, blue; null when absent or not three numbers. */
  private static int[] color(String text) {
    double[] values = ImagePlanes.multiValued(text, 3);
    return values == null ? null : new int[] {(int) values[0], (int) values[1], (int) values[2]};
  }
}
