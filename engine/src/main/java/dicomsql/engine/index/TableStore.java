package dicomsql.engine.index;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.roaringbitmap.RoaringBitmap;

/**
 * One table in the store: rows by dense integer id, and for each indexed column a sorted map
 * from value to the set of rows holding it, plus the rows where it is null. In bulk mode (a
 * first build) index entries are gathered in memory and written once at the end; otherwise each
 * change updates them in place.
 */
final class TableStore {
  private final TableDefinition table;
  private final RowCodec codec;
  private final MVMap<Integer, byte[]> rows;
  private final MVMap<String, Object> meta;
  private final MVMap<Object, byte[]>[] indexes;
  private final RoaringBitmap[] nulls;
  private final Map<Object, Object>[] pending;
  private final boolean bulk;
  private RoaringBitmap live;
  private int nextRow;

  @SuppressWarnings("unchecked")
  TableStore(MVStore store, MVMap<String, Object> meta, TableDefinition table, boolean bulk) {
    this.table = table;
    this.codec = new RowCodec(table);
    this.meta = meta;
    this.bulk = bulk;
    this.rows = store.openMap("rows." + table.name());
    int width = table.width();
    this.indexes = new MVMap[width];
    this.nulls = new RoaringBitmap[width];
    this.pending = new Map[width];
    for (int i = 0; i < width; i++) {
      Column column = table.column(i);
      if (column.indexed()) {
        indexes[i] = store.openMap("index." + table.name() + "." + column.name());
        nulls[i] = RowSets.decode((byte[]) meta.get(nullsKey(i)));
        if (bulk) {
          pending[i] = new HashMap<>();
        }
      }
    }
    this.live = RowSets.decode((byte[]) meta.get("live." + table.name()));
    Object next = meta.get("next." + table.name());
    this.nextRow = next == null ? 0 : (Integer) next;
  }

  private String nullsKey(int column) {
    return "nulls." + table.name() + "." + table.column(column).name();
  }

  TableDefinition definition() {
    return table;
  }

