package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads a column-wise column as aggregates do, summaries for whole chunks, and checks the count,
 * sum and extremes against the rows': integers exactly, sums of doubles to a relative 1e-12.
 */
final class SummaryCheck implements NumericColumn.Summing {
  private final boolean doubles;
  long count;
  BigDecimal sum = BigDecimal.ZERO;
  double least = Double.POSITIVE_INFINITY;
  double greatest = Double.NEGATIVE_INFINITY;
  int summaries;

  private SummaryCheck(boolean doubles) {
    this.doubles = doubles;
  }

  /** Checks every column-wise column of the table over these rows. */
  static void assertAgrees(IndexTable table, RoaringBitmap ids) {
    for (int column = 0; column < table.definition().width(); column++) {
      if (table.definition().column(column).columnWise()) {
        check(table, column, ids);
      }
    }
  }

  /** Checks one column over these rows; returns what was read. */
  static SummaryCheck check(IndexTable table, int column, RoaringBitmap ids) {
    boolean doubles = table.definition().column(column).type() == ColumnType.DOUBLE;
    SummaryCheck read = new SummaryCheck(doubles);
    table.numbers(column).forEach(ids, read);
    SummaryCheck rows = new SummaryCheck(doubles);
    for (int id : ids) {
      Object value = table.row(id)[column];
      if (value != null) {
        rows.accept(doubles ? Double.doubleToRawLongBits((Double) value)
            : ((Number) value).longValue());
      }
    }
    String name = table.definition().name() + "." + table.definition().column(column).name();
    assertThat(read.count).as(name).isEqualTo(rows.count);
    assertThat(read.least).as(name).isEqualTo(rows.least);
    assertThat(read.greatest).as(name).isEqualTo(rows.greatest);
    if (doubles) {
      assertThat(read.sum.subtract(rows.sum).abs()).as(name).isLessThanOrEqualTo(
          rows.sum.abs().multiply(new BigDecimal("1e-12")));
    } else {
      assertThat(read.sum).as(name).isEqualByComparingTo(rows.sum);
    }
    return read;
  }

  @Override
  public void accept(long raw) {
    double value = doubles ? Double.longBitsToDouble(raw) : raw;
    count++;
    sum = sum.add(doubles ? new BigDecimal(value) : BigDecimal.valueOf(raw));
    least = Math.min(least, value);
    greatest = Math.max(greatest, value);
  }

  @Override
  public void acceptSummary(ColumnSummary summary) {
    summaries++;
    if (summary.count() == 0) {
      return;
    }
    count += summary.count();
    if (doubles) {
      sum = sum.add(new BigDecimal(Double.longBitsToDouble(summary.sum())))
          .add(new BigDecimal(Double.longBitsToDouble(summary.extra())));
      least = Math.min(least, Double.longBitsToDouble(summary.least()));
      greatest = Math.max(greatest, Double.longBitsToDouble(summary.greatest()));
    } else {
      sum = sum.add(new BigDecimal(BigInteger.valueOf(summary.extra()).shiftLeft(64)
          .add(new BigInteger(Long.toUnsignedString(summary.sum())))));
      least = Math.min(least, summary.least());
      greatest = Math.max(greatest, summary.greatest());
    }
  }
}
