package dicomsql.export;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImageStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The voxel grid of a series' image stack, slices in patient order along the stack's normal,
 * and what about the series a user must know: images left out for another orientation, and
 * slices that do not sit where a regular grid puts them (uneven spacing, a missing slice).
 * Oblique and tilted stacks need nothing special, as the affine carries the directions, but
 * they are said too: a reader that assumes axial slices would misplace their voxels.
 */
record SeriesGrid(ImageStack stack, VoxelGrid grid, List<String> problems) {
  /** How far (mm) a slice may sit from the grid's position for it before that is reported. */
  static final double POSITION_TOLERANCE_MM = 0.01;
  /** How far (degrees) from axial, or from the images' normal, a stack is before it is said. */
  static final double ANGLE_TOLERANCE_DEGREES = 0.01;

  /**
   * The grid of a stack; throws with the reason when its images differ in size or pixel
   * spacing, which no single grid can hold.
   */
  static SeriesGrid of(ImageStack stack) {
    List<ImagePlane> planes = stack.planes();
    ImagePlane first = planes.get(0);
    for (ImagePlane plane : planes) {
      if (plane.rows() != first.rows() || plane.columns() != first.columns()
          || Math.abs(plane.rowSpacing() - first.rowSpacing()) > 1e-4
          || Math.abs(plane.columnSpacing() - first.columnSpacing()) > 1e-4) {
        throw new IllegalArgumentException("its images differ in size or pixel spacing (image "
            + plane.sopUid() + " is " + plane.rows() + "x" + plane.columns() + " at "
            + plane.rowSpacing() + "\\" + plane.columnSpacing() + " mm)");
      }
    }
    int n = planes.size();
    double[] stepI = scaled(first.alongRow(), first.columnSpacing());
    double[] stepJ = scaled(first.alongColumn(), first.rowSpacing());
    double[] stepK;
    if (n > 1) {
      double[] last = planes.get(n - 1).origin();
      stepK = new double[3];
      for (int a = 0; a < 3; a++) {
        stepK[a] = (last[a] - first.origin()[a]) / (n - 1);
      }
    } else {
      double thickness = Double.isFinite(stack.spacing()) ? stack.spacing()
          : first.thickness() > 0 ? first.thickness() : 1;
      stepK = scaled(stack.normal(), thickness);
    }
    VoxelGrid grid = new VoxelGrid(first.columns(), first.rows(), n, first.origin().clone(),
        stepI, stepJ, stepK);
    List<String> problems = new ArrayList<>();
    double fromAxial = degrees(Math.abs(stack.normal()[2]));
    if (fromAxial > ANGLE_TOLERANCE_DEGREES) {
      problems.add(String.format(Locale.ROOT, "not axial: the image planes are %.1f° from"
          + " axial; the affine holds their directions, and the labels are rasterized in"
          + " those planes", fromAxial));
    }
    double[] normal = stack.normal();
    double shear = n > 1 ? degrees(Math.abs(stepK[0] * normal[0] + stepK[1] * normal[1]
        + stepK[2] * normal[2]) / VoxelGrid.length(stepK)) : 0;
    if (shear > ANGLE_TOLERANCE_DEGREES) {
      problems.add(String.format(Locale.ROOT, "sheared (gantry tilt): the slices step %.1f°"
          + " off the images' normal; the affine holds the shear", shear));
    }
    if (stack.otherOrientations() > 0) {
      problems.add(stack.otherOrientations() + " image(s) of another orientation left out");
    }
    double worst = 0;
    for (int k = 0; k < n; k++) {
      double[] expected = grid.world(0, 0, k);
      double[] actual = planes.get(k).origin();
      worst = Math.max(worst, VoxelGrid.length(new double[] {actual[0] - expected[0],
          actual[1] - expected[1], actual[2] - expected[2]}));
    }
    if (worst > POSITION_TOLERANCE_MM) {
      problems.add(String.format(Locale.ROOT, "non-uniform slice positions (a missing, doubled"
          + " or unevenly spaced slice): the affine spaces %d slices evenly %.3f mm apart, and"
          + " a slice lies up to %.3f mm from where the affine puts it", n,
          VoxelGrid.length(stepK), worst));
    }
    return new SeriesGrid(stack, grid, List.copyOf(problems));
  }

  /** The SOP Instance UIDs of the slices, k = 0 first. */
  List<String> sopUids() {
    return stack.planes().stream().map(ImagePlane::sopUid).toList();
  }

  /** The angle whose cosine is c, in degrees (c rounded into [0, 1] first). */
  private static double degrees(double c) {
    return Math.toDegrees(Math.acos(Math.min(1, c)));
  }

  private static double[] scaled(double[] v, double factor) {
    return new double[] {v[0] * factor, v[1] * factor, v[2] * factor};
  }
}
