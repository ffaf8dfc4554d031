package dicomsql.engine.index;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.h2.mvstore.MVStoreException;
import org.roaringbitmap.RoaringBitmap;

/**
 * A table of an open index, for queries: its rows by id, and the row sets its indexed columns
 * give for equality, ranges, prefixes and nulls, so that filters become bitmap algebra before
 * any row is decoded. Safe to use from several threads. A page of the index file that cannot be
 * read becomes the error {@code damaged} makes of it, which says the index is damaged and how it
 * is rebuilt.
 */
public final class IndexTable {
  private final TableStore store;
  private final Function<MVStoreException, RuntimeException> damaged;

  IndexTable(TableStore store, Function<MVStoreException, RuntimeException> damaged) {
    this.store = store;
    this.damaged = damaged;
  }

  private <T> T read(Supplier<T> reading) {
    try {
      return reading.get();
    } catch (MVStoreException e) {
      throw damaged.apply(e);
    }
  }

  public TableDefinition definition() {
    return store.definition();
  }

  /** How many rows the table holds. */
  public int size() {
    return read(store::size);
  }

  /** The ids of every row, ascending. */
  public RoaringBitmap all() {
    return read(store::live);
  }

  /** The row with this id (all columns), or null. */
  public Object[] row(int id) {
    return read(() -> store.get(id));
  }

  /** The row with this id decoded up to column {@code width - 1}; later columns are null. */
  public Object[] row(int id, int width) {
    return row(id, null, width);
  }

  /**
   * The row with this id, only the columns marked in {@code wanted} (all when null) among the
   * first {@code width} decoded; the others are null.
   */
  public Object[] row(int id, boolean[] wanted, int width) {
    try {
      return store.get(id, wanted, width);
    } catch (MVStoreException e) {
      throw damaged.apply(e);
    }
  }

  /**
   * The values of a numeric column read column-wise, without decoding rows; null for a column
   * the index keeps only in its rows.
   */
  public NumericColumn numbers(int column) {
    return store.isKeptByColumn(column) ? chunked(column) : null;
  }

  /**
   * Hands the values of these columns (all kept column-wise, see {@link #numbers}) at each of
   * these ids to {@code batches}, a batch of rows at a time, in id order. Ids must be of rows
   * the table holds.
   */
  public void forEachBatch(RoaringBitmap ids, int[] columns, Consumer<ColumnBatch> batches) {
    ChunkedColumn[] chunked = new ChunkedColumn[columns.length];
    for (int i = 0; i < columns.length; i++) {
      if (!store.isKeptByColumn(columns[i])) {
        throw new IllegalArgumentException("column " + columns[i] + " is not kept column-wise");
      }
      chunked[i] = chunked(columns[i]);
    }
    ChunkedRows.forEach(chunked, ids, batches);
  }

  private ChunkedColumn chunked(int column) {
    return new ChunkedColumn(store.definition().column(column).type(),
        index -> read(() -> store.chunk(column, index)),
        index -> read(() -> store.summary(column, index)));
  }

  /**
   * A numeric column read column-wise in its order, for the first rows of a sort; null for a
   * column the index keeps only in its rows.
   */
  public ColumnOrder order(int column) {
    if (!store.isKeptByColumn(column)) {
      return null;
    }
    return new ColumnOrder(index -> read(() -> store.chunk(column, index)),
        index -> read(() -> store.summary(column, index)),
        store.definition().column(column).type() == ColumnType.DOUBLE);
  }

  public boolean isIndexed(int column) {
    return store.isIndexed(column);
  }

  /** Rows whose indexed column equals {@code value} (a value of the column's type). */
  public RoaringBitmap equal(int column, Object value) {
    return read(() -> store.equal(column, value));
  }

  /** Rows whose indexed column lies within the bounds; a null bound is open. */
  public RoaringBitmap range(int column, Object low, boolean lowInclusive, Object high,
      boolean highInclusive) {
    return read(() -> store.range(column, low, lowInclusive, high, highInclusive));
  }

  /** Rows whose indexed text column starts with {@code prefix}. */
  public RoaringBitmap prefix(int column, String prefix) {
    return read(() -> store.prefix(column, prefix));
  }

  /** Rows whose indexed column is null. */
  public RoaringBitmap nulls(int column) {
    return read(() -> store.nulls(column));
  }

  /**
   * Each distinct value of an indexed column with its rows, in value order or its reverse;
   * for {@code path}, each path with its row.
   */
  public Iterator<Map.Entry<Object, RoaringBitmap>> valueSets(int column, boolean descending) {
    Iterator<Map.Entry<Object, RoaringBitmap>> sets =
        read(() -> store.valueSets(column, descending));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return read(sets::hasNext);
      }

      @Override
      public Map.Entry<Object, RoaringBitmap> next() {
        return read(sets::next);
      }
    };
  }

  /** What the index keeps of the table's values, for planning: no row is decoded. */
  public TableStatistics statistics() {
    return read(store::statistics);
  }

  /** Distinct non-null values of an indexed column. */
  public long distinctValues(int column) {
    return read(() -> store.distinctValues(column));
  }
}
