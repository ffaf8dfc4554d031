package dicomsql.connector.rows;

import dicomsql.engine.index.ColumnOrder;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The ids of the first rows of a sort by one column ({@code ORDER BY column LIMIT}), best
 * first, rows of equal values in id order as a stable sort of the scan gives them: from the
 * column's value map, walked from the best value until enough rows are found, or from its
 * values read column-wise into a bounded heap.
 */
public final class FirstRows {
  private FirstRows() {}

  /**
   * Kept rows whose values read column-wise cost about as much as one value set read from the
   * map (about a thousand at seed scale: a set's read and intersection take some 17 µs, a value
   * from a chunk some 10 ns).
   */
  private static final int ROWS_PER_VALUE_SET = 1024;

  /**
   * From an indexed column's value map. A walk under a condition may meet every value before it
   * finds enough of the rows kept (rows whose values are all null, say); where the column is
   * also kept column-wise, the walk stops once it has cost what reading the kept rows' values
   * costs, and those values are read instead: never much more than the cheaper of the two.
   *
   * @param kept the rows the pushed condition keeps, or null for all
   */
  public static int[] ofIndexed(RowSource rows, RoaringBitmap kept, int column,
      boolean descending, boolean nullsFirst, int wanted) {
    ColumnOrder order = kept == null ? null : rows.order(column);
    long budget = order == null ? Long.MAX_VALUE
        : Math.max(8, kept.getLongCardinality() / ROWS_PER_VALUE_SET);
    IntList ids = new IntList(Math.min(wanted, 1024));
    if (nullsFirst) {
      take(rows.nulls(column), kept, ids, wanted);
    }
    Iterator<Map.Entry<Object, RoaringBitmap>> values = rows.valueSets(column, descending);
    while (ids.size < wanted && values.hasNext()) {
      if (budget-- == 0) {
        return order.first(kept, descending, nullsFirst, wanted);
      }
      take(values.next().getValue(), kept, ids, wanted);
    }
    if (!nullsFirst) {
      take(rows.nulls(column), kept, ids, wanted);
    }
    return Arrays.copyOf(ids.ids, ids.size);
  }

  /**
   * From a numeric column kept column-wise ({@link RowSource#order}); with {@code ties},
   * followed by the other rows whose value equals the last one's.
   */
  public static int[] ofColumn(RowSource rows, RoaringBitmap kept, int column,
      boolean descending, boolean nullsFirst, int wanted, boolean ties) {
    ColumnOrder order = rows.order(column);
    RoaringBitmap ids = kept == null ? rows.all() : kept;
    return ties ? order.firstWithTies(ids, descending, nullsFirst, wanted)
        : order.first(ids, descending, nullsFirst, wanted);
  }

  /** How many first rows a page from {@code offset} of {@code fetch} rows needs. */
  public static int wanted(long offset, long fetch) {
    long wanted = offset + fetch;
    return wanted < 0 || wanted > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) wanted;
  }

  /** Adds the ids of {@code set} that {@code kept} keeps (all when null), up to {@code wanted}. */
  private static void take(RoaringBitmap set, RoaringBitmap kept, IntList ids, int wanted) {
    if (kept != null) {
      set.and(kept);
    }
    IntIterator id = set.getIntIterator();
    while (ids.size < wanted && id.hasNext()) {
      ids.add(id.next());
    }
  }

  /** A growing array of ids. */
  private static final class IntList {
    private int[] ids;
    private int size;

    IntList(int capacity) {
      this.ids = new int[Math.max(capacity, 1)];
    }

    void add(int id) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, 2 * size);
      }
      ids[size++] = id;
    }
  }
}
