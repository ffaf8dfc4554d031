package dicomsql.connector.functions;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.raster.DecodedSlices;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.IntensityStatistics;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiRasterizer;
import dicomsql.engine.raster.RoiSampler;
import dicomsql.engine.raster.WeighedCache;
import java.io.IOException;
import java.util.Objects;

/**
 * A connection's masks and HU statistics of ROIs, each computed once per (ROI, series) and kept
 * in its {@link RasterCaches} (which other connections may share), within their budget, so
 * that a query over every ROI, or several statistics of one, neither rasterizes nor decodes
 * twice. Safe to use from several threads:
 * the workers of {@link RasterPrefetch} fill it while a query's rows are evaluated.
 *
 * <p>A ROI applies to a series that is its referenced series or shares that series' Frame of
 * Reference; on any other series, or for an unknown ROI or series, there is no answer (null).
 */
public final class RoiMeasurements {
  private record Key(long version, String rtssUid, int roiNumber, String seriesUid) {}

  private final long version;
  private final RoiCatalog catalog;
  private final DecodedSlices slices;
  private final WeighedCache<Object, RoiMasks> masks;
  private final WeighedCache<Object, IntensityStatistics> statistics;

  public RoiMeasurements(DicomIndex index, RasterCaches caches) {
    this.version = index.version();
    this.catalog = new RoiCatalog(index, caches);
    this.slices = new DecodedSlices(index.dataRoot(), caches.images, version);
    this.masks = caches.masks;
    this.statistics = caches.statistics;
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
    Key key = new Key(version, rtssUid, roiNumber, series);
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
    Key key = new Key(version, rtssUid, roiNumber, seriesUid);
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
