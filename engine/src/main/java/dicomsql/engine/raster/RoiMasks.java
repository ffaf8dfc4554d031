package dicomsql.engine.raster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * A ROI rasterized on one image stack: a mask for every image a contour of it lies on (empty
 * when only points or open lines lie there), and the contours that lie on none.
 */
public final class RoiMasks {
  /** The ROI on one image: its mask and how many contours of it lie there. */
  public record Slice(ImagePlane plane, double position, RoaringBitmap mask, int contours) {
    public int pixelCount() {
      return mask.getCardinality();
    }

    public double areaMm2() {
      return pixelCount() * plane.pixelArea();
    }
  }

  private final ImageStack stack;
  private final SortedMap<Integer, Slice> slices;
  private final List<ImageStack.Placement> unplaced;

  RoiMasks(ImageStack stack, Map<Integer, Slice> slices, List<ImageStack.Placement> unplaced) {
    this.stack = stack;
    this.slices = Collections.unmodifiableSortedMap(new TreeMap<>(slices));
    this.unplaced = List.copyOf(unplaced);
  }

  public ImageStack stack() {
    return stack;
  }

  /** The images the ROI touches, in order along the stack's normal. */
  public List<Slice> slices() {
    return new ArrayList<>(slices.values());
  }

  /** The ROI's mask on this image of the stack: empty when it does not touch it. */
  public RoaringBitmap mask(int plane) {
    Slice slice = slices.get(plane);
    return slice == null ? new RoaringBitmap() : slice.mask();
  }

  /** Contours that lie on no image of the stack, each with the reason. */
  public List<ImageStack.Placement> unplaced() {
    return unplaced;
  }

  /** Pixels inside the ROI over all images. */
  public long voxelCount() {
    long count = 0;
    for (Slice slice : slices.values()) {
      count += slice.mask().getLongCardinality();
    }
    return count;
  }

  /**
   * The ROI's volume in cm³: each image's pixels times its pixel area times the slice spacing;
   * NaN when the spacing is unknown (a single image without a thickness).
   */
  public double volumeCc() {
    double mm3 = 0;
    for (Slice slice : slices.values()) {
      mm3 += slice.mask().getLongCardinality() * slice.plane().pixelArea();
    }
    return mm3 * stack.spacing() / 1000;
  }
}
