package dicomsql.engine.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;

/**
 * A numeric column kept column-wise, read for the first rows of a set in the column's order
 * ({@code ORDER BY column LIMIT n}): the chunks of the chosen rows are read into a bounded heap
 * of the best {@code n}, so that only those rows need be decoded; chunks without nulls are read
 * best first by their summaries' extremes, and those that cannot beat the heap are not read.
 */
public final class ColumnOrder {
  private final IntFunction<long[]> chunks;
  private final IntFunction<ColumnSummary> summaries;
  private final boolean doubles;

  /**
   * @param chunks the column's chunks by index, in the layout of {@link ColumnChunks}
   * @param summaries their summaries, or null where a chunk has none
   */
  ColumnOrder(IntFunction<long[]> chunks, IntFunction<ColumnSummary> summaries,
      boolean doubles) {
    this.chunks = chunks;
    this.summaries = summaries;
    this.doubles = doubles;
  }

  /**
   * The ids of the first {@code count} of these rows (ids of rows the table holds) in the
   * column's order, as a stable sort of them in id order gives them: doubles ordered as
   * {@link Double#compare} orders them (-0.0 before 0.0, NaN after +∞), rows of equal values
   * in id order, and nulls, in id order, before or after all values.
   */
  public int[] first(RoaringBitmap ids, boolean descending, boolean nullsFirst, int count) {
    int wanted = (int) Math.min(count, ids.getLongCardinality());
    if (wanted == 0) {
      return new int[0];
    }
    Page page = new Page(wanted, descending);
    List<long[]> ranked = new ArrayList<>();
    forEachChunk(ids, index -> {
      ColumnSummary summary = summaries.apply(index);
      long extreme = summary == null ? 0 : descending ? summary.greatest() : summary.least();
      // A summary's extremes of doubles are Math.min's and Math.max's: NaN where a NaN is.
      if (summary == null || summary.count() != summary.rows()
          || doubles && Double.isNaN(Double.longBitsToDouble(extreme))) {
        readChunk(ids, index, page);
      } else {
        ranked.add(new long[] {descending ? ~sortKey(extreme) : sortKey(extreme), index});
      }
    });
    // Chunks without nulls, best values first: once the page is full, a chunk whose best value
    // comes after the page's last cannot change it, nor can any after it.
    ranked.sort(Comparator.comparingLong(chunk -> chunk[0]));
    for (long[] chunk : ranked) {
      if (page.cannotTake(chunk[0])) {
        break;
      }
      readChunk(ids, (int) chunk[1], page);
    }
    return page.ids(nullsFirst);
  }

  /**
   * As {@link #first}, followed by the other rows whose value equals the last one's (or that
   * are null where it is), in id order: the rows a sort by further columns chooses from.
   */
  public int[] firstWithTies(RoaringBitmap ids, boolean descending, boolean nullsFirst,
      int count) {
    int[] first = first(ids, descending, nullsFirst, count);
    if (first.length < count || first.length == 0) {
      return first;
    }
    int last = first[first.length - 1];
    long[] chunk = chunk(last >>> ColumnChunks.SHIFT, last);
    int lastOffset = last & ColumnChunks.MASK;
    boolean lastNull = isNull(chunk, lastOffset);
    long lastKey = sortKey(chunk[ColumnChunks.NULL_WORDS + lastOffset]);
    RoaringBitmap tied = new RoaringBitmap();
    read(RoaringBitmap.andNot(ids, RoaringBitmap.bitmapOfRange(0, last + 1L)),
        (id, isNull, key) -> {
          if (isNull ? lastNull : !lastNull && key == lastKey) {
            tied.add(id);
          }
        });
    int[] withTies = Arrays.copyOf(first, first.length + tied.getCardinality());
    System.arraycopy(tied.toArray(), 0, withTies, first.length, tied.getCardinality());
    return withTies;
  }

  /** Takes a row's value: its {@link #sortKey}, or that it is null. */
  private interface RowValues {
    void accept(int id, boolean isNull, long key);
  }

  /** Hands each row's value to {@code values}, in id order. */
  private void read(RoaringBitmap ids, RowValues values) {
    forEachChunk(ids, index -> readChunk(ids, index, values));
  }

  /** The index of each chunk that holds some of the ids, ascending. */
  private static void forEachChunk(RoaringBitmap ids, IntConsumer chunks) {
    if (ids.isEmpty()) {
      return;
    }
    int last = ids.last() >>> ColumnChunks.SHIFT;
    for (int index = ids.first() >>> ColumnChunks.SHIFT; index <= last; index++) {
      long start = (long) index << ColumnChunks.SHIFT;
      if (ids.intersects(start, start + ColumnChunks.SIZE)) {
        chunks.accept(index);
      }
    }
  }

