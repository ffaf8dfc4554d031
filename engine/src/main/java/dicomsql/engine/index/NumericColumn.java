package dicomsql.engine.index;

import java.util.function.LongConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * A column of numbers read column-wise: the values of chosen rows without decoding the rows
 * they belong to.
 */
public interface NumericColumn {
  /** {@code INTEGER}, {@code BIGINT} or {@code DOUBLE}. */
  ColumnType type();

  /**
   * Hands each non-null value of these rows to {@code values} in id order: integers as they
   * are, doubles as their bits ({@link Double#longBitsToDouble} gives them back). Ids must be
   * of rows the table holds.
   */
  void forEach(RoaringBitmap ids, LongConsumer values);

  /**
   * A consumer of values that also takes a run of them at once, in id order: {@link #forEach}
   * hands whole chunks of rows this way, so that a sum or an extreme is a loop over an array
   * rather than a call a value.
   */
  interface Run extends LongConsumer {
    /**
     * The values {@code values[from + i]} for {@code i < length}, but for those whose null
     * bit, bit {@code i % 64} (lowest first) of {@code nulls[nullsFrom + i / 64]}, is set.
     */
    void acceptRun(long[] values, int from, int length, long[] nulls, int nullsFrom);
  }
}
