package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImageStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a series' grid says about its geometry: axial and square, tilted, or sheared. */
class SeriesGridTest {
  /** Axial 8x8 images, slice k at (k × dy, 0, k × 2.5): sheared when dy is not 0. */
  private static SeriesGrid stack(double dy, double[] alongColumn) {
    List<ImagePlane> planes = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      planes.add(new ImagePlane("1.2." + k, "f" + k, 8, 8, new double[] {0, k * dy, k * 2.5},
          new double[] {1, 0, 0}, alongColumn, 1, 1, 2.5));
    }
    return SeriesGrid.of(ImageStack.of(planes));
  }

  @Test
  void anAxialStackOfPerpendicularSlicesHasNothingToSay() {
    assertThat(stack(0, new double[] {0, 1, 0}).problems()).isEmpty();
  }

  @Test
  void aGantryTiltIsAShear() {
    // slices step 1 mm in y per 2.5 mm in z: atan(1 / 2.5) = 21.8° off the normal
    assertThat(stack(1, new double[] {0, 1, 0}).problems()).containsExactly(
        "sheared (gantry tilt): the slices step 21.8° off the images' normal; the affine holds"
            + " the shear");
  }

  @Test
  void coronalImagesAreNotAxial() {
    List<ImagePlane> planes = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      planes.add(new ImagePlane("1.3." + k, "f" + k, 8, 8, new double[] {0, k * 3.0, 0},
          new double[] {1, 0, 0}, new double[] {0, 0, -1}, 1, 1, 3));
    }
    assertThat(SeriesGrid.of(ImageStack.of(planes)).problems()).containsExactly(
        "not axial: the image planes are 90.0° from axial; the affine holds their directions,"
            + " and the labels are rasterized in those planes");
  }
}
