package dicomsql.engine.raster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The images of one series that share an orientation, in order along their normal: the grid a
 * ROI is rasterized on. Finds the image a contour lies on, by its Contour Image Sequence
 * reference when that image is here and the contour lies on it, else by distance along the
 * normal within half the slice spacing.
 */
public final class ImageStack {
  /** Where a contour went: an image index, or -1 with the reason it went nowhere. */
  public record Placement(int plane, double position, String problem) {
    public boolean placed() {
      return plane >= 0;
    }
  }

  private final List<ImagePlane> planes;
  private final double[] normal;
  private final double[] positions;
  private final double spacing;
  private final int otherOrientations;
  private final Map<String, Integer> bySop = new HashMap<>();

  private ImageStack(List<ImagePlane> planes, int otherOrientations) {
    this.normal = planes.get(0).normal();
    this.planes = planes.stream()
        .sorted(Comparator.comparingDouble(p -> p.positionAlong(normal)))
        .toList();
    this.positions = new double[this.planes.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = this.planes.get(i).positionAlong(normal);
      // The frames of a multi-frame image share its UID: none of them is "the" image.
      bySop.merge(this.planes.get(i).sopUid(), i, (first, next) -> -1);
    }
    this.spacing = spacing(positions, this.planes.get(0).thickness());
    this.otherOrientations = otherOrientations;
  }

  /**
   * The stack of a series' images. When they do not all share one orientation (a localizer
   * filed with the axial images), the orientation most of them have wins and the others are
   * counted in {@link #otherOrientations()}.
   */
  public static ImageStack of(List<ImagePlane> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a stack needs at least one image");
    }
    List<ImagePlane> best = List.of();
    List<ImagePlane> remaining = images;
    while (!remaining.isEmpty()) {
      // One pass per orientation: removing each group from the rest by equality cost a
      // quadratic number of record comparisons, 6% of the CPU of the seed-scale lesion query.
      ImagePlane first = remaining.get(0);
      List<ImagePlane> parallel = new ArrayList<>();
      List<ImagePlane> other = new ArrayList<>();
      for (ImagePlane plane : remaining) {
        (first.isParallelTo(plane) ? parallel : other).add(plane);
      }
      remaining = other;
      if (parallel.size() > best.size()) {
        best = parallel;
      }
    }
    return new ImageStack(best, images.size() - best.size());
  }

  /** For a single image its thickness, else the median gap; NaN when neither is known. */
  private static double spacing(double[] sorted, double thickness) {
    double gap = medianGap(sorted);
    return Double.isNaN(gap) && thickness > 0 ? thickness : gap;
  }

  /**
   * The median distance between neighbouring positions along a normal, sorted ascending, with
   * duplicates (closer than a micrometre) ignored; NaN without two distinct positions. The one
   * definition of slice spacing, shared with the series table's {@code slice_spacing}.
   */
  public static double medianGap(double[] sorted) {
    double[] gaps = new double[Math.max(0, sorted.length - 1)];
    int n = 0;
    for (int i = 1; i < sorted.length; i++) {
      double gap = sorted[i] - sorted[i - 1];
      if (gap > 1e-3) {
        gaps[n++] = gap;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(gaps, 0, n);
    return n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
  }

  public List<ImagePlane> planes() {
    return planes;
  }

  public ImagePlane plane(int index) {
    return planes.get(index);
  }

  /**
   * The index of the image with this SOP Instance UID; -1 when there is none, or when it is a
   * multi-frame image with several frames here.
   */
  public int indexOf(String sopUid) {
    return bySop.getOrDefault(sopUid, -1);
  }

  public double[] normal() {
    return normal.clone();
  }

  /** The distance between neighbouring slices along the normal, in mm; NaN when unknown. */
  public double spacing() {
    return spacing;
  }

  /** How many images of the series were left out for having another orientation. */
  public int otherOrientations() {
    return otherOrientations;
  }

  /** How far a contour may lie from an image plane and still be on it. */
  private double tolerance() {
    return Double.isNaN(spacing) ? 0.5 : spacing / 2 + 1e-6;
  }

  /** The image a contour lies on. */
  public Placement place(PlanarContour contour) {
    String nonFinite = contour.nonFinitePoint();
    if (nonFinite != null) {
      return new Placement(-1, Double.NaN, nonFinite);
    }
    double position = contour.positionAlong(normal);
    if (Double.isNaN(position)) {
      return new Placement(-1, position, "contour " + contour.index() + " has no points");
    }
    int referenced = contour.referencedSopUid() == null ? -1
        : indexOf(contour.referencedSopUid());
    if (referenced >= 0 && Math.abs(position - positions[referenced]) <= tolerance()) {
      return new Placement(referenced, position, null);
    }
    int nearest = nearest(position);
    double distance = Math.abs(position - positions[nearest]);
    if (distance <= tolerance()) {
      return new Placement(nearest, position, null);
    }
    return new Placement(-1, position, String.format(Locale.ROOT,
        "contour %d at %s mm lies on no image plane (the nearest is %s mm away)",
        contour.index(), Millimetres.format(position), Millimetres.format(distance)));
  }

  /** The index of the plane nearest a position along the normal; the lower one on a tie. */
  private int nearest(double position) {
    int insertion = Arrays.binarySearch(positions, position);
    if (insertion >= 0) {
      return insertion;
    }
    int above = -insertion - 1;
    if (above == 0) {
      return 0;
    }
    if (above == positions.length) {
      return positions.length - 1;
    }
    return position - positions[above - 1] <= positions[above] - position ? above - 1 : above;
  }
}
