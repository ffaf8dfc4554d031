package dicomsql.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.PlanarContour;
import dicomsql.engine.raster.RoiRasterizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cube and a sphere drawn as contours, rasterized as roi_mask does, then measured. */
class RoiVolumesTest {
  /** 40 x 40 images of 0.5 mm pixels, 2 mm apart from z = 0. */
  private static ImageStack stack(int slices) {
    List<ImagePlane> planes = new ArrayList<>();
    for (int k = 0; k < slices; k++) {
      planes.add(new ImagePlane("1.2." + k, "f" + k, 40, 40, new double[] {-10, -10, 2 * k},
          new double[] {1, 0, 0}, new double[] {0, 1, 0}, 0.5, 0.5, 2));
    }
    return ImageStack.of(planes);
  }

  private static PlanarContour polygon(int index, double z, double[] xy) {
    double[] points = new double[xy.length / 2 * 3];
    for (int p = 0; p < xy.length / 2; p++) {
      points[3 * p] = xy[2 * p];
      points[3 * p + 1] = xy[2 * p + 1];
      points[3 * p + 2] = z;
    }
    return new PlanarContour(index, "CLOSED_PLANAR", null, points);
  }

  @Test
  void aBoxDrawnAsSquaresIsMeasuredOnItsPixelGrid() {
    // squares from -4.1 to 3.9 mm hold the pixel centres -4.0 .. 3.5: 16 x 16 pixels of 0.5 mm,
    // on the 5 images z = 2 .. 10 mm: a box of 8 x 8 x 10 mm
    List<PlanarContour> contours = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      contours.add(polygon(k, 2 * k, new double[] {-4.1, -4.1, 3.9, -4.1, 3.9, 3.9, -4.1, 3.9}));
    }
    BinaryVolume box = RoiVolumes.of(RoiRasterizer.rasterize(contours, stack(8)));
    assertThat(new int[] {box.nx(), box.ny(), box.nz()}).containsExactly(16, 16, 5);
    ShapeFeatures f = ShapeFeatures.of(box);
    assertThat(f.voxelVolume()).isCloseTo(8 * 8 * 10, within(1e-9));
    // uniform along each axis; sample variances over the 1,280 voxels (× 1280 / 1279)
    double sample = 1280.0 / 1279;
    double[] variances = {0.25 * (256 - 1) / 12 * sample, 0.25 * (256 - 1) / 12 * sample,
        4 * (25 - 1) / 12.0 * sample};
    assertThat(f.majorAxis()).isCloseTo(4 * Math.sqrt(variances[2]), within(1e-9));
    assertThat(f.minorAxis()).isCloseTo(4 * Math.sqrt(variances[0]), within(1e-9));
    assertThat(f.leastAxis()).isCloseTo(4 * Math.sqrt(variances[1]), within(1e-9));
  }

  @Test
  void aSphereDrawnAsCirclesHasTheSpheresVolume() {
    double r = 8;
    List<PlanarContour> contours = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      double z = 2 * k;
      double h = z - 11;
      if (Math.abs(h) >= r) {
        continue;
      }
      double radius = Math.sqrt(r * r - h * h);
      double[] circle = new double[2 * 180];
      for (int p = 0; p < 180; p++) {
        circle[2 * p] = radius * Math.cos(2 * Math.PI * p / 180);
        circle[2 * p + 1] = radius * Math.sin(2 * Math.PI * p / 180);
      }
      contours.add(polygon(k, z, circle));
    }
    ShapeFeatures f = ShapeFeatures.of(RoiVolumes.of(RoiRasterizer.rasterize(contours,
        stack(12))));
    double volume = 4 * Math.PI * r * r * r / 3;
    // 2 mm slices through a sphere of radius 8 mm sampled at z = -11 + 2k: the voxel volume is
    // Σ π ρ² × 2 mm over the 8 slices, which the pixel count approximates
    double slabs = 0;
    for (int k = 0; k < 12; k++) {
      double h = 2 * k - 11;
      slabs += Math.abs(h) < r ? Math.PI * (r * r - h * h) * 2 : 0;
    }
    assertThat(f.voxelVolume()).isCloseTo(slabs, within(0.02 * slabs));
    assertThat(f.meshVolume()).isCloseTo(volume, within(0.1 * volume));
    assertThat(f.elongation()).isCloseTo(1, within(0.02));
  }
}
