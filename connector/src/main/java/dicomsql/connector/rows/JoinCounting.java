package dicomsql.connector.rows;

import dicomsql.connector.SqlValues;
import dicomsql.connector.rel.DicomJoinCount;
import dicomsql.engine.index.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs a {@link DicomJoinCount}: decodes the one side's keys and grouping columns, and for each
 * of its rows counts the other side's rows whose indexed key columns equal its keys (row sets of
 * a key value are looked up once), split by the row sets of that side's grouping columns.
 */
public final class JoinCounting {
  /**
   * Up to how many values of the other side's key per row of the one side are read in one walk
   * of the key's value map rather than searched for row by row.
   */
  private static final int KEYS_PER_ROW = 2;

  /**
   * What the counts are grouped by: columns of the one side ({@code one}) and indexed columns
   * of the other ({@code many}), the output holding the one side's first when {@code oneFirst}.
   * Where {@code distinct} is a position in {@code many}, that column is not an output group:
   * the count is of its distinct non-null values per group of the others.
   */
  public record Groups(int[] one, int[] many, boolean oneFirst, int distinct) {
    /** How many group values an output row holds. */
    int width() {
      return one.length + many.length - (distinct < 0 ? 0 : 1);
    }
  }

  private final RowSource many;
  private final Groups groups;
  /**
   * Per grouping column of the other side: its values and each of its rows' value; the joined
   * rows of a key are few, so they are looked up one by one rather than intersected with every
   * value's row set.
   */
  private final List<ValuePositions> splitBy = new ArrayList<>();
  /**
   * Per group: its count of rows, or, counting distinct values, a bit per value of that column
   * met in the group's rows.
   */
  private final Map<List<Object>, long[]> totals;
  /** How many longs a group's bits of values take. */
  private int words = 1;

  /** @param oneRows how many rows of the one side are decoded (for sizing the tables) */
  private JoinCounting(RowSource many, Groups groups, int oneRows) {
    this.many = many;
    this.groups = groups;
    long expectedGroups = oneRows;
    RoaringBitmap all = many.all();
    int ids = all.isEmpty() ? 0 : all.last() + 1;
    for (int level = 0; level < groups.many().length; level++) {
      int column = groups.many()[level];
      ValuePositions values = ValuePositions.read(many.valueSets(column, false),
          many.nulls(column), ids);
      splitBy.add(values);
      if (level == groups.distinct()) {
        words = (values.values().size() + 63) / 64;
      } else {
        expectedGroups *= values.values().size();
      }
    }
    this.totals = new LinkedHashMap<>((int) Math.min(1 << 20, Math.max(16, expectedGroups * 2)));
  }

  /**
   * Per group that joins with at least one row (one row in all without groups), the group's
   * values and the joined rows' count (or the distinct values', see {@link Groups}),
   * {@code counts} times.
   *
   * @param manyKept the other side's rows its condition keeps, or null for all
   */
  public static List<Object[]> count(RowSource one, RoaringBitmap oneKept, int[] oneKeys,
      RowSource many, RoaringBitmap manyKept, int[] keys, Groups groups, int counts) {
    JoinCounting counting = new JoinCounting(many, groups, oneKept.getCardinality());
    forEachJoined(one, oneKept, oneKeys, many, manyKept, keys, groups.one(),
        (group, joined) -> counting.split(0, joined, group, -1));
    return counting.result(counts);
  }

  /**
   * For each kept row of the one side, its values of {@code oneGroups} (Calcite's form) and
   * the other side's kept rows whose indexed key columns equal its keys.
   *
   * @param manyKept the other side's rows its condition keeps, or null for all
   */
  static void forEachJoined(RowSource one, RoaringBitmap oneKept, int[] oneKeys,
      RowSource many, RoaringBitmap manyKept, int[] keys, int[] oneGroups,
      BiConsumer<List<Object>, RoaringBitmap> each) {
    int[] fields = Arrays.copyOf(oneKeys, oneKeys.length + oneGroups.length);
    System.arraycopy(oneGroups, 0, fields, oneKeys.length, oneGroups.length);
    List<Map<Object, RoaringBitmap>> looked = new ArrayList<>();
    boolean[] complete = new boolean[keys.length];
    for (int k = 0; k < keys.length; k++) {
      looked.add(new HashMap<>(Math.min(1 << 20, oneKept.getCardinality() * 2)));
      complete[k] = readAllKeys(one.type(oneKeys[k]), many, keys[k],
          oneKept.getCardinality(), looked.get(k));
    }
    Iterator<Object[]> rows = one.rows(oneKept, fields);
    while (rows.hasNext()) {
      Object[] row = rows.next();
      // The key's row sets first: they are small, the kept rows may be all of them.
      RoaringBitmap joined = null;
      for (int k = 0; k < keys.length && (joined == null || !joined.isEmpty()); k++) {
        int column = keys[k];
        RoaringBitmap equal = row[k] == null ? new RoaringBitmap()
            : complete[k] ? looked.get(k).getOrDefault(row[k], new RoaringBitmap())
            : looked.get(k).computeIfAbsent(row[k], value -> many.equal(column, value));
        joined = joined == null ? equal : RoaringBitmap.and(joined, equal);
      }
      if (manyKept != null) {
        joined = RoaringBitmap.and(joined, manyKept);
      }
      List<Object> group = new ArrayList<>(oneGroups.length);
      for (int g = 0; g < oneGroups.length; g++) {
        group.add(SqlValues.internal(row[keys.length + g]));
      }
      each.accept(group, joined);
    }
  }

