package dicomsql.engine.index;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.h2.mvstore.Cursor;
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
  private final ColumnChunks columns;
  private final RoaringBitmap[] nulls;
  private final Map<Object, Object>[] pending;
  private final boolean bulk;
  private RoaringBitmap live;
  private int nextRow;
  /** Per column: null values, and the sum of an INTEGER or BIGINT column's values. */
  private final long[] nullCounts;
  private final long[] sums;
  /** Per column: whether it is INTEGER or BIGINT, whose sum is kept. */
  private final boolean[] summed;
  /** Whether rows changed since the key's uniqueness was last checked. */
  private boolean changed;
  /** In bulk mode, for a composite key: the keys added so far; else null. */
  private final AddedKeys addedKeys;
  private volatile TableStatistics statistics;
  /** For instances and scan errors: the file states, which map each path to its row. */
  private MVMap<String, long[]> files;
  private ToIntFunction<long[]> rowOfFile;
  private int pathColumn = -1;

  @SuppressWarnings("unchecked")
  TableStore(MVStore store, MVMap<String, Object> meta, TableDefinition table, boolean bulk) {
    this.table = table;
    this.codec = RowCodec.of(table);
    this.meta = meta;
    this.bulk = bulk;
    this.rows = store.openMap("rows." + table.name(),
        new MVMap.Builder<Integer, byte[]>().singleWriter());
    this.columns = new ColumnChunks(store, table,
        (from, to) -> live.rangeCardinality(from, to));
    int width = table.width();
    this.indexes = new MVMap[width];
    this.nulls = new RoaringBitmap[width];
    this.pending = new Map[width];
    for (int i = 0; i < width; i++) {
      Column column = table.column(i);
      if (column.indexed()) {
        indexes[i] = store.openMap("index." + table.name() + "." + column.name(),
            new MVMap.Builder<Object, byte[]>().singleWriter());
        nulls[i] = RowSets.decode((byte[]) meta.get(nullsKey(i)));
        if (bulk) {
          // Doubles that differ only in low mantissa bits collide in a HashMap; sort them.
          pending[i] = column.type() == ColumnType.DOUBLE ? new TreeMap<>() : new HashMap<>();
        }
      }
    }
    this.live = RowSets.decode((byte[]) meta.get("live." + table.name()));
    Object next = meta.get("next." + table.name());
    this.nextRow = next == null ? 0 : (Integer) next;
    this.nullCounts = counts(meta.get(nullCountsKey()), width);
    this.sums = counts(meta.get(sumsKey()), width);
    this.addedKeys = bulk && table.key().size() > 1 ? new AddedKeys(keyColumns()) : null;
    this.summed = new boolean[width];
    for (int i = 0; i < width; i++) {
      ColumnType type = table.column(i).type();
      summed[i] = type == ColumnType.INTEGER || type == ColumnType.BIGINT;
    }
  }

  private static long[] counts(Object stored, int width) {
    return stored == null ? new long[width] : ((long[]) stored).clone();
  }

  private String nullCountsKey() {
    return "nullcounts." + table.name();
  }

  private String sumsKey() {
    return "sums." + table.name();
  }

  private String uniqueKey() {
    return "unique." + table.name();
  }

  /**
   * Answers lookups on the {@code path} column from the file states, whose keys are the paths
   * of every file with the rows it gave; {@code rowOf} picks this table's (-1: none).
   */
  void usePathsOf(MVMap<String, long[]> fileStates, ToIntFunction<long[]> rowOf) {
    this.files = fileStates;
    this.rowOfFile = rowOf;
    this.pathColumn = table.indexOf("path");
  }

  private String nullsKey(int column) {
    return "nulls." + table.name() + "." + table.column(column).name();
  }

  TableDefinition definition() {
    return table;
  }

  /** Stores a row under the next free id and returns the id. */
  int add(Object[] row) {
    return add(row, codec.encode(row));
  }

  /** Stores a row already encoded by this table's codec (on another thread, say). */
  int add(Object[] row, byte[] bytes) {
    int id = nextRow++;
    // Ids only grow, and one thread writes: appending skips the search a put would make.
    if (bulk) {
      rows.append(id, bytes);
    } else {
      rows.put(id, bytes);
    }
    live.add(id);
    columns.set(id, row);
    count(row, 1);
    if (addedKeys != null) {
      addedKeys.add(row);
    }
    // One boxed id for every column's gathered entries.
    Integer boxed = id;
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] != null) {
        index(i, row[i], boxed);
      }
    }
    return id;
  }

  /** Adds a row's nulls and sums to the statistics ({@code sign} 1), or takes them away (-1). */
  private void count(Object[] row, int sign) {
    changed = true;
    for (int i = 0; i < row.length; i++) {
      if (row[i] == null) {
        nullCounts[i] += sign;
      } else if (summed[i]) {
        sums[i] += sign * ((Number) row[i]).longValue();
      }
    }
  }

  private void index(int column, Object value, Integer id) {
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
    columns.remove(id);
    Object[] row = codec.decode(bytes);
    count(row, -1);
    if (addedKeys != null) {
      addedKeys.removed();
    }
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
    columns.clear();
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
    Arrays.fill(nullCounts, 0);
    Arrays.fill(sums, 0);
    if (addedKeys != null) {
      addedKeys.clear();
    }
    changed = true;
  }

  /**
   * Makes the table hold exactly {@code wanted}: rows that did not change keep their ids, and
   * only the rows that differ are removed and added, so that rewriting a derived table costs
   * in proportion to what changed. Rows are matched by their key columns (and, for rows that
   * share a key, by their order).
   */
  void replaceRows(List<Object[]> wanted) {
    int[] key = keyColumns();
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

  /** Writes what bulk mode gathered, the live and null sets, and the statistics. */
  void finish() {
    for (Runnable step : finishingSteps()) {
      step.run();
    }
    finishStatistics();
  }

  /**
   * The first part of {@link #finish}, as steps that may run at once on several threads (each
   * writes maps of its own), the largest first: the column chunks, and each indexed column's
   * gathered entries and null set. A first build of the instances spends most of its serial
   * tail here, sop_uid's 437,509 entries above all, while its derivations run beside it.
   */
  List<Runnable> finishingSteps() {
    List<Integer> indexed = new ArrayList<>();
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] != null) {
        indexed.add(i);
      }
    }
    indexed.sort(Comparator.comparingInt((Integer i) -> bulk ? pending[i].size() : 0)
        .reversed());
    List<Runnable> steps = new ArrayList<>();
    for (int i : indexed) {
      steps.add(() -> finishColumn(i));
    }
    steps.add(columns::flush);
    return steps;
  }

  private void finishColumn(int column) {
    if (bulk) {
      writeSorted(indexes[column], pending[column]);
      pending[column].clear();
    }
    meta.put(nullsKey(column), RowSets.encode(nulls[column]));
  }

  /**
   * The rest of {@link #finish}, once every step of {@link #finishingSteps} is done: the live
   * set and the statistics, whose key uniqueness may read a written value map.
   */
  void finishStatistics() {
    live.runOptimize();
    meta.put("live." + table.name(), RowSets.encode(live));
    meta.put("next." + table.name(), nextRow);
    meta.put(nullCountsKey(), nullCounts.clone());
    meta.put(sumsKey(), sums.clone());
    if (changed || meta.get(uniqueKey()) == null) {
      meta.put(uniqueKey(), keyIsUnique());
      changed = false;
    }
    statistics = null;
  }

  /**
   * Whether no two rows share the key and no row has a null in it: so when one key column is
   * by itself (which its index tells), or known from the keys a first build added, else found
   * by decoding the key columns of every row (only the tables with composite keys get here).
   */
  private boolean keyIsUnique() {
    Boolean added = addedKeys == null ? null : addedKeys.holds();
    if (added != null) {
      return added;
    }
    int[] key = keyColumns();
    int width = 0;
    for (int column : key) {
      if (isIndexed(column) && nulls(column).isEmpty() && distinctValues(column) == size()) {
        return true;
      }
      width = Math.max(width, column + 1);
    }
    Set<List<Object>> seen = new HashSet<>();
    for (int id : live) {
      Object[] row = get(id, width);
      List<Object> values = new ArrayList<>(key.length);
      for (int column : key) {
        if (row[column] == null) {
          return false;
        }
        values.add(row[column]);
      }
      if (!seen.add(values)) {
        return false;
      }
    }
    return true;
  }

  private int[] keyColumns() {
    int[] key = new int[table.key().size()];
    for (int k = 0; k < key.length; k++) {
      key[k] = table.indexOf(table.key().get(k));
    }
    return key;
  }

  /**
   * The statistics as last written by {@link #finish}: counts and sums kept as rows came and
   * went, and for indexed columns the size and ends of their value maps.
   */
  TableStatistics statistics() {
    TableStatistics known = statistics;
    if (known == null) {
      List<ColumnStatistics> columns = new ArrayList<>();
      for (int i = 0; i < table.width(); i++) {
        boolean mapped = indexes[i] != null;
        ColumnType type = table.column(i).type();
        Object min = mapped && !indexes[i].isEmpty() ? value(type, indexes[i].firstKey()) : null;
        Object max = mapped && !indexes[i].isEmpty() ? value(type, indexes[i].lastKey()) : null;
        columns.add(new ColumnStatistics(nullCounts[i],
            isIndexed(i) ? distinctValues(i) : -1, min, max, summed[i] ? sums[i] : null));
      }
      known = new TableStatistics(size(), Boolean.TRUE.equals(meta.get(uniqueKey())), columns);
      statistics = known;
    }
    return known;
  }

  /**
   * Writes gathered index entries into an empty map, in key order so they can be appended.
   * The entries are sorted as they are, so that no value is looked up again by its key.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void writeSorted(MVMap<Object, byte[]> index, Map<Object, Object> entries) {
    Map.Entry<Object, Object>[] sorted = entries.entrySet().toArray(new Map.Entry[0]);
    Arrays.parallelSort(sorted, (a, b) -> ((Comparable) a.getKey()).compareTo(b.getKey()));
    boolean empty = index.isEmpty();
    for (Map.Entry<Object, Object> entry : sorted) {
      Object value = entry.getValue();
      byte[] bytes = value instanceof RoaringBitmap set ? RowSets.encode(set)
          : RowSets.single((Integer) value);
      if (empty) {
        index.append(entry.getKey(), bytes);
      } else {
        index.put(entry.getKey(), bytes);
      }
    }
  }

  /** The row with this id, all columns; null when there is none. */
  Object[] get(int id) {
    byte[] bytes = rows.get(id);
    return bytes == null ? null : codec.decode(bytes);
  }

  /** The row's first {@code width} columns only. */
  Object[] get(int id, int width) {
    return get(id, null, width);
  }

  /** The row's columns marked in {@code wanted} (all when null) among its first {@code width}. */
  Object[] get(int id, boolean[] wanted, int width) {
    byte[] bytes = rows.get(id);
    return bytes == null ? null : codec.decode(bytes, wanted, width);
  }

  /** Whether the column's values are also kept column-wise, for {@link #chunk}. */
  boolean isKeptByColumn(int column) {
    return columns.isKept(column);
  }

  /** A chunk of a column kept column-wise (see {@link ColumnChunks}), or null. */
  long[] chunk(int column, int index) {
    return columns.chunk(column, index);
  }

  /** The summary of a chunk of a column kept column-wise, or null. */
  ColumnSummary summary(int column, int index) {
    return columns.summary(column, index);
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
    if (column == pathColumn) {
      return pathRows((String) value, (String) value, true);
    }
    requireIndex(column);
    if (value == null) {
      return new RoaringBitmap();
    }
    Object key = key(table.column(column).type(), value);
    RoaringBitmap rows = RowSets.decode(indexes[column].get(key));
    // A first build gathers index entries in memory until finish(); they count already.
    Object gathered = bulk ? pending[column].get(key) : null;
    if (gathered instanceof RoaringBitmap set) {
      rows.or(set);
    } else if (gathered != null) {
      rows.add((Integer) gathered);
    }
    return rows;
  }

  /** Rows whose indexed column is null. */
  RoaringBitmap nulls(int column) {
    if (column == pathColumn) {
      return new RoaringBitmap();
    }
    requireIndex(column);
    return nulls[column].clone();
  }

  /**
   * Rows whose indexed column lies between the bounds (a null bound is open), in the order of
   * the column's values.
   */
  RoaringBitmap range(int column, Object low, boolean lowInclusive, Object high,
      boolean highInclusive) {
    if (column == pathColumn) {
      return pathRange((String) low, lowInclusive, (String) high, highInclusive);
    }
    requireIndex(column);
    ColumnType type = table.column(column).type();
    Object from = low == null ? null : key(type, low);
    Object to = high == null ? null : key(type, high);
    RoaringBitmap result = new RoaringBitmap();
    MVMap<Object, byte[]> map = indexes[column];
    // A cursor hands each entry's value as it passes: no second search of the map per key.
    Cursor<Object, byte[]> entries = map.cursor(from);
    while (entries.hasNext()) {
      Object key = entries.next();
      if (from != null && !lowInclusive && map.getKeyType().compare(key, from) == 0) {
        continue;
      }
      if (to != null) {
        int cmp = map.getKeyType().compare(key, to);
        if (cmp > 0 || cmp == 0 && !highInclusive) {
          break;
        }
      }
      result.or(RowSets.decode(entries.getValue()));
    }
    return result;
  }

  /** Rows whose indexed text column starts with {@code prefix}. */
  RoaringBitmap prefix(int column, String prefix) {
    if (column == pathColumn) {
      return pathRows(prefix, null, false);
    }
    requireIndex(column);
    RoaringBitmap result = new RoaringBitmap();
    Cursor<Object, byte[]> entries = indexes[column].cursor(prefix);
    while (entries.hasNext()) {
      Object key = entries.next();
      if (!(key instanceof String text) || !text.startsWith(prefix)) {
        break;
      }
      result.or(RowSets.decode(entries.getValue()));
    }
    return result;
  }

  /**
   * Each distinct value of an indexed column with the rows holding it, in value order or its
   * reverse (values in the engine's types); for counting groups and for the first rows of a
   * sort without reading a row. For {@code path}, each path with its one row.
   */
  Iterator<Map.Entry<Object, RoaringBitmap>> valueSets(int column, boolean descending) {
    if (column == pathColumn) {
      return pathSets(descending);
    }
    requireIndex(column);
    ColumnType type = table.column(column).type();
    Cursor<Object, byte[]> entries = indexes[column].cursor(null, null, descending);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public Map.Entry<Object, RoaringBitmap> next() {
        Object key = entries.next();
        return Map.entry(value(type, key), RowSets.decode(entries.getValue()));
      }
    };
  }

  private Iterator<Map.Entry<Object, RoaringBitmap>> pathSets(boolean descending) {
    Cursor<String, long[]> entries = files.cursor(null, null, descending);
    return new Iterator<>() {
      private Map.Entry<Object, RoaringBitmap> next = advance();

      private Map.Entry<Object, RoaringBitmap> advance() {
        while (entries.hasNext()) {
          String path = entries.next();
          RoaringBitmap row = new RoaringBitmap();
          addRowOf(entries.getValue(), row);
          if (!row.isEmpty()) {
            return Map.entry(path, row);
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Map.Entry<Object, RoaringBitmap> next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Map.Entry<Object, RoaringBitmap> current = next;
        next = advance();
        return current;
      }
    };
  }

  /** How many distinct values an indexed column holds (for the planner's estimates). */
  long distinctValues(int column) {
    if (column == pathColumn) {
      return size();
    }
    requireIndex(column);
    return indexes[column].sizeAsLong();
  }

  boolean isIndexed(int column) {
    return indexes[column] != null || column == pathColumn;
  }

  /** Rows of paths equal to {@code path} ({@code exact}) or starting with it. */
  private RoaringBitmap pathRows(String path, String exactly, boolean exact) {
    RoaringBitmap result = new RoaringBitmap();
    if (path == null) {
      return result;
    }
    Cursor<String, long[]> entries = files.cursor(path);
    while (entries.hasNext()) {
      String key = entries.next();
      if (exact ? !key.equals(exactly) : !key.startsWith(path)) {
        break;
      }
      addRowOf(entries.getValue(), result);
    }
    return result;
  }

  private RoaringBitmap pathRange(String low, boolean lowInclusive, String high,
      boolean highInclusive) {
    RoaringBitmap result = new RoaringBitmap();
    Cursor<String, long[]> entries = files.cursor(low);
    while (entries.hasNext()) {
      String key = entries.next();
      if (low != null && !lowInclusive && key.equals(low)) {
        continue;
      }
      if (high != null) {
        int cmp = key.compareTo(high);
        if (cmp > 0 || cmp == 0 && !highInclusive) {
          break;
        }
      }
      addRowOf(entries.getValue(), result);
    }
    return result;
  }

  private void addRowOf(long[] state, RoaringBitmap result) {
    int row = state == null ? -1 : rowOfFile.applyAsInt(state);
    if (row >= 0) {
      result.add(row);
    }
  }

  private void requireIndex(int column) {
    if (indexes[column] == null) {
      throw new IllegalArgumentException(table.name() + "." + table.column(column).name()
          + " is not indexed");
    }
  }

  /** The value an index key stands for: the inverse of {@link #key}. */
  static Object value(ColumnType type, Object key) {
    switch (type) {
      case DATE:
        return LocalDate.ofEpochDay(((Number) key).longValue());
      case TIME:
        return LocalTime.ofNanoOfDay(((Number) key).longValue() * 1000);
      default:
        return key;
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
        // Values of the column's own type are keys as they are (no new box), but -0.0.
        if (value instanceof Double boxed && boxed != 0.0) {
          return boxed;
        }
        double d = ((Number) value).doubleValue();
        return d == 0.0 ? 0.0 : d;
      case INTEGER:
        return value instanceof Integer ? value : ((Number) value).intValue();
      case BIGINT:
        return value instanceof Long ? value : ((Number) value).longValue();
      default:
        return value;
    }
  }
}
