package dicomsql.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.phase.Phase;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointInPolygonTruthTest {
  /** A 10x10 grid of 1 mm pixels whose centres lie at x, y = 0.5, 1.5, ..., 9.5. */
  private static CasePlan grid() {
    Anatomy anatomy = new Anatomy(new Anatomy.Ellipse(0, 0, 1, 1),
        new Anatomy.Ellipsoid(0, 0, 0, 1, 1, 1), new Anatomy.Circle(0, 0, 0),
        new Anatomy.Circle(0, 0, 0), new Anatomy.Circle(0, 0, 0), new double[4], new double[4],
        new double[4]);
    return new CasePlan(1, "c", "p", "M", 1950, 2010, "s", LocalTime.NOON, "a", "f", "m", "t",
        10, 1.0, 0.5, 0.5, anatomy, List.of(series()), List.of(), Phase.P, "rs", "r");
  }

  private static SeriesPlan series() {
    return new SeriesPlan(Phase.P, 1, "d", "u", List.of("i0", "i1", "i2"), 10, 5,
        LocalTime.NOON, true);
  }

  private static Contour square(double z, double from, double to) {
    return new Contour(0, "i0", z,
        new double[] {from, from, z, to, from, z, to, to, z, from, to, z});
  }

  private static long voxels(Contour... contours) {
    CasePlan plan = grid();
    return PointInPolygonTruth.measure(List.of(contours), plan.series().get(0), plan,
        new AbdomenPhantom(plan, 0)).voxels();
  }

  @Test
  void countsPixelCentresInsideARectangleByHand() {
    // x and y from 2.2 to 6.8 hold the centres 2.5 ... 6.5: five by five.
    assertThat(voxels(square(10, 2.2, 6.8))).isEqualTo(25);
  }

  @Test
  void countsATriangleByHand() {
    // The triangle (0,0) (10,0) (0,10) holds centre (x, y) when x + y < 10: 9+8+...+1 = 45
    // centres strictly below the diagonal, none on it since x + y is an odd integer.
    Contour triangle = new Contour(0, "i0", 10, new double[] {0, 0, 10, 10, 0, 10, 0, 10, 10});
    assertThat(voxels(triangle)).isEqualTo(45);
  }

  @Test
  void nestedContourIsAHole() {
    assertThat(voxels(square(10, 0.2, 9.8), square(10, 3.2, 6.8))).isEqualTo(100 - 16);
  }

  @Test
  void contourBetweenPlanesGoesToTheNearestWithinHalfTheSpacing() {
    // Planes lie at z = 10, 5 and 0 with 5 mm spacing.
    assertThat(voxels(square(7.6, 2.2, 6.8))).isEqualTo(25);
    assertThat(voxels(square(12.6, 2.2, 6.8))).isEqualTo(0);
  }
}
