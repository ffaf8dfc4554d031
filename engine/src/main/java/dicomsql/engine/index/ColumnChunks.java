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

  private final TableDefinition table;
  private final MVMap<Integer, long[]>[] chunks;
  private final Map<Integer, long[]>[] changed;

  @SuppressWarnings("unchecked")
  ColumnChunks(MVStore store, TableDefinition table) {
    this.table = table;
    int width = table.width();
    this.chunks = new MVMap[width];
    this.changed = new Map[width];
    for (int i = 0; i < width; i++) {
      if (isKept(table.column(i))) {
        chunks[i] = store.openMap("column." + table.name() + "." + table.column(i).name(),
            new MVMap.Builder<Integer, long[]>().singleWriter());
        changed[i] = new HashMap<>();
      }
    }
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
    for (int i = 0; i < chunks.length; i++) {
      if (chunks[i] == null) {
        continue;
      }
      long[] chunk = changed[i].get(index);
      if (chunk == null) {
        long[] stored = chunks[i].get(index);
        // The store hands out the array it keeps: change a copy.
        chunk = stored == null ? new long[NULL_WORDS + SIZE] : stored.clone();
        changed[i].put(index, chunk);
      }
      Object value = row[i];
      long nullBit = 1L << (offset & 63);
      if (value == null) {
        chunk[offset >>> 6] |= nullBit;
        chunk[NULL_WORDS + offset] = 0;
      } else {
        chunk[offset >>> 6] &= ~nullBit;
        chunk[NULL_WORDS + offset] = table.column(i).type() == ColumnType.DOUBLE
            ? Double.doubleToLongBits(((Number) value).doubleValue())
            : ((Number) value).longValue();
      }
      if (offset == MASK) {
        // Ids are handed out in order, so a chunk's last row completes it: written now, a
        // first build holds one chunk per column in memory rather than the whole table.
        chunks[i].put(index, chunk);
        changed[i].remove(index);
      }
    }
  }

  /** Writes the chunks changed since the last flush. */
  void flush() {
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
