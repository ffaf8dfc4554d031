package dicomsql.engine.index;

import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The numeric columns of a table kept a second time, column-wise, so that an aggregate reads
 * one column's values without decoding rows: per column, chunks of {@value #SIZE} consecutive
 * row ids, each a {@code long[]} of a null bit per row followed by the rows' values (integers
 * as they are, doubles as their bits). The store keeps the arrays as they are read, so a chunk
 * read twice is not decoded twice. Changes gather in memory and are written when a chunk's last
 * row is set, or by {@link #flush}.
 */
final class ColumnChunks {
  static final int SHIFT = 12;
  static final int SIZE = 1 << SHIFT;
  static final int MASK = SIZE - 1;
  /** Longs of null bits at the start of each chunk. */
  static final int NULL_WORDS = SIZE / 64;

  private final MVMap<Integer, long[]>[] chunks;
  private final Map<Integer, long[]>[] changed;
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
  ColumnChunks(MVStore store, TableDefinition table) {
    int width = table.width();
    this.chunks = new MVMap[width];
    this.changed = new Map[width];
    this.doubles = new boolean[width];
    int count = 0;
    for (int i = 0; i < width; i++) {
      if (isKept(table.column(i))) {
        chunks[i] = store.openMap("column." + table.name() + "." + table.column(i).name(),
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

  /** Shown columns of numbers: what aggregates and filters of SQL read. */
  static boolean isKept(Column column) {
    ColumnType type = column.type();
    return !column.hidden() && (type == ColumnType.INTEGER || type == ColumnType.BIGINT
        || type == ColumnType.DOUBLE);
  }

  boolean isKept(int column) {
    return chunks[column] != null;
  }

  /** Records the kept columns of the row with this id. */
  void set(int id, Object[] row) {
    int index = id >>> SHIFT;
    int offset = id & MASK;
    if (index != currentIndex) {
      for (int i : kept) {
        current[i] = changedChunk(i, index);
      }
      currentIndex = index;
    }
    long nullBit = 1L << (offset & 63);
    for (int i : kept) {
      long[] chunk = current[i];
      Object value = row[i];
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
        chunks[i].put(index, current[i]);
        changed[i].remove(index);
      }
      currentIndex = -1;
    }
  }

  /** The chunk of a column being changed: one set before, else a copy of the stored one. */
  private long[] changedChunk(int column, int index) {
    long[] chunk = changed[column].get(index);
    if (chunk == null) {
      long[] stored = chunks[column].get(index);
      // The store hands out the array it keeps: change a copy.
      chunk = stored == null ? new long[NULL_WORDS + SIZE] : stored.clone();
      changed[column].put(index, chunk);
    }
    return chunk;
  }

  /** Writes the chunks changed since the last flush. */
  void flush() {
    currentIndex = -1;
    for (int i = 0; i < chunks.length; i++) {
      if (chunks[i] == null) {
        continue;
      }
      for (Map.Entry<Integer, long[]> chunk : changed[i].entrySet()) {
        chunks[i].put(chunk.getKey(), chunk.getValue());
      }
      changed[i].clear();
    }
  }

  void clear() {
    currentIndex = -1;
    for (int i = 0; i < chunks.length; i++) {
      if (chunks[i] != null) {
        chunks[i].clear();
        changed[i].clear();
      }
    }
  }

  /** A written chunk of a kept column, or null where no row of it was ever stored. */
  long[] chunk(int column, int index) {
    return chunks[column].get(index);
  }
}
