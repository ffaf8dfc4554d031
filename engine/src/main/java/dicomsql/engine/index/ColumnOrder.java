package dicomsql.engine.index;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * A numeric column kept column-wise, read for the first rows of a set in the column's order
 * ({@code ORDER BY column LIMIT n}): one pass over the chunks of the chosen rows keeps the best
 * {@code n} in a bounded heap, so that only those rows need be decoded.
 */
public final class ColumnOrder {
  /** Ids read at once. */
  private static final int BATCH = 256;

  private final IntFunction<long[]> chunks;
  private final boolean doubles;

  /** @param chunks the column's chunks by index, in the layout of {@link ColumnChunks} */
  ColumnOrder(IntFunction<long[]> chunks, boolean doubles) {
    this.chunks = chunks;
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
    read(ids, page);
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

  /** Hands each row's value to {@code values}, in id order, a batch of ids at a time. */
  private void read(RoaringBitmap ids, RowValues values) {
    int[] batch = new int[BATCH];
    BatchIterator next = ids.getBatchIterator();
    int index = -1;
    long[] chunk = null;
    while (next.hasNext()) {
      int read = next.nextBatch(batch);
      for (int i = 0; i < read; i++) {
        int id = batch[i];
        if (id >>> ColumnChunks.SHIFT != index) {
          index = id >>> ColumnChunks.SHIFT;
          chunk = chunk(index, id);
        }
        int offset = id & ColumnChunks.MASK;
        boolean isNull = isNull(chunk, offset);
        values.accept(id, isNull,
            isNull ? 0 : sortKey(chunk[ColumnChunks.NULL_WORDS + offset]));
      }
    }
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
   * The {@code size} least (key, id) pairs offered, a max-heap whose root is the worst kept.
   * Ids are offered ascending, so a key equal to the root's does not displace it: the earlier
   * row comes first, as a stable sort keeps it.
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
      } else if (size > 0 && key < keys[0]) {
        siftDown(size, key, id);
      }
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
