package dicomsql.engine.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The scanline fill against shapes whose inside pixel centres can be counted exactly, and
 * against a pixel-by-pixel crossing test on random polygons.
 */
class ContourRasterizerTest {
  private static final int SIZE = 128;

  private static double[] rectangle(double left, double top, double right, double bottom) {
    return new double[] {left, top, right, top, right, bottom, left, bottom};
  }

  /** A regular polygon so fine that no pixel centre lies between it and its circle. */
  static double[] circle(double cx, double cy, double radius, int vertices, boolean clockwise) {
    double[] points = new double[2 * vertices];
    for (int k = 0; k < vertices; k++) {
      double t = 2 * Math.PI * k / vertices * (clockwise ? -1 : 1);
      points[2 * k] = cx + radius * Math.cos(t);
      points[2 * k + 1] = cy + radius * Math.sin(t);
    }
    return points;
  }

  /** Pixel centres strictly inside a circle, and a check that none is near its edge. */
  private static int centresInside(double cx, double cy, double radius) {
    int count = 0;
    for (int row = 0; row < SIZE; row++) {
      for (int col = 0; col < SIZE; col++) {
        double d = Math.hypot(col - cx, row - cy);
        assertThat(Math.abs(d - radius)).as("a centre too near the circle").isGreaterThan(1e-5);
        if (d < radius) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void rectangleBetweenPixelCentres() {
    RoaringBitmap mask = ContourRasterizer.fill(
        List.of(rectangle(2.5, 3.5, 10.5, 8.5)), SIZE, SIZE);
    assertThat(mask.getCardinality()).isEqualTo(8 * 5);
    assertThat(mask.contains(4 * SIZE + 3)).isTrue();
    assertThat(mask.contains(8 * SIZE + 10)).isTrue();
    assertThat(mask.contains(3 * SIZE + 3)).isFalse();
    assertThat(mask.contains(4 * SIZE + 11)).isFalse();
  }

  @Test
  void rectangleThroughPixelCentresCountsTheLowerAndLeftEdgesOnly() {
    // Centres on an edge: rows 3..7 and columns 2..9 under the half-open crossing rule.
    RoaringBitmap mask = ContourRasterizer.fill(List.of(rectangle(2, 3, 10, 8)), SIZE, SIZE);
    assertThat(mask.getCardinality()).isEqualTo(8 * 5);
    assertThat(mask.contains(3 * SIZE + 2)).isTrue();
    assertThat(mask.contains(8 * SIZE + 2)).isFalse();
    assertThat(mask.contains(3 * SIZE + 10)).isFalse();
  }

  @Test
  void circleMatchesTheCountOfCentresInside() {
    double cx = 63.37;
    double cy = 60.81;
    double radius = 40.23;
    RoaringBitmap mask = ContourRasterizer.fill(
        List.of(circle(cx, cy, radius, 20000, false)), SIZE, SIZE);
    assertThat(mask.getCardinality()).isEqualTo(centresInside(cx, cy, radius));
    assertThat((double) mask.getCardinality()).isCloseTo(Math.PI * radius * radius,
        org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void innerContourIsAHoleWhateverItsWinding() {
    double cx = 64.21;
    double cy = 63.66;
    int ring = centresInside(cx, cy, 50.17) - centresInside(cx, cy, 20.43);
    for (boolean clockwise : new boolean[] {false, true}) {
      RoaringBitmap mask = ContourRasterizer.fill(List.of(
          circle(cx, cy, 50.17, 20000, false), circle(cx, cy, 20.43, 20000, clockwise)),
          SIZE, SIZE);
      assertThat(mask.getCardinality()).isEqualTo(ring);
      assertThat(mask.contains((int) cy * SIZE + (int) cx)).isFalse();
    }
  }

  @Test
  void keyholeContourCutsItsHoleThroughAZeroWidthChannel() {
    double[] keyhole = {
        10.5, 20.5, 0.5, 20.5, 0.5, 0.5, 20.5, 0.5, 20.5, 20.5, 10.5, 20.5,
        10.5, 15.5, 15.5, 15.5, 15.5, 5.5, 5.5, 5.5, 5.5, 15.5, 10.5, 15.5};
    RoaringBitmap mask = ContourRasterizer.fill(List.of(keyhole), SIZE, SIZE);
    assertThat(mask.getCardinality()).isEqualTo(20 * 20 - 10 * 10);
    assertThat(mask.contains(10 * SIZE + 10)).isFalse();
    assertThat(mask.contains(18 * SIZE + 10)).isTrue();
  }

  @Test
  void overlappingContoursCancelWhereTheyOverlap() {
    RoaringBitmap mask = ContourRasterizer.fill(List.of(
        rectangle(0.5, 0.5, 10.5, 10.5), rectangle(5.5, 5.5, 15.5, 15.5)), SIZE, SIZE);
    assertThat(mask.getCardinality()).isEqualTo(100 + 100 - 2 * 25);
  }

  @Test
  void partsOutsideTheImageAreClipped() {
    RoaringBitmap mask = ContourRasterizer.fill(
        List.of(rectangle(-20.5, -5.5, 5.5, 200.5)), SIZE, SIZE);
    assertThat(mask.getCardinality()).isEqualTo(6 * SIZE);
    assertThat(ContourRasterizer.fill(List.of(rectangle(-9, -9, -2, -2)), SIZE, SIZE).isEmpty())
        .isTrue();
    assertThat(ContourRasterizer.fill(List.of(), SIZE, SIZE).isEmpty()).isTrue();
  }

  @Test
  void randomPolygonsMatchThePixelByPixelCrossingTest() {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      List<double[]> polygons = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int p = 0; p < count; p++) {
        int n = 3 + random.nextInt(40);
        double[] polygon = new double[2 * n];
        for (int k = 0; k < 2 * n; k++) {
          // Some vertices on whole numbers, as pixel centres: the edge cases of the rule.
          double value = -10 + random.nextDouble() * (SIZE + 20);
          polygon[k] = random.nextInt(4) == 0 ? Math.rint(value) : value;
        }
        polygons.add(polygon);
      }
      RoaringBitmap expected = new RoaringBitmap();
      for (int row = 0; row < SIZE; row++) {
        for (int col = 0; col < SIZE; col++) {
          boolean inside = false;
          for (double[] polygon : polygons) {
            inside ^= crossingTest(polygon, col, row);
          }
          if (inside) {
            expected.add(row * SIZE + col);
          }
        }
      }
      assertThat(ContourRasterizer.fill(polygons, SIZE, SIZE)).as("trial %d", trial)
          .isEqualTo(expected);
    }
  }

  /** W. R. Franklin's PNPOLY, written out here so the test shares nothing with the fill. */
  private static boolean crossingTest(double[] polygon, double x, double y) {
    boolean inside = false;
    int n = polygon.length / 2;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = polygon[2 * i];
      double yi = polygon[2 * i + 1];
      double xj = polygon[2 * j];
      double yj = polygon[2 * j + 1];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  }
}
