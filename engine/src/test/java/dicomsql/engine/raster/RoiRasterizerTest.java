package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contours in patient space onto image stacks: geometry, plane matching, what is not filled. */
class RoiRasterizerTest {
  private static final double[] AXIAL_ROW = {1, 0, 0};
  private static final double[] AXIAL_COLUMN = {0, 1, 0};

  /** Axial images of 64x64 pixels of 0.8 x 0.6 mm, at z = 0, 2.5, 5, ... */
  private static ImageStack axialStack(int slices) {
    List<ImagePlane> planes = new ArrayList<>();
    for (int s = slices - 1; s >= 0; s--) {
      planes.add(new ImagePlane("1.2.3." + s, "ct/" + s + ".dcm", 64, 64,
          new double[] {-20, -10, 2.5 * s}, AXIAL_ROW, AXIAL_COLUMN, 0.6, 0.8, 2.5));
    }
    return ImageStack.of(planes);
  }

  /** A rectangle given in pixel coordinates of a plane, as a contour in patient space. */
  private static PlanarContour rectangle(int index, ImagePlane plane, double left, double top,
      double right, double bottom, String type, String sop) {
    double[][] corners = {{left, top}, {right, top}, {right, bottom}, {left, bottom}};
    double[] points = new double[12];
    for (int k = 0; k < 4; k++) {
      double[] p = patient(plane, corners[k][0], corners[k][1]);
      System.arraycopy(p, 0, points, 3 * k, 3);
    }
    return new PlanarContour(index, type, sop, points);
  }

  private static double[] patient(ImagePlane plane, double col, double row) {
    double[] p = new double[3];
    for (int i = 0; i < 3; i++) {
      p[i] = plane.origin()[i] + col * plane.columnSpacing() * plane.alongRow()[i]
          + row * plane.rowSpacing() * plane.alongColumn()[i];
    }
    return p;
  }

  @Test
  void stackSortsAlongTheNormalAndMeasuresItsSpacing() {
    ImageStack stack = axialStack(5);
    assertThat(stack.plane(0).sopUid()).isEqualTo("1.2.3.0");
    assertThat(stack.spacing()).isEqualTo(2.5);
    assertThat(stack.indexOf("1.2.3.4")).isEqualTo(4);
    assertThat(stack.indexOf("9.9")).isEqualTo(-1);
  }

  @Test
  void rectangleOnAnAxialImageWithUnequalSpacing() {
    ImageStack stack = axialStack(5);
    ImagePlane plane = stack.plane(2);
    RoiMasks masks = RoiRasterizer.rasterize(List.of(
        rectangle(0, plane, 2.5, 3.5, 10.5, 8.5, "CLOSED_PLANAR", null)), stack);
    assertThat(masks.voxelCount()).isEqualTo(40);
    assertThat(masks.slices()).hasSize(1);
    assertThat(masks.slices().get(0).plane().sopUid()).isEqualTo("1.2.3.2");
    assertThat(masks.slices().get(0).areaMm2()).isCloseTo(40 * 0.48, within(1e-9));
    assertThat(masks.volumeCc()).isCloseTo(40 * 0.48 * 2.5 / 1000, within(1e-12));
    assertThat(masks.mask(2).contains(4 * 64 + 3)).isTrue();
    assertThat(masks.mask(1).isEmpty()).isTrue();
  }

  @Test
  void obliquePlanesMapThroughTheirFullGeometry() {
    double a = Math.toRadians(30);
    double b = Math.toRadians(20);
    // Rotate the axial directions by 20 degrees about z, then 30 degrees about x.
    double[] row = {Math.cos(b), Math.sin(b) * Math.cos(a), Math.sin(b) * Math.sin(a)};
    double[] column = {-Math.sin(b), Math.cos(b) * Math.cos(a), Math.cos(b) * Math.sin(a)};
    List<ImagePlane> planes = new ArrayList<>();
    double[] normal = new ImagePlane("n", "n", 1, 1, new double[3], row, column, 1, 1,
        Double.NaN).normal();
    for (int s = 0; s < 4; s++) {
      double[] origin = {10 + 3 * s * normal[0], -40 + 3 * s * normal[1], 7 + 3 * s * normal[2]};
      planes.add(new ImagePlane("o." + s, "o/" + s, 64, 64, origin, row, column, 0.7, 0.9, 3));
    }
    ImageStack stack = ImageStack.of(planes);
    assertThat(stack.spacing()).isCloseTo(3, within(1e-9));
    ImagePlane plane = stack.plane(1);
    RoiMasks masks = RoiRasterizer.rasterize(List.of(
        rectangle(0, plane, 2.5, 3.5, 10.5, 8.5, "CLOSED_PLANAR", null),
        rectangle(1, plane, 30.5, 30.5, 40.5, 35.5, "CLOSED_PLANAR", null)), stack);
    assertThat(masks.slices()).hasSize(1);
    assertThat(masks.slices().get(0).plane().sopUid()).isEqualTo("o.1");
    assertThat(masks.voxelCount()).isEqualTo(40 + 50);
    assertThat(masks.mask(1).contains(31 * 64 + 31)).isTrue();
  }