  /**
   * Reads every value of the other side's key column with its rows into {@code sets}, where
   * the one side's rows are about as many as the key's values or more: one walk of the
   * column's value map costs less than a search of it per row. Only for keys of the same type
   * on both sides, and not doubles (an index keeps -0.0 as 0.0), whose values are then equal
   * exactly where the searches would find them.
   *
   * @return whether {@code sets} now holds every value, so that a value not in it has no rows
   */
  private static boolean readAllKeys(ColumnType oneType, RowSource many, int column,
      int oneRows, Map<Object, RoaringBitmap> sets) {
    if (oneType != many.type(column) || oneType == ColumnType.DOUBLE
        || (double) oneRows * KEYS_PER_ROW < many.distinctValues(column)) {
      return false;
    }
    Iterator<Map.Entry<Object, RoaringBitmap>> values = many.valueSets(column, false);
    if (values == null) {
      return false;
    }
    while (values.hasNext()) {
      Map.Entry<Object, RoaringBitmap> value = values.next();
      sets.put(value.getKey(), value.getValue());
    }
    return true;
  }

  /**
   * Adds the rows of {@code joined} to their groups: {@code group} split further by level.
   *
   * @param counted the position of the counted column's value these rows have (-1: none yet,
   *     or null)
   */
  private void split(int level, RoaringBitmap joined, List<Object> group, int counted) {
    if (level == splitBy.size()) {
      List<Object> key = group;
      if (!groups.oneFirst()) {
        key = new ArrayList<>(group.subList(groups.one().length, group.size()));
        key.addAll(group.subList(0, groups.one().length));
      }
      long[] total = totals.computeIfAbsent(key, k -> new long[words]);
      if (groups.distinct() < 0) {
        total[0] += joined.isEmpty() ? 0 : many.count(joined);
      } else if (counted >= 0) {
        total[counted >>> 6] |= 1L << counted;
      }
      return;
    }
    List<Object> values = splitBy.get(level).values();
    int[] of = splitBy.get(level).of();
    RoaringBitmap[] parts = new RoaringBitmap[values.size()];
    IntIterator id = joined.getIntIterator();
    while (id.hasNext()) {
      int next = id.next();
      int value = of[next];
      if (parts[value] == null) {
        parts[value] = new RoaringBitmap();
      }
      parts[value].add(next);
    }
    boolean counting = level == groups.distinct();
    for (int part = 0; part < parts.length; part++) {
      if (parts[part] != null) {
        List<Object> deeper = group;
        if (!counting) {
          deeper = new ArrayList<>(group);
          deeper.add(values.get(part));
        }
        boolean isNull = part == parts.length - 1;
        split(level + 1, parts[part], deeper, !counting ? counted : isNull ? -1 : part);
      }
    }
  }

  /**
   * Rows of the group values and the total, {@code counts} times: a row per group with joined
   * rows, and without groups one row in all.
   */
  private List<Object[]> result(int counts) {
    int width = groups.width();
    if (width == 0 && totals.isEmpty()) {
      totals.put(List.of(), new long[words]);
    }
    List<Object[]> result = new ArrayList<>();
    for (Map.Entry<List<Object>, long[]> total : totals.entrySet()) {
      long value = 0;
      if (groups.distinct() < 0) {
        value = total.getValue()[0];
        // A row of the one side that joins nothing leaves a group of no rows; counting
        // values, a group is made only for the rows of a value.
        if (width > 0 && value == 0) {
          continue;
        }
      } else {
        for (long word : total.getValue()) {
          value += Long.bitCount(word);
        }
      }
      Object[] out = new Object[width + counts];
      for (int g = 0; g < width; g++) {
        out[g] = total.getKey().get(g);
      }
      Arrays.fill(out, width, out.length, value);
      result.add(out);
    }
    return result;
  }
}
