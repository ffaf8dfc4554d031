package dicomsql.engine.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Corners of 2-D convex hulls of points grouped by the plane they lie in. */
final class PlaneHulls {
  private PlaneHulls() {}

  /**
   * The indices of the points that are corners (not mere edge points) of the convex hull of
   * the points sharing their coordinate along {@code axis}.
   */
  static Set<Integer> cornersByPlane(List<double[]> points, int axis) {
    Map<Double, List<Integer>> planes = new HashMap<>();
    for (int p = 0; p < points.size(); p++) {
      planes.computeIfAbsent(points.get(p)[axis], key -> new ArrayList<>()).add(p);
    }
    int u = (axis + 1) % 3;
    int v = (axis + 2) % 3;
    Set<Integer> corners = new HashSet<>();
    for (List<Integer> plane : planes.values()) {
      corners.addAll(hull(points, plane, u, v));
    }
    return corners;
  }

  /** Andrew's monotone chain; collinear points are not corners. */
  private static List<Integer> hull(List<double[]> points, List<Integer> plane, int u, int v) {
    List<Integer> sorted = new ArrayList<>(plane);
    sorted.sort(Comparator.comparingDouble((Integer p) -> points.get(p)[u])
        .thenComparingDouble(p -> points.get(p)[v]));
    if (sorted.size() < 3) {
      return sorted;
    }
    int[] chain = new int[2 * sorted.size()];
    int size = 0;
    for (int pass = 0; pass < 2; pass++) {
      int floor = size;
      for (int n = 0; n < sorted.size(); n++) {
        int p = sorted.get(pass == 0 ? n : sorted.size() - 1 - n);
        while (size >= floor + 2 && turn(points.get(chain[size - 2]),
            points.get(chain[size - 1]), points.get(p), u, v) <= 0) {
          size--;
        }
        chain[size++] = p;
      }
      size--;
    }
    List<Integer> corners = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      corners.add(chain[n]);
    }
    return corners;
  }

  private static double turn(double[] a, double[] b, double[] c, int u, int v) {
    return (b[u] - a[u]) * (c[v] - a[v]) - (b[v] - a[v]) * (c[u] - a[u]);
  }
}
