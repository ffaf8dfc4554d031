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
}
