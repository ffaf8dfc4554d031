package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each contour keeps, per coordinate, the sum and extremes of its points, which aggregates of
 * contour_points read in place of the points: checked against the points themselves (sums
 * against their exact sum, to a relative 1e-15).
 */
class ContourSummariesTest {
  @TempDir
  Path tmp;

  @Test
  void eachContourSummarisesItsPoints() throws Exception {
    Path data = TestData.generate(tmp.resolve("data"), 2, 3, 32, 6);
    TableDefinition c = Tables.CONTOURS;
    int points = c.indexOf("points");
    try (DicomIndex index = DicomIndex.open(data,
        IndexOptions.defaults().withFolder(tmp.resolve("index")))) {
      index.update();
      List<Object[]> contours = TestData.rows(index, "contours");
      assertThat(contours).isNotEmpty();
      for (Object[] contour : contours) {
        double[] xyz = (double[]) contour[points];
        assertThat(xyz).isNotEmpty();
        for (int axis = 0; axis < 3; axis++) {
          String name = "xyz".substring(axis, axis + 1);
          BigDecimal exact = BigDecimal.ZERO;
          double least = Double.POSITIVE_INFINITY;
          double greatest = Double.NEGATIVE_INFINITY;
          for (int k = axis; k < xyz.length; k += 3) {
            exact = exact.add(new BigDecimal(xyz[k]));
            least = Math.min(least, xyz[k]);
            greatest = Math.max(greatest, xyz[k]);
          }
          double sum = (Double) TestData.value(contour, c, name + "_sum");
          assertThat(new BigDecimal(sum).subtract(exact).abs())
              .isLessThanOrEqualTo(exact.abs().multiply(new BigDecimal("1e-15")));
          assertThat(TestData.value(contour, c, name + "_min")).isEqualTo(least);
          assertThat(TestData.value(contour, c, name + "_max")).isEqualTo(greatest);
        }
      }
      IndexTable table = index.table("contours");
      SummaryCheck.assertAgrees(table, table.all());
    }
  }
}
