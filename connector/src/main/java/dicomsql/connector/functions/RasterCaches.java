package dicomsql.connector.functions;

import dicomsql.engine.raster.KeptPixels;
import dicomsql.engine.raster.DecodedSlices;
import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.IntensityStatistics;
import dicomsql.engine.raster.PlanarContour;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.WeighedCache;
import java.nio.file.Path;
import java.util.List;

/**
 * What the raster functions keep between calls (decoded images, ROI masks, series' image
 * stacks, HU statistics, ROI contours) within one budget of bytes: half for images (and
 * compressed multi-frame files read whole, see {@link DecodedSlices}), a quarter for masks, an
 * eighth for stacks, a sixteenth each for statistics and contours. A connection has its own
 * unless it is given one (the driver's
 * connection property {@code dicomsql.rasterCaches}): {@code dicomsql serve} gives all its
 * connections the same, so that together they stay within one budget however many run raster
 * functions. Entries are keyed by the version of the index they were derived from
 * ({@link dicomsql.engine.index.DicomIndex#version()}), so connections reading the same version
 * share them and none is served another version's. Safe to use from several threads.
 */
public final class RasterCaches {
  /** Bytes a kept object costs beyond its arrays: headers, references, map entries. */
  private static final long OVERHEAD = 128;
  /** The default budget's ceiling, whatever the heap. */
  private static final long LARGEST_DEFAULT = 512L << 20;

  private final long budget;
  final WeighedCache<Object, KeptPixels> images;
  final WeighedCache<Object, RoiMasks> masks;
  final WeighedCache<Object, IntensityStatistics> statistics;
  final WeighedCache<Object, List<PlanarContour>> contours;
  final WeighedCache<Object, ImageStack> stacks;

  public RasterCaches(long budget) {
    this.budget = budget;
    this.images = DecodedSlices.images(budget / 2);
    this.masks = new WeighedCache<>(budget / 4, RasterCaches::bytes);
    this.statistics = new WeighedCache<>(budget / 16, kept -> OVERHEAD + 4L * kept.count());
    this.contours = new WeighedCache<>(budget / 16, RasterCaches::contourBytes);
    this.stacks = new WeighedCache<>(budget / 8, RasterCaches::stackBytes);
  }

  /** A quarter of the heap, at most 512 MB. */
  public static long defaultBudget() {
    return Math.min(LARGEST_DEFAULT, Runtime.getRuntime().maxMemory() / 4);
  }

  public long budget() {
    return budget;
  }

  /**
   * Images of the files under {@code dataRoot} decoded within this budget, kept under keys of
   * {@code version} (see {@link DecodedSlices}).
   */
  public DecodedSlices slices(Path dataRoot, Object version) {
    return new DecodedSlices(dataRoot, images, version);
  }

  /** What the caches hold now, in (estimated) bytes. */
  public long heldBytes() {
    return images.heldBytes() + masks.heldBytes() + statistics.heldBytes()
        + contours.heldBytes() + stacks.heldBytes();
  }

  /** What a ROI's masks take in memory. */
  private static long bytes(RoiMasks masks) {
    long bytes = OVERHEAD;
    for (RoiMasks.Slice slice : masks.slices()) {
      bytes += OVERHEAD + slice.mask().getLongSizeInBytes();
    }
    return bytes;
  }

  /**
   * What a series' stack takes: per plane its record, its UID and path,
   * three vectors of 3 doubles, its position and its entry in the stack's map by UID.
   */
  private static long stackBytes(ImageStack stack) {
    long bytes = OVERHEAD;
    for (ImagePlane plane : stack.planes()) {
      bytes += 3 * OVERHEAD + 2L * (length(plane.sopUid()) + length(plane.path()))
          + 3 * (16 + 24) + 8;
    }
    return bytes;
  }

  private static long length(String text) {
    return text == null ? 0 : text.length();
  }

  private static long contourBytes(List<PlanarContour> contours) {
    long bytes = OVERHEAD;
    for (PlanarContour contour : contours) {
      bytes += OVERHEAD + 8L * contour.points().length;
    }
    return bytes;
  }
}