  /** Stores a row under the next free id and returns the id. */
  int add(Object[] row) {
    int id = nextRow++;
    rows.put(id, codec.encode(row));
    live.add(id);
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] != null) {
        index(i, row[i], id);
      }
    }
    return id;
  }

  private void index(int column, Object value, int id) {
    if (value == null) {
      nulls[column].add(id);
      return;
    }
    Object key = key(table.column(column).type(), value);
    if (bulk) {
      pending[column].merge(key, id, TableStore::union);
      return;
    }
    RoaringBitmap set = RowSets.decode(indexes[column].get(key));
    set.add(id);
    indexes[column].put(key, RowSets.encode(set));
  }

  private static Object union(Object a, Object b) {
    RoaringBitmap set = a instanceof RoaringBitmap bitmap ? bitmap
        : RoaringBitmap.bitmapOf((Integer) a);
    if (b instanceof RoaringBitmap other) {
      set.or(other);
    } else {
      set.add((Integer) b);
    }
    return set;
  }

  /** Removes a row and its index entries. */
  void remove(int id) {
    byte[] bytes = rows.remove(id);
    if (bytes == null) {
      return;
    }
    live.remove(id);
    Object[] row = codec.decode(bytes);
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] == null) {
        continue;
      }
      if (row[i] == null) {
        nulls[i].remove(id);
        continue;
      }
      Object key = key(table.column(i).type(), row[i]);
      RoaringBitmap set = RowSets.decode(indexes[i].get(key));
      set.remove(id);
      if (set.isEmpty()) {
        indexes[i].remove(key);
      } else {
        indexes[i].put(key, RowSets.encode(set));
      }
    }
  }

  /** Empties the table, ids starting again from 0. */
  void clear() {
    rows.clear();
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] != null) {
        indexes[i].clear();
        nulls[i] = new RoaringBitmap();
        if (bulk) {
          pending[i].clear();
        }
      }
    }
    live = new RoaringBitmap();
    nextRow = 0;
  }

  /**
   * Makes the table hold exactly {@code wanted}: rows that did not change keep their ids, and
   * only the rows that differ are removed and added, so that rewriting a derived table costs
   * in proportion to what changed. Rows are matched by their key columns (and, for rows that
   * share a key, by their order).
   */
  void replaceRows(List<Object[]> wanted) {
    int[] key = new int[table.key().size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = table.indexOf(table.key().get(k));
    }
    Map<List<Object>, Integer> existing = new HashMap<>();
    for (int id : live) {
      existing.put(keyOf(get(id), key, existing), id);
    }
    Map<List<Object>, Boolean> seen = new HashMap<>();
    List<Object[]> toAdd = new ArrayList<>();
    for (Object[] row : wanted) {
      List<Object> rowKey = keyOf(row, key, seen);
      seen.put(rowKey, Boolean.TRUE);
      Integer id = existing.remove(rowKey);
      if (id == null) {
        toAdd.add(row);
      } else if (!Arrays.deepEquals(get(id), row)) {
        remove(id);
        toAdd.add(row);
      }
    }
    for (int id : existing.values()) {
      remove(id);
    }
    for (Object[] row : toAdd) {
      add(row);
    }
  }

  /** The key columns of a row, plus how many rows before it had the same ones. */
  private static List<Object> keyOf(Object[] row, int[] key, Map<List<Object>, ?> before) {
    List<Object> values = new ArrayList<>(key.length + 1);
    for (int column : key) {
      values.add(row[column]);
    }
    values.add(0);
    int occurrence = 0;
    while (before.containsKey(values)) {
      values.set(key.length, ++occurrence);
    }
    return values;
  }

  /** Writes what bulk mode gathered, and the live and null sets. */
  void finish() {
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] == null) {
        continue;
      }
      if (bulk) {
        for (Map.Entry<Object, Object> entry : pending[i].entrySet()) {
          Object value = entry.getValue();
          indexes[i].put(entry.getKey(), value instanceof RoaringBitmap set ? RowSets.encode(set)
              : RowSets.single((Integer) value));
        }
        pending[i].clear();
      }
      meta.put(nullsKey(i), RowSets.encode(nulls[i]));
    }
    live.runOptimize();
    meta.put("live." + table.name(), RowSets.encode(live));
    meta.put("next." + table.name(), nextRow);
  }

  /** The row with this id, all columns; null when there is none. */
  Object[] get(int id) {
    byte[] bytes = rows.get(id);
    return bytes == null ? null : codec.decode(bytes);
  }

  /** The row's first {@code width} columns only. */
  Object[] get(int id, int width) {
    byte[] bytes = rows.get(id);
    return bytes == null ? null : codec.decode(bytes, width);
  }

  /** Every row id, in order. */
  RoaringBitmap live() {
    return live.clone();
  }

  int size() {
    return live.getCardinality();
  }

  /** Rows whose indexed column equals the value. */
  RoaringBitmap equal(int column, Object value) {
    requireIndex(column);
    if (value == null) {
      return new RoaringBitmap();
    }
    return RowSets.decode(indexes[column].get(key(table.column(column).type(), value)));
  }

  /** Rows whose indexed column is null. */
  RoaringBitmap nulls(int column) {
    requireIndex(column);
    return nulls[column].clone();
  }

  /**
   * Rows whose indexed column lies between the bounds (a null bound is open), in the order of
   * the column's values.
   */
  RoaringBitmap range(int column, Object low, boolean lowInclusive, Object high,
      boolean highInclusive) {
    requireIndex(column);
    ColumnType type = table.column(column).type();
    Object from = low == null ? null : key(type, low);
    Object to = high == null ? null : key(type, high);
    RoaringBitmap result = new RoaringBitmap();
    MVMap<Object, byte[]> map = indexes[column];
    Iterator<Object> keys = from == null ? map.keyIterator(null) : map.keyIterator(from);
    while (keys.hasNext()) {
      Object key = keys.next();
      if (from != null && !lowInclusive && map.getKeyType().compare(key, from) == 0) {
        continue;
      }
      if (to != null) {
        int cmp = map.getKeyType().compare(key, to);
        if (cmp > 0 || cmp == 0 && !highInclusive) {
          break;
        }
      }
      result.or(RowSets.decode(map.get(key)));
    }
    return result;
  }

  /** Rows whose indexed text column starts with {@code prefix}. */
  RoaringBitmap prefix(int column, String prefix) {
    requireIndex(column);
    RoaringBitmap result = new RoaringBitmap();
    MVMap<Object, byte[]> map = indexes[column];
    Iterator<Object> keys = map.keyIterator(prefix);
    while (keys.hasNext()) {
      Object key = keys.next();
      if (!(key instanceof String text) || !text.startsWith(prefix)) {
        break;
      }
      result.or(RowSets.decode(map.get(key)));
    }
    return result;
  }

  /** How many distinct values an indexed column holds (for the planner's estimates). */
  long distinctValues(int column) {
    requireIndex(column);
    return indexes[column].sizeAsLong();
  }

  boolean isIndexed(int column) {
    return indexes[column] != null;
  }

  private void requireIndex(int column) {
    if (indexes[column] == null) {
      throw new IllegalArgumentException(table.name() + "." + table.column(column).name()
          + " is not indexed");
    }
  }

  /** The form a value takes as an index key: dates as epoch days, times as microseconds. */
  static Object key(ColumnType type, Object value) {
    switch (type) {
      case DATE:
        return ((LocalDate) value).toEpochDay();
      case TIME:
        return ((LocalTime) value).toNanoOfDay() / 1000;
      case DOUBLE:
        double d = ((Number) value).doubleValue();
        return d == 0.0 ? 0.0 : d;
      case INTEGER:
        return ((Number) value).intValue();
      case BIGINT:
        return ((Number) value).longValue();
      default:
        return value;
    }
  }
}
