package dicomsql.connector.functions;

import dicomsql.connector.DicomSchema;
import dicomsql.engine.raster.DecodedImage;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.IntensityStatistics;
import dicomsql.engine.raster.PlanarContour;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiOverlay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.schema.SchemaPlus;
import org.roaringbitmap.RoaringBitmap;

/**
 * The raster functions of the SQL contract, as the generated code calls them: each takes the
 * query's {@link DataContext} first and finds the connection's {@link RoiMeasurements} through
 * it. Arguments that name nothing, or a ROI on a series outside its frame of reference, give
 * null; pixel data that cannot be decoded and unknown statistics are errors naming the function.
 */
public final class RasterFunctions {
  private static final double[] AXIAL_NORMAL = {0, 0, 1};

  private RasterFunctions() {}

  /** The measurements of the dicom schema a query runs in. */
  static RoiMeasurements measurements(DataContext root) {
    SchemaPlus rootSchema = root.getRootSchema();
    if (rootSchema != null) {
      // The driver registers it as "dicom"; an application may have used another name.
      DicomSchema dicom = dicomSchema(rootSchema.getSubSchema("dicom"));
      if (dicom != null) {
        return dicom.measurements();
      }
      for (String name : rootSchema.getSubSchemaNames()) {
        dicom = dicomSchema(rootSchema.getSubSchema(name));
        if (dicom != null) {
          return dicom.measurements();
        }
      }
    }
    throw new IllegalStateException("the raster functions need a dicom schema");
  }

  private static DicomSchema dicomSchema(SchemaPlus schema) {
    try {
      return schema == null ? null : schema.unwrap(DicomSchema.class);
    } catch (ClassCastException e) {
      return null;
    }
  }

  public static ByteString roiMask(DataContext root, String rtssUid, Integer roiNumber,
      String sopUid) {
    ImageMask image = onImage(measurements(root), rtssUid, roiNumber, sopUid);
    return image == null ? null : new ByteString(serialize(image.mask()));
  }

