package dicomsql.engine.raster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rasterizes a ROI on an image stack by the contract's rule: every contour goes to the image it
 * lies on, and each image's closed planar contours are filled together under the even-odd rule
 * in that image's own pixel geometry. A contour that lies on no image is kept as a problem, and
 * the rest of the ROI is still rasterized.
 *
 * <p>On a stack other than the one the ROI was drawn on (another phase, coarser slices) the
 * outlines of two drawn slices can fall within half a spacing of the same image; filling them
 * together would cancel them. The outlines nearest the image win there and the others are
 * reported as left out.
 */
public final class RoiRasterizer {
  /** Contours this close along the normal were drawn on the same slice. */
  private static final double SAME_SLICE_MM = 0.05;

  private RoiRasterizer() {}

  public static RoiMasks rasterize(List<PlanarContour> contours, ImageStack stack) {
    Map<Integer, List<PlanarContour>> byPlane = new TreeMap<>();
    Map<PlanarContour, ImageStack.Placement> placements = new HashMap<>();
    List<ImageStack.Placement> problems = new ArrayList<>();
    for (PlanarContour contour : contours) {
      ImageStack.Placement placement = stack.place(contour);
      if (placement.placed()) {
        byPlane.computeIfAbsent(placement.plane(), p -> new ArrayList<>()).add(contour);
        placements.put(contour, placement);
      } else {
        problems.add(placement);
      }
    }
    double[] normal = stack.normal();
    Map<Integer, RoiMasks.Slice> slices = new HashMap<>();
    for (Map.Entry<Integer, List<PlanarContour>> entry : byPlane.entrySet()) {
      ImagePlane plane = stack.plane(entry.getKey());
      double position = plane.positionAlong(normal);
      double nearest = Double.POSITIVE_INFINITY;
      for (PlanarContour contour : entry.getValue()) {
        nearest = Math.min(nearest, Math.abs(placements.get(contour).position() - position));
      }
      List<double[]> polygons = new ArrayList<>();
      int kept = 0;
      for (PlanarContour contour : entry.getValue()) {
        ImageStack.Placement placement = placements.get(contour);
        if (Math.abs(placement.position() - position) > nearest + SAME_SLICE_MM) {
          problems.add(new ImageStack.Placement(-1, placement.position(), String.format(
              Locale.ROOT, "contour %d at %s mm is left out: contours nearer image %s (at"
                  + " %s mm) outline the ROI there", contour.index(),
              Millimetres.format(placement.position()), plane.sopUid(),
              Millimetres.format(position))));
          continue;
        }
        kept++;
        if (contour.encloses()) {
          polygons.add(plane.toPixels(contour.points()));
        }
      }
      slices.put(entry.getKey(), new RoiMasks.Slice(plane, position,
          ContourRasterizer.fill(polygons, plane.rows(), plane.columns()), kept));
    }
    return new RoiMasks(stack, slices, problems);
  }
}
