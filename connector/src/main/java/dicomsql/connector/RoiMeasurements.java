package dicomsql.connector;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.raster.DecodedSlices;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.IntensityStatistics;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiRasterizer;
import dicomsql.engine.raster.RoiSampler;
import java.io.IOException;
import java.util.Objects;

/**
 * A connection's masks and HU statistics of ROIs, each computed once per (ROI, series) and kept
 * while the connection lives, within a memory budget, so that a query over every ROI, or several
 * statistics of one, neither rasterizes nor decodes twice. Safe to use from several threads:
 * the workers of {@link RasterPrefetch} fill it while a query's rows are evaluated.
 *
 * <p>A ROI applies to a series that is its referenced series or shares that series' Frame of
 * Reference; on any other series, or for an unknown ROI or series, there is no answer (null).
 */
final class RoiMeasurements {
  private record Key(String rtssUid, int roiNumber, String seriesUid) {}

  /** Bytes a kept object costs beyond its arrays: headers, references, map entries. */
  private static final long OVERHEAD = 128;

  private final RoiCatalog catalog;
  private final DecodedSlices slices;
  private final WeighedCache<Key, RoiMasks> masks;
  private final WeighedCache<Key, IntensityStatistics> statistics;

  RoiMeasurements(DicomIndex index) {
    this.catalog = new RoiCatalog(index);
    long budget = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    this.slices = new DecodedSlices(index.dataRoot(), budget);
    this.masks = new WeighedCache<>(budget / 4, RoiMeasurements::bytes);
    this.statistics = new WeighedCache<>(budget / 4, kept -> OVERHEAD + 4L * kept.count());
  }

  /** What a ROI's masks take in memory. */
  private static long bytes(RoiMasks masks) {
    long bytes = OVERHEAD;
    for (RoiMasks.Slice slice : masks.slices()) {
      bytes += OVERHEAD + slice.mask().getLongSizeInBytes();
    }
    return bytes;
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
  RoiMasks masks(String rtssUid, int roiNumber, String seriesUid) {
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
    return masks.put(key, RoiRasterizer.rasterize(catalog.contours(roi), stack));
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
  IntensityStatistics statistics(String rtssUid, int roiNumber, String seriesUid)
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
    return statistics.put(key,
        new IntensityStatistics(RoiSampler.sample(rasterized, slices)));
  }
}