  @Test
  void contoursOffEveryPlaneAreReportedAndTheRestIsKept() {
    ImageStack stack = axialStack(4);
    ImagePlane plane = stack.plane(0);
    PlanarContour on = rectangle(0, plane, 2.5, 3.5, 10.5, 8.5, "CLOSED_PLANAR", null);
    PlanarContour beyond = shifted(rectangle(1, plane, 2.5, 3.5, 10.5, 8.5, "CLOSED_PLANAR",
        null), 20);
    PlanarContour near = shifted(rectangle(2, plane, 2.5, 3.5, 10.5, 8.5, "CLOSED_PLANAR",
        null), 1.2);
    PlanarContour nearer = shifted(rectangle(3, plane, 2.5, 3.5, 10.5, 8.5, "CLOSED_PLANAR",
        null), 1.3);
    RoiMasks masks = RoiRasterizer.rasterize(List.of(on, beyond, near, nearer), stack);
    assertThat(masks.unplaced()).extracting(ImageStack.Placement::problem).containsExactly(
        "contour 1 at 20.00 mm lies on no image plane (the nearest is 12.50 mm away)",
        "contour 2 at 1.20 mm is left out: contours nearer image 1.2.3.0 (at 0.00 mm) outline"
            + " the ROI there");
    // The contour at z = 0 outlines the first image; the one at 1.3 mm is on the second.
    assertThat(masks.mask(0).getCardinality()).isEqualTo(40);
    assertThat(masks.mask(1).getCardinality()).isEqualTo(40);
    assertThat(masks.slices().get(0).contours()).isEqualTo(1);
  }

  @Test
  void onACoarserStackTheNearestDrawnSliceOutlinesEachImage() {
    ImageStack fine = axialStack(8);
    List<PlanarContour> contours = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      // Rectangles growing by a column per slice, so each drawn slice is recognisable.
      contours.add(rectangle(s, fine.plane(s), 2.5, 3.5, 10.5 + s, 8.5, "CLOSED_PLANAR",
          fine.plane(s).sopUid()));
    }
    List<ImagePlane> coarse = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      coarse.add(new ImagePlane("c." + s, "c/" + s, 64, 64, new double[] {-20, -10, 5.5 * s},
          AXIAL_ROW, AXIAL_COLUMN, 0.6, 0.8, 5.5));
    }
    RoiMasks masks = RoiRasterizer.rasterize(contours, ImageStack.of(coarse));
    // Images at 0, 5.5, 11, 16.5 mm take the slices drawn at 0, 5, 10 and 17.5 mm.
    assertThat(masks.slices()).extracting(RoiMasks.Slice::pixelCount)
        .containsExactly(8 * 5, 10 * 5, 12 * 5, 15 * 5);
    assertThat(masks.unplaced()).hasSize(4);
  }

  @Test
  void aReferencedImageWinsUnlessTheContourIsNotOnIt() {
    ImageStack stack = axialStack(4);
    ImagePlane plane = stack.plane(1);
    PlanarContour referencedNear = shifted(rectangle(0, plane, 2.5, 3.5, 10.5, 8.5,
        "CLOSED_PLANAR", "1.2.3.2"), 1.25);
    PlanarContour referencedFar = rectangle(1, plane, 2.5, 3.5, 10.5, 8.5,
        "CLOSED_PLANAR", "1.2.3.3");
    RoiMasks masks = RoiRasterizer.rasterize(List.of(referencedNear), stack);
    assertThat(masks.mask(2).getCardinality()).isEqualTo(40);
    masks = RoiRasterizer.rasterize(List.of(referencedFar), stack);
    assertThat(masks.mask(1).getCardinality()).isEqualTo(40);
  }

  @Test
  void pointsAndOpenLinesTouchImagesWithoutFillingThem() {
    ImageStack stack = axialStack(3);
    ImagePlane plane = stack.plane(1);
    double[] point = patient(plane, 10, 10);
    RoiMasks masks = RoiRasterizer.rasterize(List.of(
        new PlanarContour(0, "POINT", null, point),
        rectangle(1, plane, 2.5, 3.5, 10.5, 8.5, "OPEN_PLANAR", null)), stack);
    assertThat(masks.slices()).hasSize(1);
    assertThat(masks.slices().get(0).contours()).isEqualTo(2);
    assertThat(masks.voxelCount()).isZero();
    assertThat(masks.unplaced()).isEmpty();
  }

  @Test
  void theOrientationMostImagesShareMakesTheStack() {
    List<ImagePlane> planes = new ArrayList<>(axialStack(3).planes());
    planes.add(new ImagePlane("scout", "scout", 64, 64, new double[] {0, 0, 0},
        new double[] {1, 0, 0}, new double[] {0, 0, -1}, 1, 1, Double.NaN));
    ImageStack stack = ImageStack.of(planes);
    assertThat(stack.planes()).hasSize(3);
    assertThat(stack.otherOrientations()).isEqualTo(1);
  }

  @Test
  void aSingleImageUsesItsThicknessAsSpacing() {
    ImageStack stack = ImageStack.of(List.of(axialStack(1).plane(0)));
    assertThat(stack.spacing()).isEqualTo(2.5);
  }

  private static PlanarContour shifted(PlanarContour contour, double dz) {
    double[] points = contour.points().clone();
    for (int k = 2; k < points.length; k += 3) {
      points[k] += dz;
    }
    return new PlanarContour(contour.index(), contour.geometricType(),
        contour.referencedSopUid(), points);
  }
}
