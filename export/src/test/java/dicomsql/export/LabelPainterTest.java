package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.PlanarContour;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overlaps and slice geometry on a small axial stack of 10 x 10 pixels, 1 mm apart. */
class LabelPainterTest {
  private static ImageStack stack(double... zs) {
    List<ImagePlane> planes = new ArrayList<>();
    for (int k = 0; k < zs.length; k++) {
      planes.add(new ImagePlane("1.2." + k, "f" + k, 10, 10, new double[] {0, 0, zs[k]},
          new double[] {1, 0, 0}, new double[] {0, 1, 0}, 1, 1, 1));
    }
    return ImageStack.of(planes);
  }

  /** A closed square on the plane z: pixel centres from..to-1 inside on both axes. */
  private static PlanarContour square(int index, double from, double to, double z) {
    double a = from - 0.5;
    double b = to - 0.5;
    return new PlanarContour(index, "CLOSED_PLANAR", null,
        new double[] {a, a, z, b, a, z, b, b, z, a, b, z});
  }

  @Test
  void theLargerLabelWinsWhereRoisOverlapAndTheOverlapIsReported() {
    SeriesGrid grid = SeriesGrid.of(stack(0, 1));
    LabelPainter.Painted painted = LabelPainter.paint(grid, List.of(
        new LabeledRoi("1.9", 2, 2, List.of(square(0, 4, 8, 0))),
        new LabeledRoi("1.9", 1, 1, List.of(square(0, 2, 6, 0)))));
    byte[] labels = painted.labels();
    assertThat(labels[2 * 10 + 2]).isEqualTo((byte) 1);
    assertThat(labels[5 * 10 + 5]).isEqualTo((byte) 2);
    assertThat(labels[7 * 10 + 7]).isEqualTo((byte) 2);
    assertThat(labels[100 + 5 * 10 + 5]).isEqualTo((byte) 0);
    assertThat(painted.problems()).containsExactly("ROI 1 (label 1) and ROI 2 (label 2)"
        + " overlap in 4 voxels; the larger label is kept there");
  }

  @Test
  void contoursOnNoSliceAndEmptyRoisAreReported() {
    SeriesGrid grid = SeriesGrid.of(stack(0, 1));
    LabelPainter.Painted painted = LabelPainter.paint(grid, List.of(
        new LabeledRoi("1.9", 3, 1, List.of(square(0, 2, 4, 7)))));
    assertThat(painted.problems()).hasSize(2);
    assertThat(painted.problems().get(0)).startsWith("ROI 3 (label 1): contour 0 at 7.00 mm"
        + " lies on no image plane");
    assertThat(painted.problems().get(1)).isEqualTo("ROI 3 (label 1) covers no voxel of this"
        + " series");
  }

  @Test
  void unevenSlicesAreReportedAndSlicesRunInPatientOrder() {
    SeriesGrid grid = SeriesGrid.of(stack(5, 0, 1, 2));
    assertThat(grid.sopUids()).containsExactly("1.2.1", "1.2.2", "1.2.3", "1.2.0");
    assertThat(grid.grid().stepK()).containsExactly(0, 0, 5.0 / 3);
    assertThat(grid.problems()).singleElement().asString()
        .startsWith("non-uniform slice positions").contains("1.667 mm apart");
    assertThat(SeriesGrid.of(stack(0, 1, 2)).problems()).isEmpty();
  }
}
