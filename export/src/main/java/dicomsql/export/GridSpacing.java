package dicomsql.export;

import java.util.Arrays;
import java.util.Locale;

/**
 * A voxel spacing (mm) to resample exported files to, along the grid's i (row), j (column) and
 * k (slice) directions. The new grid keeps the old one's first voxel centre and directions and
 * covers the same span: n' = ⌊(n − 1) × old step / new step⌋ + 1 voxels along each direction.
 */
public record GridSpacing(double i, double j, double k) {
  public GridSpacing {
    for (double step : new double[] {i, j, k}) {
      if (!(step > 0) || Double.isInfinite(step)) {
        throw new IllegalArgumentException("a spacing is positive millimetres, not " + step);
      }
    }
  }

  /** One number (isotropic) or three, comma-separated: i (along a row), j, k (slices). */
  public static GridSpacing parse(String text) {
    String[] parts = text.strip().split("\\s*,\\s*");
    double[] steps;
    try {
      steps = Arrays.stream(parts).mapToDouble(Double::parseDouble).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--spacing takes millimetres as X or X,Y,Z, not '"
          + text + "'");
    }
    if (steps.length == 1) {
      return new GridSpacing(steps[0], steps[0], steps[0]);
    }
    if (steps.length != 3) {
      throw new IllegalArgumentException("--spacing takes one value or three (X,Y,Z), not '"
          + text + "'");
    }
    return new GridSpacing(steps[0], steps[1], steps[2]);
  }

  /** The grid resampled to this spacing. */
  VoxelGrid regrid(VoxelGrid grid) {
    return new VoxelGrid(count(grid.nx(), grid.stepI(), i), count(grid.ny(), grid.stepJ(), j),
        count(grid.nz(), grid.stepK(), k), grid.origin().clone(), scaled(grid.stepI(), i),
        scaled(grid.stepJ(), j), scaled(grid.stepK(), k));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s x %s x %s mm", i, j, k);
  }

  private static int count(int n, double[] step, double spacing) {
    // a hair of slack, so that a span that is a whole number of new steps keeps its last voxel
    return (int) Math.floor((n - 1) * VoxelGrid.length(step) / spacing + 1e-9) + 1;
  }

  private static double[] scaled(double[] step, double spacing) {
    double length = VoxelGrid.length(step);
    return new double[] {step[0] / length * spacing, step[1] / length * spacing,
        step[2] / length * spacing};
  }
}
