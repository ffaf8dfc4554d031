package dicomsql.engine.index;

/**
 * What the values of a chunk of a column kept column-wise add up to, kept when the chunk is
 * written so that an aggregate over all the chunk's rows reads these six numbers, not its
 * values.
 *
 * @param rows the table's rows in the chunk: the summary stands for a set of rows that holds
 *     this many of them
 * @param count the non-null values
 * @param least the least value (as {@link NumericColumn#forEach} hands values: doubles as their
 *     bits); {@link Long#MAX_VALUE}, or the bits of +∞, when there is none
 * @param greatest the greatest, likewise {@link Long#MIN_VALUE} or -∞ when there is none
 * @param sum integers: the low 64 bits of their exact sum (a sum that wraps as Java's
 *     arithmetic does); doubles: the bits of their {@link CompensatedSum#sum}
 * @param extra integers: the high 64 bits of their exact sum; doubles: the bits of the
 *     {@link CompensatedSum#compensation}
 */
public record ColumnSummary(long rows, long count, long least, long greatest, long sum,
    long extra) {
  /** The values of a chunk in the layout of {@link ColumnChunks}. */
  static ColumnSummary of(long[] chunk, boolean doubles, long rows) {
    long count = 0;
    if (doubles) {
      CompensatedSum sum = new CompensatedSum();
      double least = Double.POSITIVE_INFINITY;
      double greatest = Double.NEGATIVE_INFINITY;
      for (int offset = 0; offset < ColumnChunks.SIZE; offset++) {
        if (isValue(chunk, offset)) {
          double value = Double.longBitsToDouble(chunk[ColumnChunks.NULL_WORDS + offset]);
          count++;
          sum.add(value);
          least = Math.min(least, value);
          greatest = Math.max(greatest, value);
        }
      }
      return ofDoubles(rows, count, least, greatest, sum);
    }
    long low = 0;
    long high = 0;
    long least = Long.MAX_VALUE;
    long greatest = Long.MIN_VALUE;
    for (int offset = 0; offset < ColumnChunks.SIZE; offset++) {
      if (isValue(chunk, offset)) {
        long value = chunk[ColumnChunks.NULL_WORDS + offset];
        count++;
        long added = low + value;
        // 128-bit two's complement: the value's sign extended, plus the carry out of the low word.
        high += (value >> 63) + (Long.compareUnsigned(added, low) < 0 ? 1 : 0);
        low = added;
        least = Math.min(least, value);
        greatest = Math.max(greatest, value);
      }
    }
    return new ColumnSummary(rows, count, least, greatest, low, high);
  }

  /** A summary of doubles from their count, extremes and sum. */
  public static ColumnSummary ofDoubles(long rows, long count, double least, double greatest,
      CompensatedSum sum) {
    return new ColumnSummary(rows, count, Double.doubleToRawLongBits(least),
        Double.doubleToRawLongBits(greatest), Double.doubleToRawLongBits(sum.sum()),
        Double.doubleToRawLongBits(sum.compensation()));
  }

  private static boolean isValue(long[] chunk, int offset) {
    return (chunk[offset >>> 6] & 1L << (offset & 63)) == 0;
  }

  /** The exact sum of a summary of integers, as doubles whose exact sum it is. */
  public double[] integerSumParts() {
    return new double[] {extra * 0x1p64, (sum >>> 32) * 0x1p32, sum & 0xffffffffL};
  }

  long[] toArray() {
    return new long[] {rows, count, least, greatest, sum, extra};
  }

  static ColumnSummary of(long[] stored) {
    return new ColumnSummary(stored[0], stored[1], stored[2], stored[3], stored[4], stored[5]);
  }
}
