package dicomsql.spark;

import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.RasterRows;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import dicomsql.engine.raster.DecodedSlices;
import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.IntensityStatistics;
import dicomsql.engine.raster.PlanarContour;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiRasterizer;
import dicomsql.engine.raster.RoiSampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code roi_measurements} table: one row per ROI and CT series of its study that the ROI
 * applies to (its referenced series, or one sharing that series' frame of reference), with the
 * ROI's voxel count and volume on its referenced series ({@code roi_voxel_count},
 * {@code roi_volume_cc}) and the HU statistics inside it on that series ({@code roi_hu_stat}),
 * computed by the engine's raster code exactly as those functions compute them. A series whose
 * pixels cannot be read (a truncated slice under the mask) gives NULL statistics and, in
 * {@code hu_error}, the error the embedded {@code roi_hu_stat} fails that one call with, rather
 * than failing the whole job. This class measures one study, on the executor that holds its
 * rows.
 */
final class RoiMeasurementRows {
  static final List<String> COLUMNS;
  static final List<ColumnType> TYPES;

  static {
    List<String> names = new ArrayList<>(List.of("rtss_uid", "roi_number", "roi_name",
        "study_uid", "patient_id", "referenced_series_uid", "series_uid", "modality", "phase",
        "voxel_count", "volume_cc"));
    List<ColumnType> types = new ArrayList<>(List.of(ColumnType.VARCHAR, ColumnType.INTEGER,
        ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR,
        ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.BIGINT,
        ColumnType.DOUBLE));
    for (String stat : IntensityStatistics.STATS) {
      names.add("hu_" + stat);
      types.add(ColumnType.DOUBLE);
    }
    names.add("hu_error");
    types.add(ColumnType.VARCHAR);
    COLUMNS = List.copyOf(names);
    TYPES = List.copyOf(types);
  }

  private static final TableDefinition I = Tables.INSTANCES;
  private static final TableDefinition C = Tables.CONTOURS;
  private static final int PATH = I.indexOf("path");
  private static final int SERIES_UID = I.indexOf("series_uid");
  /** Decoded slices kept per study while it is measured. */
  private static final long SLICES_KEPT = 64L << 20;

  private RoiMeasurementRows() {}

  /**
   * The rows of one study's ROIs. {@code work} are the ROIs with the series each is measured on
   * (see {@link Measurements}); {@code instances} the instance rows of those series and of
   * the ROIs' referenced series; {@code contours} the contour rows of the ROIs' structure sets.
   */
  static List<Object[]> measure(Path root, List<Measurements.RoiWork> work,
      List<Object[]> instances, List<Object[]> contours) {
    Map<String, List<ImagePlane>> planes = new HashMap<>();
    List<Object[]> inPathOrder = new ArrayList<>(instances);
    inPathOrder.sort(Comparator.comparing(row -> (String) row[PATH]));
    for (Object[] instance : inPathOrder) {
      ImagePlane plane = RasterRows.plane(instance);
      if (plane != null) {
        planes.computeIfAbsent((String) instance[SERIES_UID], s -> new ArrayList<>()).add(plane);
      }
    }
    Map<String, ImageStack> stacks = new HashMap<>();
    planes.forEach((series, list) -> stacks.put(series, ImageStack.of(list)));
    DecodedSlices slices = new DecodedSlices(root, SLICES_KEPT);
    List<Object[]> rows = new ArrayList<>();
    for (Measurements.RoiWork roi : work) {
      List<PlanarContour> outline = outline(roi, contours);
      ImageStack referenced = stacks.get(roi.referencedSeriesUid());
      RoiMasks onReferenced = referenced == null ? null
          : RoiRasterizer.rasterize(outline, referenced);
      for (Object[] series : roi.series()) {
        String uid = (String) series[0];
        ImageStack stack = stacks.get(uid);
        RoiMasks masks = uid.equals(roi.referencedSeriesUid()) ? onReferenced
            : stack == null ? null : RoiRasterizer.rasterize(outline, stack);
        IntensityStatistics statistics = null;
        String error = null;
        try {
          statistics = masks == null ? null
              : new IntensityStatistics(RoiSampler.sample(masks, slices));
        } catch (IOException e) {
          error = "roi_hu_stat: " + e.getMessage();
        }
        rows.add(row(roi, series, onReferenced, statistics, error));
      }
    }
    return rows;
  }

  /** The ROI's contours in file order, as the connector's catalogue reads them. */
  private static List<PlanarContour> outline(Measurements.RoiWork roi, List<Object[]> contours) {
    List<PlanarContour> outline = new ArrayList<>();
    for (Object[] contour : contours) {
      if (roi.rtssUid().equals(contour[0])
          && Integer.valueOf(roi.roiNumber()).equals(contour[C.indexOf("roi_number")])) {
        outline.add(RasterRows.contour(contour));
      }
    }
    outline.sort(Comparator.comparingInt(PlanarContour::index));
    return outline;
  }

  private static Object[] row(Measurements.RoiWork roi, Object[] series, RoiMasks referenced,
      IntensityStatistics statistics, String error) {
    Object[] row = new Object[COLUMNS.size()];
    row[0] = roi.rtssUid();
    row[1] = roi.roiNumber();
    row[2] = roi.name();
    row[3] = roi.studyUid();
    row[4] = roi.patientId();
    row[5] = roi.referencedSeriesUid();
    row[6] = series[0];
    row[7] = series[Tables.SERIES.indexOf("modality")];
    row[8] = series[Tables.SERIES.indexOf("phase")];
    row[9] = referenced == null ? null : referenced.voxelCount();
    row[10] = referenced == null ? null : finite(referenced.volumeCc());
    for (int k = 0; k < IntensityStatistics.STATS.size(); k++) {
      row[11 + k] = statistics == null ? null
          : finite(statistics.value(IntensityStatistics.STATS.get(k)));
    }
    row[COLUMNS.size() - 1] = error;
    return row;
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
