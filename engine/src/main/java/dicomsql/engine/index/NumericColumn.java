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
   * Hands each non-null value of these rows to {@code values}: integers as they are, doubles as
   * their bits ({@link Double#longBitsToDouble} gives them back). Values are met in id order,
   * but that a {@link Summing} consumer gets the summary of each chunk whose rows are all
   * chosen in place of its values. Ids must be of rows the table holds.
   */
  void forEach(RoaringBitmap ids, LongConsumer values);

  /**
   * A consumer of values that also takes what many of them add up to, so that a count, sum or
   * extreme over a chunk of rows reads six numbers rather than the chunk's values.
   */
  interface Summing extends LongConsumer {
    /** The values of rows that a summary stands for, which no other call hands over. */
    void acceptSummary(ColumnSummary summary);

    /** The first {@code count} values of the array, as {@link #accept} takes them one by one. */
    default void acceptAll(long[] values, int count) {
      for (int i = 0; i < count; i++) {
        accept(values[i]);
      }
    }
  }
}
