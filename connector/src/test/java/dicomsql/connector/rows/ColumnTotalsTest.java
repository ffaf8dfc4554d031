package dicomsql.connector.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dicomsql.engine.index.ColumnSummary;
import dicomsql.engine.index.CompensatedSum;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sums of doubles as column aggregates make them, from chunks' summaries and single values,
 * against the exact sum: never further from it than Calcite's sum in row order.
 */
class ColumnTotalsTest {
  private static final int CHUNK = 4096;

  /** Values of very different magnitudes and signs, where a sum in row order loses much. */
  private static List<Double> adversarial(long seed) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 5 * CHUNK + 123; i++) {
      values.add(switch (i % 4) {
        case 0 -> 1e16 * (1 + random.nextDouble());
        case 1 -> random.nextDouble();
        case 2 -> -1e16 * (1 + random.nextDouble());
        default -> random.nextDouble() * 1e-3 * (random.nextBoolean() ? 1 : -1);
      });
    }
    return values;
  }

  @Test
  void summedChunksAreAtLeastAsCloseToTheExactSumAsARowOrderSum() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Double> values = adversarial(seed);
      BigDecimal exact = BigDecimal.ZERO;
      double rowOrder = 0;
      for (double value : values) {
        exact = exact.add(new BigDecimal(value));
        rowOrder += value;
      }
      // Chunks 1 and 3 partly chosen (their values one by one), the others whole (summaries).
      ColumnTotals totals = new ColumnTotals(true, true);
      for (int start = 0; start < values.size(); start += CHUNK) {
        List<Double> chunk = values.subList(start, Math.min(values.size(), start + CHUNK));
        if (start / CHUNK % 2 == 1) {
          chunk.forEach(value -> totals.accept(Double.doubleToRawLongBits(value)));
        } else {
          totals.acceptSummary(summary(chunk));
        }
      }
      double pushed = totals.doubleSum();
      BigDecimal pushedError = new BigDecimal(pushed).subtract(exact).abs();
      BigDecimal rowOrderError = new BigDecimal(rowOrder).subtract(exact).abs();
      assertThat(rowOrderError).as("the data lose precision in row order")
          .isGreaterThan(BigDecimal.ONE);
      assertThat(pushedError).isLessThanOrEqualTo(rowOrderError);
      // Within a rounding or two of the exact sum, which a row-order sum is far from.
      assertThat(pushed).isCloseTo(exact.doubleValue(), offset(2 * Math.ulp(pushed)));
      assertThat(totals.count()).isEqualTo(values.size());
    }
  }

  private static ColumnSummary summary(List<Double> chunk) {
    CompensatedSum sum = new CompensatedSum();
    double least = Double.POSITIVE_INFINITY;
    double greatest = Double.NEGATIVE_INFINITY;
    for (double value : chunk) {
      sum.add(value);
      least = Math.min(least, value);
      greatest = Math.max(greatest, value);
    }
    return ColumnSummary.ofDoubles(chunk.size(), chunk.size(), least, greatest, sum);
  }

  @Test
  void integersCastToDoubleSumExactlyBeyondSixtyFourBits() {
    // Two values near Long.MAX_VALUE: the 128-bit sum 2^64 - 4 wraps as a long.
    long low = (Long.MAX_VALUE - 1) + (Long.MAX_VALUE - 1);
    ColumnTotals totals = new ColumnTotals(true, false);
    totals.acceptSummary(new ColumnSummary(2, 2, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, low,
        0));
    totals.accept(4);
    BigInteger exact = BigInteger.valueOf(Long.MAX_VALUE - 1).shiftLeft(1)
        .add(BigInteger.valueOf(4));
    assertThat(totals.doubleSum()).isEqualTo(exact.doubleValue());
    assertThat(totals.doubleGreatest()).isEqualTo((double) (Long.MAX_VALUE - 1));
    assertThat(totals.doubleLeast()).isEqualTo(4.0);
    ColumnTotals wrapped = new ColumnTotals(false, false);
    wrapped.acceptSummary(new ColumnSummary(2, 2, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, low,
        0));
    assertThat(wrapped.sum()).isEqualTo(-4L);
  }

  @Test
  void emptySummariesLeaveNothingAndNaNsAndInfinitiesPropagate() {
    ColumnTotals totals = new ColumnTotals(true, true);
    totals.acceptSummary(ColumnSummary.ofDoubles(10, 0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, new CompensatedSum()));
    assertThat(totals.count()).isZero();
    totals.accept(Double.doubleToRawLongBits(Double.POSITIVE_INFINITY));
    totals.accept(Double.doubleToRawLongBits(1.0));
    assertThat(totals.doubleSum()).isEqualTo(Double.POSITIVE_INFINITY);
    totals.accept(Double.doubleToRawLongBits(Double.NaN));
    assertThat(totals.doubleSum()).isNaN();
  }

  @Test
  void totalsKeepingNoExtremesSumAndCountTheSame() {
    ColumnTotals all = new ColumnTotals(true, true);
    ColumnTotals sums = new ColumnTotals(true, true, false);
    for (double value : adversarial(9)) {
      all.accept(Double.doubleToRawLongBits(value));
      sums.accept(Double.doubleToRawLongBits(value));
    }
    assertThat(sums.count()).isEqualTo(all.count());
    assertThat(Double.doubleToRawLongBits(sums.doubleSum()))
        .isEqualTo(Double.doubleToRawLongBits(all.doubleSum()));
    assertThat(all.doubleLeast()).isLessThan(all.doubleGreatest());
  }
}
