package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Trilinear interpolation reproduces a linear function exactly: checked on closed forms. */
class ResamplerTest {
  private static final VoxelGrid SOURCE = new VoxelGrid(6, 5, 4, new double[] {0, 0, 0},
      new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 2});
  private static final float FILL = -1000;

  /** 3i + 5j + 7k at the source's voxel indices. */
  private static float[] linear() {
    float[] values = new float[(int) SOURCE.voxelCount()];
    int next = 0;
    for (int k = 0; k < SOURCE.nz(); k++) {
      for (int j = 0; j < SOURCE.ny(); j++) {
        for (int i = 0; i < SOURCE.nx(); i++) {
          values[next++] = 3 * i + 5 * j + 7 * k;
        }
      }
    }
    return values;
  }

  /** The function at a patient position, or the fill outside the source volume. */
  private static double expected(double[] world) {
    double i = world[0];
    double j = world[1];
    double k = world[2] / 2;
    boolean inside = i >= 0 && j >= 0 && k >= 0 && i <= 5 && j <= 4 && k <= 3;
    return inside ? 3 * i + 5 * j + 7 * k : FILL;
  }

  private static void assertLinear(VoxelGrid target, boolean whole) {
    float[] out = new Resampler(SOURCE, linear(), target, FILL, whole).volume();
    int next = 0;
    for (int k = 0; k < target.nz(); k++) {
      for (int j = 0; j < target.ny(); j++) {
        for (int i = 0; i < target.nx(); i++) {
          double value = expected(target.world(i, j, k));
          assertThat((double) out[next++]).as("voxel %d %d %d", i, j, k)
              .isCloseTo(whole ? Math.rint(value) : value, within(1e-4));
        }
      }
    }
  }

  @Test
  void rowsAlongTheSourceRowsAreInterpolatedAndFilledOutside() {
    // shifted by fractions of a voxel on every axis, and reaching past the source on each side
    assertLinear(new VoxelGrid(8, 7, 6, new double[] {-0.75, -0.5, -1.5},
        new double[] {0.75, 0, 0}, new double[] {0, 0.75, 0}, new double[] {0, 0, 1.5}), false);
  }

  @Test
  void obliqueRowsAreInterpolatedVoxelByVoxel() {
    double c = Math.cos(0.3);
    double s = Math.sin(0.3);
    assertLinear(new VoxelGrid(7, 6, 5, new double[] {0.2, 0.1, 0.3},
        new double[] {0.6 * c, 0.6 * s, 0.1}, new double[] {-0.6 * s, 0.6 * c, 0},
        new double[] {0, 0, 1.3}), false);
  }

  @Test
  void wholeValuesAreRounded() {
    assertLinear(new VoxelGrid(5, 4, 3, new double[] {0.25, 0.5, 0.7},
        new double[] {0.9, 0, 0}, new double[] {0, 0.9, 0}, new double[] {0, 0, 2.2}), true);
  }
}
