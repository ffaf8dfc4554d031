package dicomsql.connector;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.raster.DecodedSlices;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.IntensityStatistics;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiRasterizer;
import dicomsql.engine.raster.RoiSampler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A connection's masks and HU statistics of ROIs, each computed once per (ROI, series) and kept
 * while the connection lives, so that a query over every ROI, or several statistics of one,
 * neither rasterizes nor decodes twice.
 *
 * <p>A ROI applies to a series that is its referenced series or shares that series' Frame of
 * Reference; on any other series, or for an unknown ROI or series, there is no answer (null).
 */
final class RoiMeasurements {
  private record Key(String rtssUid, int roiNumber, String seriesUid) {}

  private static final int MASKS_KEPT = 4096;
  private static final long VALUES_KEPT = 16L << 20;

  private final RoiCatalog catalog;
  private final DecodedSlices slices;
  private final Map<Key, RoiMasks> masks = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<Key, IntensityStatistics> statistics =
      new LinkedHashMap<>(64, 0.75f, true);
  private long valuesHeld;

  RoiMeasurements(DicomIndex index) {
    this.catalog = new RoiCatalog(index);
    long budget = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    this.slices = new DecodedSlices(index.dataRoot(), budget);
  }

  RoiCatalog catalog() {
    return catalog;
  }

  DecodedSlices slices() {
    return slices;
  }

  /**
   * The ROI rasterized on a series ({@code null} series: its referenced one), or null when the
   * ROI is unknown, has no referenced series, or does not apply to the series.
   */
  synchronized RoiMasks masks(String rtssUid, int roiNumber, String seriesUid) {
    RoiCatalog.Roi roi = catalog.roi(rtssUid, roiNumber);
    if (roi == null || roi.referencedSeriesUid() == null) {
      return null;
    }
    String series = seriesUid == null ? roi.referencedSeriesUid() : seriesUid;
    Key key = new Key(rtssUid, roiNumber, series);
    RoiMasks cached = masks.get(key);
    if (cached != null || !applies(roi, series)) {
      return cached;
    }
    ImageStack stack = catalog.stack(series);
    if (stack == null) {
      return null;
    }
    RoiMasks rasterized = RoiRasterizer.rasterize(catalog.contours(roi), stack);
    masks.put(key, rasterized);
    if (masks.size() > MASKS_KEPT) {
      masks.remove(masks.keySet().iterator().next());
    }
    return rasterized;
  }

  /** Whether a ROI can be rasterized on a series: its own, or one in the same frame. */
  private boolean applies(RoiCatalog.Roi roi, String seriesUid) {
    if (seriesUid.equals(roi.referencedSeriesUid())) {
      return true;
    }
    String frame = catalog.frameOfReference(roi.referencedSeriesUid());
    return frame != null && Objects.equals(frame, catalog.frameOfReference(seriesUid));
  }

  /** Statistics of the modality values inside the ROI on a series, or null as for masks. */
  synchronized IntensityStatistics statistics(String rtssUid, int roiNumber, String seriesUid)
      throws IOException {
    Key key = new Key(rtssUid, roiNumber, seriesUid);
    IntensityStatistics cached = statistics.get(key);
    if (cached != null) {
      return cached;
    }
    RoiMasks rasterized = masks(rtssUid, roiNumber, seriesUid);
    if (rasterized == null) {
      return null;
    }
    IntensityStatistics computed = new IntensityStatistics(RoiSampler.sample(rasterized, slices));
    statistics.put(key, computed);
    valuesHeld += computed.count();
    var eldest = statistics.entrySet().iterator();
    while (valuesHeld > VALUES_KEPT && statistics.size() > 1) {
      valuesHeld -= eldest.next().getValue().count();
      eldest.remove();
    }
    return computed;
  }
}
