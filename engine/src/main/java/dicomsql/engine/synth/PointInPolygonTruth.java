package dicomsql.engine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth of a ROI on a series by the contract's rule, computed the plain way so that
 * it can check the engine's fast rasterizer: each contour goes to the slice nearest its plane
 * (within half the spacing), and a pixel counts when its centre is inside under the even-odd
 * rule over that slice's contours, tested pixel by pixel with the classic crossing test. It
 * shares no code with the engine's rasterizer. Axial images with the identity orientation only,
 * which is all the generator writes.
 */
final class PointInPolygonTruth {
  /** Pixels inside, and their mean stored CT number in HU; NaN mean when none. */
  record Measure(long voxels, double meanHu) {}

  private PointInPolygonTruth() {}

  static Measure measure(List<Contour> contours, SeriesPlan series, CasePlan plan,
      AbdomenPhantom phantom) {
    Map<Integer, List<Contour>> bySlice = new TreeMap<>();
    for (Contour contour : contours) {
      int slice = nearestSlice(series, contour.z());
      if (slice >= 0) {
        bySlice.computeIfAbsent(slice, s -> new ArrayList<>()).add(contour);
      }
    }
    long voxels = 0;
    double sum = 0;
    for (Map.Entry<Integer, List<Contour>> entry : bySlice.entrySet()) {
      int slice = entry.getKey();
      List<Contour> onSlice = entry.getValue();
      double[] box = boundingBox(onSlice);
      int col0 = clamp((int) Math.floor((box[0] - plan.x0()) / plan.pixelSpacing()) - 1, plan);
      int col1 = clamp((int) Math.ceil((box[1] - plan.x0()) / plan.pixelSpacing()) + 1, plan);
      int row0 = clamp((int) Math.floor((box[2] - plan.y0()) / plan.pixelSpacing()) - 1, plan);
      int row1 = clamp((int) Math.ceil((box[3] - plan.y0()) / plan.pixelSpacing()) + 1, plan);
      for (int row = row0; row <= row1; row++) {
        for (int col = col0; col <= col1; col++) {
          boolean inside = false;
          for (Contour contour : onSlice) {
            inside ^= contains(contour.points(), plan.x(col), plan.y(row));
          }
          if (inside) {
            voxels++;
            sum += phantom.stored(series, slice, row, col) + AbdomenPhantom.RESCALE_INTERCEPT;
          }
        }
      }
    }
    return new Measure(voxels, voxels == 0 ? Double.NaN : sum / voxels);
  }

  /** The slice whose plane is nearest {@code z}, or -1 when none is within half the spacing. */
  static int nearestSlice(SeriesPlan series, double z) {
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int slice = 0; slice < series.sliceCount(); slice++) {
      double distance = Math.abs(series.z(slice) - z);
      if (distance < bestDistance) {
        best = slice;
        bestDistance = distance;
      }
    }
    return bestDistance <= series.spacing() / 2 ? best : -1;
  }

  /** The crossing test (W. R. Franklin's PNPOLY) on x, y of a contour's triplets. */
  static boolean contains(double[] triplets, double x, double y) {
    int n = triplets.length / 3;
    boolean inside = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = triplets[3 * i];
      double yi = triplets[3 * i + 1];
      double xj = triplets[3 * j];
      double yj = triplets[3 * j + 1];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  }

  private static double[] boundingBox(List<Contour> contours) {
    double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (Contour contour : contours) {
      double[] p = contour.points();
      for (int k = 0; k < p.length; k += 3) {
        box[0] = Math.min(box[0], p[k]);
        box[1] = Math.max(box[1], p[k]);
        box[2] = Math.min(box[2], p[k + 1]);
        box[3] = Math.max(box[3], p[k + 1]);
      }
    }
    return box;
  }

  private static int clamp(int index, CasePlan plan) {
    return Math.max(0, Math.min(plan.matrix() - 1, index));
  }
}
