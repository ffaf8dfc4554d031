package dicomsql.connector.rows;

import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.engine.index.ColumnSummary;
import dicomsql.engine.index.CompensatedSum;
import dicomsql.engine.index.NumericColumn;

/**
 * Count, sum, least and greatest of the values of a column met in any order, or of the
 * summaries of whole chunks of them: integers as they are (a sum that wraps as Java's arithmetic
 * does), or doubles (stored ones given as their bits, or integers cast), summed with
 * {@link CompensatedSum} so that the sum does not depend on the order or the grouping in chunks
 * beyond about one rounding.
 */
final class ColumnTotals implements NumericColumn.Summing {
  private final boolean doubles;
  private final boolean bits;
  private final boolean extremes;
  private long count;
  private long sum;
  private long least = Long.MAX_VALUE;
  private long greatest = Long.MIN_VALUE;
  private final CompensatedSum doubleSum = new CompensatedSum();
  private double doubleLeast = Double.POSITIVE_INFINITY;
  private double doubleGreatest = Double.NEGATIVE_INFINITY;

  /**
   * @param doubles whether values are summed as doubles
   * @param bits whether they come as the bits of doubles
   */
  ColumnTotals(boolean doubles, boolean bits) {
    this(doubles, bits, true);
  }

  /**
   * @param extremes whether {@link #accept} keeps the least and greatest doubles (only a MIN or
   *     MAX call reads them; the rest of a row's work for a sum or average is about as much)
   */
  ColumnTotals(boolean doubles, boolean bits, boolean extremes) {
    this.doubles = doubles;
    this.bits = bits;
    this.extremes = extremes;
  }

  @Override
  public void accept(long raw) {
    count++;
    if (doubles) {
      double value = bits ? Double.longBitsToDouble(raw) : raw;
      doubleSum.add(value);
      if (extremes) {
        doubleLeast = Math.min(doubleLeast, value);
        doubleGreatest = Math.max(doubleGreatest, value);
      }
    } else {
      sum += raw;
      least = Math.min(least, raw);
      greatest = Math.max(greatest, raw);
    }
  }

  /** The same as {@link #accept} for each, in one loop per kind of value. */
  @Override
  public void acceptAll(long[] values, int count) {
    this.count += count;
    if (!doubles) {
      long total = sum;
      long low = least;
      long high = greatest;
      for (int i = 0; i < count; i++) {
        long value = values[i];
        total += value;
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
      sum = total;
      least = low;
      greatest = high;
      return;
    }
    double low = doubleLeast;
    double high = doubleGreatest;
    for (int i = 0; i < count; i++) {
      double value = bits ? Double.longBitsToDouble(values[i]) : values[i];
      doubleSum.add(value);
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    doubleLeast = low;
    doubleGreatest = high;
  }

  /** A summary of values of the kind this takes: of doubles where they come as bits. */
  @Override
  public void acceptSummary(ColumnSummary summary) {
    if (summary.count() == 0) {
      return;
    }
    count += summary.count();
    if (!doubles) {
      sum += summary.sum();
      least = Math.min(least, summary.least());
      greatest = Math.max(greatest, summary.greatest());
    } else if (bits) {
      doubleSum.add(Double.longBitsToDouble(summary.sum()),
          Double.longBitsToDouble(summary.extra()));
      doubleLeast = Math.min(doubleLeast, Double.longBitsToDouble(summary.least()));
      doubleGreatest = Math.max(doubleGreatest, Double.longBitsToDouble(summary.greatest()));
    } else {
      for (double part : summary.integerSumParts()) {
        doubleSum.add(part);
      }
      doubleLeast = Math.min(doubleLeast, summary.least());
      doubleGreatest = Math.max(doubleGreatest, summary.greatest());
    }
  }

  long count() {
    return count;
  }

  /** The integers' sum, wrapped to 64 bits. */
  long sum() {
    return sum;
  }

  /**
   * What a call over the values met gives, in Calcite's internal form; an average of integers
   * is a fraction when its type is (it is, in our type system). The integers' sum wraps to 64
   * bits.
   */
  Object result(DicomColumnAggregate.Call call) {
    DicomColumnAggregate.Kind kind = call.kind();
    DicomColumnAggregate.Result type = call.result();
    if (kind == DicomColumnAggregate.Kind.COUNT) {
      return count;
    }
    if (count == 0) {
      return kind == DicomColumnAggregate.Kind.SUM0 ? type.of(0) : null;
    }
    return switch (kind) {
      case AVG -> doubles ? type.of(doubleSum.value() / count)
          : type == DicomColumnAggregate.Result.DOUBLE ? type.of((double) sum / count)
          : type.of(sum / count);
      case MIN -> doubles ? type.of(doubleLeast) : type.of(least);
      case MAX -> doubles ? type.of(doubleGreatest) : type.of(greatest);
      default -> doubles ? type.of(doubleSum.value()) : type.of(sum);
    };
  }

  double doubleSum() {
    return doubleSum.value();
  }

  double doubleLeast() {
    return doubleLeast;
  }

  double doubleGreatest() {
    return doubleGreatest;
  }

  /** What the doubles met add up to, as a summary standing for {@code rows} rows. */
  ColumnSummary doubleSummary(long rows) {
    return ColumnSummary.ofDoubles(rows, count, doubleLeast, doubleGreatest, doubleSum);
  }
}