  /** Hands the value of each of the ids in a chunk to {@code values}, in id order. */
  private void readChunk(RoaringBitmap ids, int index, RowValues values) {
    int start = index << ColumnChunks.SHIFT;
    long[] chunk = chunk(index, start);
    ids.forEachInRange(start, ColumnChunks.SIZE, id -> {
      int offset = id & ColumnChunks.MASK;
      boolean isNull = isNull(chunk, offset);
      values.accept(id, isNull, isNull ? 0 : sortKey(chunk[ColumnChunks.NULL_WORDS + offset]));
    });
  }

  private long[] chunk(int index, int id) {
    long[] chunk = chunks.apply(index);
    if (chunk == null) {
      throw new IllegalStateException("the index holds no column values for row " + id);
    }
    return chunk;
  }

  private static boolean isNull(long[] chunk, int offset) {
    return (chunk[offset >>> 6] & 1L << (offset & 63)) != 0;
  }

  /**
   * A long whose signed order is the value's: integers as they are; doubles' bits (NaN's the
   * canonical ones {@link ColumnChunks} keeps) with the lower 63 bits of negatives flipped, so
   * that more negative sorts lower, which is {@link Double#compare}'s order.
   */
  private long sortKey(long value) {
    return doubles ? value ^ (value >> 63 & Long.MAX_VALUE) : value;
  }

  /** The first rows as they are read: the best values in a heap, the first nulls aside. */
  private static final class Page implements RowValues {
    private final Heap best;
    private final boolean descending;
    private final int[] nulls;
    private int nullCount;

    Page(int wanted, boolean descending) {
      this.best = new Heap(wanted);
      this.descending = descending;
      this.nulls = new int[wanted];
    }

    @Override
    public void accept(int id, boolean isNull, long key) {
      if (!isNull) {
        best.offer(descending ? ~key : key, id);
      } else if (nullCount < nulls.length) {
        nulls[nullCount++] = id;
      }
    }

    /** Whether the page is full of values that all come before a value of this key. */
    boolean cannotTake(long key) {
      return best.isFull() && key > best.worstKey();
    }

    /** The first ids, nulls before or after the values. */
    int[] ids(boolean nullsFirst) {
      int wanted = nulls.length;
      int[] values = best.sorted();
      int[] first = new int[wanted];
      int fromNulls = nullsFirst ? nullCount : Math.min(nullCount, wanted - values.length);
      int fromValues = Math.min(values.length, wanted - fromNulls);
      System.arraycopy(nulls, 0, first, nullsFirst ? 0 : fromValues, fromNulls);
      System.arraycopy(values, 0, first, nullsFirst ? fromNulls : 0, fromValues);
      return first;
    }
  }

  /**
   * The {@code size} least (key, id) pairs offered, a max-heap whose root is the worst kept;
   * of equal keys the lesser id comes first, as a stable sort of the rows in id order keeps
   * them, whatever order they are offered in.
   */
  private static final class Heap {
    private final long[] keys;
    private final int[] ids;
    private int size;

    Heap(int size) {
      this.keys = new long[size];
      this.ids = new int[size];
    }

    void offer(long key, int id) {
      if (size < keys.length) {
        siftUp(size++, key, id);
      } else if (size > 0 && (key < keys[0] || key == keys[0] && id < ids[0])) {
        siftDown(size, key, id);
      }
    }

    boolean isFull() {
      return size == keys.length;
    }

    long worstKey() {
      return keys[0];
    }

    private void siftUp(int at, long key, int id) {
      while (at > 0 && worse(key, id, (at - 1) / 2)) {
        move((at - 1) / 2, at);
        at = (at - 1) / 2;
      }
      keys[at] = key;
      ids[at] = id;
    }

    /** Puts (key, id) in the root's place, within the first {@code end} entries. */
    private void siftDown(int end, long key, int id) {
      int at = 0;
      while (2 * at + 1 < end) {
        int child = 2 * at + 1;
        if (child + 1 < end && worse(keys[child + 1], ids[child + 1], child)) {
          child++;
        }
        if (worse(key, id, child)) {
          break;
        }
        move(child, at);
        at = child;
      }
      keys[at] = key;
      ids[at] = id;
    }

    /** Whether (key, id) comes after the entry at {@code than}. */
    private boolean worse(long key, int id, int than) {
      return key > keys[than] || key == keys[than] && id > ids[than];
    }

    private void move(int from, int to) {
      keys[to] = keys[from];
      ids[to] = ids[from];
    }

    /** The kept ids, best first; empties the heap. */
    int[] sorted() {
      int[] sorted = new int[size];
      for (int end = size - 1; end >= 0; end--) {
        sorted[end] = ids[0];
        siftDown(end, keys[end], ids[end]);
      }
      size = 0;
      return sorted;
    }
  }
}
