package dicomsql.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Shape features against closed forms for boxes and a sphere. */
class ShapeFeaturesTest {
  /** A mask of the voxels whose centre the predicate accepts. */
  interface Inside {
    boolean test(int i, int j, int k);
  }

  static BinaryVolume mask(int nx, int ny, int nz, double dx, double dy, double dz,
      Inside inside) {
    BitSet bits = new BitSet();
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          if (inside.test(i, j, k)) {
            bits.set(i + nx * (j + ny * k));
          }
        }
      }
    }
    return new BinaryVolume(nx, ny, nz, bits, dx, dy, dz);
  }

  @Test
  void aCubeOfNVoxelsHasTheChamferedCubesMesh() {
    for (int n : new int[] {1, 2, 6}) {
      ShapeFeatures cube = ShapeFeatures.of(mask(n + 2, n + 2, n + 2, 1, 1, 1,
          (i, j, k) -> i >= 1 && j >= 1 && k >= 1 && i <= n && j <= n && k <= n));
      // The mesh runs through the midpoints between inside and outside voxel centres: the
      // faces of the n-cube, its edges chamfered (width √2/2) and its corners cut.
      assertThat(cube.surfaceArea()).isCloseTo(6.0 * (n - 1) * (n - 1)
          + 6 * Math.sqrt(2) * (n - 1) + Math.sqrt(3), within(1e-9));
      assertThat(cube.meshVolume()).isCloseTo(n * n * n - 1.5 * (n - 1) - 5.0 / 6,
          within(1e-9));
      assertThat(cube.voxelVolume()).isEqualTo(n * n * n);
      assertThat(cube.maximumDiameter()).isCloseTo(Math.sqrt(3.0 * n * n - 4 * n + 2),
          within(1e-9));
      if (n == 1) {
        // one voxel has no sample covariance
        assertThat(cube.majorAxis()).isNaN();
        continue;
      }
      // uniform 0..n-1 along each axis: variance (n² − 1) / 12, × N / (N − 1) as a sample
      double voxels = n * n * n;
      assertThat(cube.majorAxis()).isCloseTo(
          4 * Math.sqrt((n * n - 1) / 12.0 * voxels / (voxels - 1)), within(1e-9));
      assertThat(cube.leastAxis()).isCloseTo(cube.majorAxis(), within(1e-9));
    }
  }

  @Test
  void spacingScalesVolumesAndAxesOfABox() {
    Inside box = (i, j, k) -> i >= 1 && j >= 1 && k >= 1 && i <= 8 && j <= 5 && k <= 3;
    ShapeFeatures unit = ShapeFeatures.of(mask(10, 7, 5, 1, 1, 1, box));
    ShapeFeatures scaled = ShapeFeatures.of(mask(10, 7, 5, 0.5, 0.8, 2, box));
    assertThat(scaled.meshVolume()).isCloseTo(unit.meshVolume() * 0.8, within(1e-9));
    assertThat(scaled.voxelVolume()).isCloseTo(120 * 0.8, within(1e-9));
    // the box's 120 voxel centres, uniform along each axis; sample variances (× 120 / 119)
    double sample = 120.0 / 119;
    double[] variances = {0.25 * 63 / 12 * sample, 0.64 * 24 / 12 * sample,
        4 * 8 / 12.0 * sample};
    assertThat(scaled.majorAxis()).isCloseTo(4 * Math.sqrt(variances[2]), within(1e-9));
    assertThat(scaled.minorAxis()).isCloseTo(4 * Math.sqrt(variances[0]), within(1e-9));
    assertThat(scaled.leastAxis()).isCloseTo(4 * Math.sqrt(variances[1]), within(1e-9));
    assertThat(scaled.elongation()).isCloseTo(Math.sqrt(variances[0] / variances[2]),
        within(1e-9));
    assertThat(scaled.flatness()).isCloseTo(Math.sqrt(variances[1] / variances[2]),
        within(1e-9));
  }

  @Test
  void aDigitizedSphereIsNearlyASphere() {
    double r = 12;
    ShapeFeatures sphere = ShapeFeatures.of(mask(27, 27, 27, 1, 1, 1,
        (i, j, k) -> sq(i - 13) + sq(j - 13) + sq(k - 13) <= r * r));
    double volume = 4 * Math.PI * r * r * r / 3;
    // 7,153 lattice points lie within 12 of a lattice point
    assertThat(sphere.voxels()).isEqualTo(7153);
    assertThat(sphere.meshVolume()).isCloseTo(volume, within(0.02 * volume));
    // the staircase adds area: a mesh of a digitized sphere is 5-10 % larger than 4 π r²
    assertThat(sphere.sphericity()).isBetween(0.88, 0.97);
    assertThat(sphere.compactness2()).isCloseTo(Math.pow(sphere.sphericity(), 3), within(1e-9));
    assertThat(sphere.maximumDiameter()).isBetween(2 * r, 2 * r + 1);
    assertThat(sphere.elongation()).isCloseTo(1, within(1e-9));
    assertThat(sphere.flatness()).isCloseTo(1, within(1e-9));
    assertThat(sphere.majorAxis()).isCloseTo(4 * r / Math.sqrt(5), within(0.02 * r));
  }

  @Test
  void theMeshIsClosedForRandomMasks() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      BinaryVolume noise = mask(6, 5, 4, 1, 1, 1, (i, j, k) -> random.nextInt(2) == 1);
      BinaryVolume complement = mask(8, 7, 6, 1, 1, 1, (i, j, k) -> i == 0 || j == 0 || k == 0
          || i == 7 || j == 6 || k == 5 || !noise.at(i - 1, j - 1, k - 1));
      // A closed, consistently oriented mesh encloses a volume that does not depend on where
      // the origin is: shifting every voxel must leave it unchanged.
      BinaryVolume shifted = mask(9, 8, 7, 1, 1, 1, (i, j, k) -> noise.at(i - 3, j - 2, k - 1));
      assertThat(ShapeFeatures.of(shifted).meshVolume())
          .isCloseTo(ShapeFeatures.of(noise).meshVolume(), within(1e-9));
      assertThat(ShapeFeatures.of(noise).meshVolume()).isPositive();
      assertThat(ShapeFeatures.of(complement).surfaceArea()).isPositive();
    }
  }

  private static double sq(double v) {
    return v * v;
  }
}
