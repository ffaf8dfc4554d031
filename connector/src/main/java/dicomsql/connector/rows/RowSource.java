package dicomsql.connector.rows;

import dicomsql.engine.index.ColumnBatch;
import dicomsql.engine.index.ColumnOrder;
import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.NumericColumn;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Where a SQL table's rows come from: the index's row sets for filters and the rows
 * themselves by id, with values in the engine's types ({@code String}, {@code Integer},
 * {@code Long}, {@code Double}, {@code LocalDate}, {@code LocalTime}).
 */
public interface RowSource {
  /** Names of the columns, in order. */
  List<String> columns();

  /** The engine's type of a column. */
  ColumnType type(int column);

  /** Whether filters on this column can be answered by the index. */
  boolean isIndexed(int column);

  /** Estimated row count, for the planner. */
  double rowCount();

  RoaringBitmap all();

  /**
   * Whether each id of the row sets is one row; not so where a row set's ids stand for
   * several rows each (contours for their points, instances for their elements).
   */
  default boolean idsAreRows() {
    return true;
  }

  /**
   * Whether no two rows share these columns' values and none is null there; a source that does
   * not override this declares only keys that hold by construction.
   */
  default boolean isUnique(int[] key) {
    return true;
  }

  /** Distinct values of an indexed column (for estimating joins). */
  default double distinctValues(int column) {
    return Math.max(1, rowCount() / 10);
  }

  RoaringBitmap equal(int column, Object value);

  RoaringBitmap range(int column, Object low, boolean lowInclusive, Object high,
      boolean highInclusive);

  RoaringBitmap prefix(int column, String prefix);

  RoaringBitmap nulls(int column);

  /**
   * Each distinct value of an indexed column with its rows, in value order or its reverse, for
   * counting groups and finding the first rows of a sort without decoding rows; null when this
   * source cannot tell.
   */
  default Iterator<Map.Entry<Object, RoaringBitmap>> valueSets(int column, boolean descending) {
    return null;
  }

  /**
   * A numeric column's values read column-wise, for aggregates that decode no row; null where
   * this source cannot.
   */
  default NumericColumn numbers(int column) {
    return null;
  }

  /**
   * A numeric column read column-wise in its order, for the first rows of a sort that decode
   * no other row; null where this source cannot (or its ids are not rows).
   */
  default ColumnOrder order(int column) {
    return null;
  }

  /**
   * Hands the non-null values of these rows in each of {@code columns} (columns that
   * {@link #numbers} reads) to the consumer of the same position; a source may read them all
   * in one pass.
   */
  default void readNumbers(RoaringBitmap ids, int[] columns, LongConsumer[] values) {
    for (int i = 0; i < columns.length; i++) {
      numbers(columns[i]).forEach(ids, values[i]);
    }
  }

  /** Whether {@link #forEachBatch} reads the columns {@link #numbers} reads. */
  default boolean readsBatches() {
    return false;
  }

  /**
   * Hands the values of these columns at each of these ids (with the ids) to {@code batches},
   * a batch of rows at a time, for grouping rows without decoding them; only where
   * {@link #readsBatches}, for columns {@link #numbers} reads.
   */
  default void forEachBatch(RoaringBitmap ids, int[] columns, Consumer<ColumnBatch> batches) {
    throw new UnsupportedOperationException("this source reads no columns together");
  }

  /** Whether {@link #count} knows how many rows ids stand for without reading the rows. */
  default boolean countsIds() {
    return idsAreRows();
  }

  /** How many rows the ids stand for; only where {@link #countsIds}. */
  default long count(RoaringBitmap ids) {
    return ids.getLongCardinality();
  }

  /**
   * The rows of these ids as arrays of the given columns (in that order); rows that vanish
   * are left out. Values are the engine's.
   */
  Iterator<Object[]> rows(RoaringBitmap ids, int[] columns);
}
