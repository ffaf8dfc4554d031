package dicomsql.engine.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongBinaryOperator;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The numeric columns of a table kept a second time, column-wise, so that an aggregate reads
 * one column's values without decoding rows: per column, chunks of {@value #SIZE} consecutive
 * row ids, each a {@code long[]} of a null bit per row followed by the rows' values (integers
 * as they are, doubles as their bits). The store keeps the arrays as they are read, so a chunk
 * read twice is not decoded twice. With each chunk its {@link ColumnSummary} is written, so that
 * an aggregate over all of a chunk's rows reads no value of it. Changes gather in memory and are
 * written when a chunk's last row is set, or by {@link #flush}; a removed row's values become
 * nulls, so that a summary counts only the table's rows.
 */
final class ColumnChunks {
  static final int SHIFT = 12;
  static final int SIZE = 1 << SHIFT;
  static final int MASK = SIZE - 1;
  /** Longs of null bits at the start of each chunk. */
  static final int NULL_WORDS = SIZE / 64;

  private final MVMap<Integer, long[]>[] chunks;
  private final MVMap<Integer, long[]>[] summaries;
  private final Map<Integer, long[]>[] changed;
  /** How many of the table's rows lie in a range of ids, {@code (from, to)}. */
  private final LongBinaryOperator rowsIn;
  /** The kept columns, and which of them hold doubles. */
  private final int[] kept;
  private final boolean[] doubles;
  /**
   * The chunk index the last row set fell in ({@code -1}: none), and that chunk of each kept
   * column: rows come in id order, so most rows find their chunks here without a map lookup.
   */
  private int currentIndex = -1;
  private final long[][] current;

  @SuppressWarnings("unchecked")
  ColumnChunks(MVStore store, TableDefinition table, LongBinaryOperator rowsIn) {
    this.rowsIn = rowsIn;
    int width = table.width();
    this.chunks = new MVMap[width];
    this.summaries = new MVMap[width];
    this.changed = new Map[width];
    this.doubles = new boolean[width];
    int count = 0;
    for (int i = 0; i < width; i++) {
      if (table.column(i).columnWise()) {
        String name = table.name() + "." + table.column(i).name();
        chunks[i] = store.openMap("column." + name,
            new MVMap.Builder<Integer, long[]>().singleWriter());
        summaries[i] = store.openMap("summary." + name,
            new MVMap.Builder<Integer, long[]>().singleWriter());
        changed[i] = new HashMap<>();
        doubles[i] = table.column(i).type() == ColumnType.DOUBLE;
        count++;
      }
    }
    this.kept = new int[count];
    for (int i = 0, k = 0; i < width; i++) {
      if (chunks[i] != null) {
        kept[k++] = i;
      }
    }
    this.current = new long[width][];
  }

  boolean isKept(int column) {
    return chunks[column] != null;
  }

  /** Records the kept columns of the row with this id (all nulls for a null row). */
  void set(int id, Object[] row) {
    int index = id >>> SHIFT;
    int offset = id & MASK;
    if (index != currentIndex) {
      for (int i : kept) {
        current[i] = changing(i, index);
      }
      currentIndex = index;
    }
    long nullBit = 1L << (offset & 63);
    for (int i : kept) {
      long[] chunk = current[i];
      Object value = row == null ? null : row[i];
      if (value == null) {
        chunk[offset >>> 6] |= nullBit;
        chunk[NULL_WORDS + offset] = 0;
      } else {
        chunk[offset >>> 6] &= ~nullBit;
        chunk[NULL_WORDS + offset] = doubles[i]
            ? Double.doubleToLongBits(((Number) value).doubleValue())
            : ((Number) value).longValue();
      }
    }
    if (offset == MASK) {
      // Ids are handed out in order, so a chunk's last row completes it: written now, a first
      // build holds one chunk per column in memory rather than the whole table.
      for (int i : kept) {
        write(i, index, current[i]);
        changed[i].remove(index);
      }
      currentIndex = -1;
    }
  }

  /** Makes the values of a removed row nulls. */
  void remove(int id) {
    set(id, null);
  }

  /** A chunk to change, read from the store or new (rows not yet stored are nulls). */
  private long[] changing(int column, int index) {
    long[] chunk = changed[column].get(index);
    if (chunk == null) {
      long[] stored = chunks[column].get(index);
      if (stored == null) {
        chunk = new long[NULL_WORDS + SIZE];
        Arrays.fill(chunk, 0, NULL_WORDS, -1L);
      } else {
        // The store hands out the array it keeps: change a copy.
        chunk = stored.clone();
      }
      changed[column].put(index, chunk);
    }
    return chunk;
  }

  private void write(int column, int index, long[] chunk) {
    chunks[column].put(index, chunk);
    long start = (long) index << SHIFT;
    summaries[column].put(index,
        ColumnSummary.of(chunk, doubles[column], rowsIn.applyAsLong(start, start + SIZE))
            .toArray());
  }

  /** Writes the chunks changed since the last flush. */
  void flush() {
    currentIndex = -1;
    for (int i : kept) {
      for (Map.Entry<Integer, long[]> chunk : changed[i].entrySet()) {
        write(i, chunk.getKey(), chunk.getValue());
      }
      changed[i].clear();
    }
  }

  void clear() {
    currentIndex = -1;
    for (int i : kept) {
      chunks[i].clear();
      summaries[i].clear();
      changed[i].clear();
    }
  }

  /** A written chunk of a kept column, or null where no row of it was ever stored. */
  long[] chunk(int column, int index) {
    return chunks[column].get(index);
  }

  /** The summary of a written chunk of a kept column, or null. */
  ColumnSummary summary(int column, int index) {
    long[] stored = summaries[column].get(index);
    return stored == null ? null : ColumnSummary.of(stored);
  }
}
