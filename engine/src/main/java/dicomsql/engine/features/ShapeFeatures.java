package dicomsql.engine.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Morphological features of a ROI mask as IBSI 1 (chapter 3.1) defines them: volumes by the
 * marching cubes mesh and by voxel counting, the mesh's surface area, sphericity and
 * compactness from those, the largest distance between mesh vertices, and the principal axes
 * of the voxel centres (sample covariance, as the IBSI's reference values have it).
 *
 * @param meshVolume mm³ enclosed by the mesh
 * @param voxelVolume mm³: voxels times voxel volume
 * @param surfaceArea mm² of the mesh
 * @param sphericity (36 π V²)^(1/3) / A
 * @param compactness2 36 π V² / A³
 * @param maximumDiameter mm between the two farthest mesh vertices
 * @param majorAxis 4 √λ1 mm; minor 4 √λ2; least 4 √λ3
 * @param elongation √(λ2 / λ1); flatness √(λ3 / λ1)
 */
public record ShapeFeatures(long voxels, double meshVolume, double voxelVolume,
    double surfaceArea, double surfaceToVolume, double compactness1, double compactness2,
    double sphericity, double maximumDiameter, double majorAxis, double minorAxis,
    double leastAxis, double elongation, double flatness) {

  /** The names of the features, as the SQL columns show them, in record order. */
  public static final List<String> NAMES = List.of("voxel_count", "volume_mesh_mm3",
      "volume_voxel_mm3", "surface_area_mm2", "surface_to_volume", "compactness1",
      "compactness2", "sphericity", "max_diameter_mm", "major_axis_mm", "minor_axis_mm",
      "least_axis_mm", "elongation", "flatness");

  /** The features of a mask; null when it has no voxel. */
  public static ShapeFeatures of(BinaryVolume mask) {
    long n = mask.voxelCount();
    if (n == 0) {
      return null;
    }
    MarchingCubes.Mesh mesh = MarchingCubes.mesh(mask);
    double v = mesh.volume();
    double a = mesh.area();
    double[] lambda = PrincipalAxes.eigenvalues(mask);
    return new ShapeFeatures(n, v, n * mask.voxelVolume(), a, a / v,
        v / (Math.sqrt(Math.PI) * Math.pow(a, 1.5)), 36 * Math.PI * v * v / (a * a * a),
        Math.cbrt(36 * Math.PI * v * v) / a, maximumDiameter(mask),
        4 * Math.sqrt(lambda[0]), 4 * Math.sqrt(lambda[1]), 4 * Math.sqrt(lambda[2]),
        lambda[0] > 0 ? Math.sqrt(lambda[1] / lambda[0]) : Double.NaN,
        lambda[0] > 0 ? Math.sqrt(lambda[2] / lambda[0]) : Double.NaN);
  }

  /** The features in {@link #NAMES} order. */
  public Object[] values() {
    return new Object[] {voxels, meshVolume, voxelVolume, surfaceArea, surfaceToVolume,
        compactness1, compactness2, sphericity, maximumDiameter, majorAxis, minorAxis,
        leastAxis, elongation, flatness};
  }

  /**
   * The largest distance between two mesh vertices. The vertices are the midpoints between
   * each inside voxel and its outside neighbours (6-connected). The farthest pair are corners
   * of the vertices' convex hull, and a hull corner is a corner of the 2-D hull of its own
   * x-, y- and z-plane, so only vertices that are all three are compared pairwise.
   */
  static double maximumDiameter(BinaryVolume mask) {
    List<double[]> vertices = new ArrayList<>();
    int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (int k = 0; k < mask.nz(); k++) {
      for (int j = 0; j < mask.ny(); j++) {
        for (int i = 0; i < mask.nx(); i++) {
          if (!mask.at(i, j, k)) {
            continue;
          }
          for (int[] s : steps) {
            if (!mask.at(i + s[0], j + s[1], k + s[2])) {
              vertices.add(new double[] {2 * i + s[0], 2 * j + s[1], 2 * k + s[2]});
            }
          }
        }
      }
    }
    Set<Integer> candidates = null;
    for (int axis = 0; axis < 3; axis++) {
      Set<Integer> onHulls = PlaneHulls.cornersByPlane(vertices, axis);
      if (candidates == null) {
        candidates = onHulls;
      } else {
        candidates.retainAll(onHulls);
      }
    }
    double[] half = {mask.dx() / 2, mask.dy() / 2, mask.dz() / 2};
    double[][] points = candidates.stream().map(vertices::get)
        .map(p -> new double[] {p[0] * half[0], p[1] * half[1], p[2] * half[2]})
        .toArray(double[][]::new);
    double best = 0;
    for (int p = 0; p < points.length; p++) {
      for (int q = p + 1; q < points.length; q++) {
        double dx = points[p][0] - points[q][0];
        double dy = points[p][1] - points[q][1];
        double dz = points[p][2] - points[q][2];
        best = Math.max(best, dx * dx + dy * dy + dz * dz);
      }
    }
    return Math.sqrt(best);
  }
}