  /** Pixels in a mask from {@code roi_mask}. */
  public static Integer maskCount(ByteString mask) {
    if (mask == null) {
      return null;
    }
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      bitmap.deserialize(new DataInputStream(new ByteArrayInputStream(mask.getBytes())));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "mask_count: the argument is not a mask from roi_mask (a serialized RoaringBitmap)");
    }
    return bitmap.getCardinality();
  }

  public static Long roiVoxelCount(DataContext root, String rtssUid, Integer roiNumber) {
    RoiMasks masks = measurements(root).masks(rtssUid, roiNumber, null);
    return masks == null ? null : masks.voxelCount();
  }

  public static Double roiVolumeCc(DataContext root, String rtssUid, Integer roiNumber) {
    RoiMasks masks = measurements(root).masks(rtssUid, roiNumber, null);
    return masks == null ? null : finite(masks.volumeCc());
  }

  public static Double roiHuMean(DataContext root, String rtssUid, Integer roiNumber,
      String seriesUid) {
    return statistic("roi_hu_mean", root, rtssUid, roiNumber, seriesUid, "mean");
  }

  public static Double roiHuStat(DataContext root, String rtssUid, Integer roiNumber,
      String seriesUid, String stat) {
    if (!IntensityStatistics.STATS.contains(stat.strip().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("roi_hu_stat: stat '" + stat + "' is not one of "
          + String.join(", ", IntensityStatistics.STATS));
    }
    return statistic("roi_hu_stat", root, rtssUid, roiNumber, seriesUid, stat);
  }

  private static Double statistic(String function, DataContext root, String rtssUid,
      int roiNumber, String seriesUid, String stat) {
    try {
      IntensityStatistics statistics =
          measurements(root).statistics(rtssUid, roiNumber, seriesUid);
      return statistics == null ? null : finite(statistics.value(stat));
    } catch (IOException e) {
      throw new IllegalArgumentException(function + ": " + e.getMessage(), e);
    }
  }

  public static ByteString roiPng(DataContext root, String rtssUid, Integer roiNumber,
      String sopUid) {
    RoiMeasurements measurements = measurements(root);
    ImageMask on = onImage(measurements, rtssUid, roiNumber, sopUid);
    if (on == null) {
      return null;
    }
    try {
      DecodedImage image = measurements.slices().image(on.masks().stack().plane(on.plane()));
      int[] color = measurements.catalog().roi(rtssUid, roiNumber).color();
      return new ByteString(RoiOverlay.png(image, on.mask(), null,
          color == null ? RoiOverlay.DEFAULT_COLOR : color));
    } catch (IOException e) {
      throw new IllegalArgumentException("roi_png: " + e.getMessage(), e);
    }
  }

  /** A ROI rasterized on the stack of an image, and that image's index in the stack. */
  record ImageMask(RoiMasks masks, int plane) {
    RoaringBitmap mask() {
      return masks.mask(plane);
    }
  }

  /** The ROI on an image, or null when the image is not one the ROI applies to. */
  static ImageMask onImage(RoiMeasurements measurements, String rtssUid,
      int roiNumber, String sopUid) {
    String series = measurements.catalog().seriesOfImage(sopUid);
    RoiMasks masks = series == null ? null : measurements.masks(rtssUid, roiNumber, series);
    int plane = masks == null ? -1 : masks.stack().indexOf(sopUid);
    return plane < 0 ? null : new ImageMask(masks, plane);
  }

  /**
   * One row per image the ROI touches on its referenced series, then one per contour that lies
   * on none or is left out, ordered by position: sop_uid, z, pixel_count, area_mm2,
   * contour_count, problem.
   */
  static List<Object[]> slices(DataContext root, String rtssUid, Integer roiNumber) {
    if (rtssUid == null || roiNumber == null) {
      return List.of();
    }
    RoiMeasurements measurements = measurements(root);
    RoiMasks masks = measurements.masks(rtssUid, roiNumber, null);
    if (masks == null) {
      return unplaceable(measurements.catalog(), rtssUid, roiNumber);
    }
    List<Object[]> rows = new ArrayList<>();
    for (RoiMasks.Slice slice : masks.slices()) {
      rows.add(new Object[] {slice.plane().sopUid(), slice.position(), slice.pixelCount(),
          slice.areaMm2(), slice.contours(), null});
    }
    for (ImageStack.Placement problem : masks.unplaced()) {
      rows.add(new Object[] {null, finite(problem.position()), null, null, 1,
          problem.problem()});
    }
    rows.sort(Comparator.comparing((Object[] row) -> (Double) row[1],
        Comparator.nullsLast(Comparator.naturalOrder())));
    return rows;
  }

  /**
   * For a ROI that has no images to lie on, a row per contour saying why, at the contour's
   * mean z; none for a ROI that does not exist.
   */
  private static List<Object[]> unplaceable(RoiCatalog catalog, String rtssUid, int roiNumber) {
    RoiCatalog.Roi roi = catalog.roi(rtssUid, roiNumber);
    if (roi == null) {
      return List.of();
    }
    String why = roi.referencedSeriesUid() == null
        ? "the ROI is linked to no series (no contour image, referenced series or frame of "
            + "reference matched one)"
        : "its series " + roi.referencedSeriesUid() + " has no images with a position, "
            + "orientation and spacing in the data folder";
    List<Object[]> rows = new ArrayList<>();
    for (PlanarContour contour : catalog.contours(roi)) {
      rows.add(new Object[] {null, finite(contour.positionAlong(AXIAL_NORMAL)), null, null, 1,
          "contour " + contour.index() + " lies on no image: " + why});
    }
    return rows;
  }

  private static byte[] serialize(RoaringBitmap mask) {
    mask.runOptimize();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(mask.serializedSizeInBytes());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      mask.serialize(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
