package dicomsql.connector.rows;

import dicomsql.connector.SqlValues;
import dicomsql.connector.rel.DicomJoinCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs a {@link DicomJoinCount}: decodes the one side's keys and grouping columns, and for each
 * of its rows counts the other side's rows whose indexed key columns equal its keys (row sets of
 * a key value are looked up once), split by the row sets of that side's grouping columns.
 */
public final class JoinCounting {
  /**
   * What the counts are grouped by: columns of the one side ({@code one}) and indexed columns
   * of the other ({@code many}), the output holding the one side's first when {@code oneFirst}.
   */
  public record Groups(int[] one, int[] many, boolean oneFirst) {
    int width() {
      return one.length + many.length;
    }
  }

  private final RowSource many;
  private final Groups groups;
  /** Per grouping column of the other side: its values (Calcite's form; null last). */
  private final List<List<Object>> splitValues = new ArrayList<>();
  /**
   * Per grouping column of the other side: the position in {@link #splitValues} of each of
   * its rows' value, by id; the joined rows of a key are few, so they are looked up one by one
   * rather than intersected with every value's row set.
   */
  private final List<int[]> splitOf = new ArrayList<>();
  private final Map<List<Object>, long[]> totals;

  /** @param oneRows how many rows of the one side are decoded (for sizing the tables) */
  private JoinCounting(RowSource many, Groups groups, int oneRows) {
    this.many = many;
    this.groups = groups;
    long expectedGroups = oneRows;
    RoaringBitmap all = many.all();
    int ids = all.isEmpty() ? 0 : all.last() + 1;
    for (int column : groups.many()) {
      List<Object> values = new ArrayList<>();
      int[] of = new int[ids];
      Iterator<Map.Entry<Object, RoaringBitmap>> sets = many.valueSets(column, false);
      while (sets.hasNext()) {
        Map.Entry<Object, RoaringBitmap> set = sets.next();
        mark(of, set.getValue(), values.size());
        values.add(SqlValues.internal(set.getKey()));
      }
      mark(of, many.nulls(column), values.size());
      values.add(null);
      splitValues.add(values);
      splitOf.add(of);
      expectedGroups *= values.size();
    }
    this.totals = new LinkedHashMap<>((int) Math.min(1 << 20, Math.max(16, expectedGroups * 2)));
  }

  private static void mark(int[] of, RoaringBitmap ids, int value) {
    IntIterator id = ids.getIntIterator();
    while (id.hasNext()) {
      int next = id.next();
      if (next < of.length) {
        of[next] = value;
      }
    }
  }

  /**
   * Per group that joins with at least one row (one row in all without groups), the group's
   * values and the joined rows' count, {@code counts} times; or, where {@code distinct} names
   * an output group column, per group of the other columns, how many distinct non-null values
   * that column takes over the joined rows, {@code counts} times.
   *
   * @param manyKept the other side's rows its condition keeps, or null for all
   * @param distinct the position among the output's group columns of the one whose values are
   *     counted, or -1 to count rows
   */
  public static List<Object[]> count(RowSource one, RoaringBitmap oneKept, int[] oneKeys,
      RowSource many, RoaringBitmap manyKept, int[] keys, Groups groups, int distinct,
      int counts) {
    JoinCounting counting = new JoinCounting(many, groups, oneKept.getCardinality());
    int[] fields = Arrays.copyOf(oneKeys, oneKeys.length + groups.one().length);
    System.arraycopy(groups.one(), 0, fields, oneKeys.length, groups.one().length);
    List<Map<Object, RoaringBitmap>> looked = new ArrayList<>();
    for (int k = 0; k < keys.length; k++) {
      looked.add(new HashMap<>(Math.min(1 << 20, oneKept.getCardinality() * 2)));
    }
    Iterator<Object[]> rows = one.rows(oneKept, fields);
    while (rows.hasNext()) {
      Object[] row = rows.next();
      // The key's row sets first: they are small, the kept rows may be all of them.
      RoaringBitmap joined = null;
      for (int k = 0; k < keys.length && (joined == null || !joined.isEmpty()); k++) {
        int column = keys[k];
        RoaringBitmap equal = row[k] == null ? new RoaringBitmap()
            : looked.get(k).computeIfAbsent(row[k], value -> many.equal(column, value));
        joined = joined == null ? equal : RoaringBitmap.and(joined, equal);
      }
      if (manyKept != null) {
        joined = RoaringBitmap.and(joined, manyKept);
      }
      List<Object> group = new ArrayList<>(groups.width());
      for (int g = 0; g < groups.one().length; g++) {
        group.add(SqlValues.internal(row[keys.length + g]));
      }
      counting.split(0, joined, group);
    }
    return distinct < 0 ? result(counting.totals, groups.width(), counts, false)
        : result(counting.distinctValues(distinct), groups.width() - 1, counts, true);
  }

  /** Adds the rows of {@code joined} to their groups: {@code group} split further by level. */
  private void split(int level, RoaringBitmap joined, List<Object> group) {
    if (level == splitValues.size()) {
      long joinedRows = joined.isEmpty() ? 0 : many.count(joined);
      List<Object> key = group;
      if (!groups.oneFirst()) {
        key = new ArrayList<>(group.subList(groups.one().length, group.size()));
        key.addAll(group.subList(0, groups.one().length));
      }
      totals.computeIfAbsent(key, k -> new long[1])[0] += joinedRows;
      return;
    }
    List<Object> values = splitValues.get(level);
    int[] of = splitOf.get(level);
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
    for (int value = 0; value < parts.length; value++) {
      if (parts[value] != null) {
        List<Object> deeper = new ArrayList<>(group);
        deeper.add(values.get(value));
        split(level + 1, parts[value], deeper);
      }
    }
  }

  /**
   * Per group of the output's other group columns, how many of the groups under it have a
   * non-null value at {@code position}: the groups left are those with joined rows, so these
   * are the distinct values of that column over the joined rows.
   */
  private Map<List<Object>, long[]> distinctValues(int position) {
    Map<List<Object>, long[]> distinct = new LinkedHashMap<>();
    for (Map.Entry<List<Object>, long[]> total : totals.entrySet()) {
      if (total.getValue()[0] == 0) {
        continue;
      }
      List<Object> rest = new ArrayList<>(total.getKey());
      Object value = rest.remove(position);
      distinct.computeIfAbsent(rest, k -> new long[1])[0] += value == null ? 0 : 1;
    }
    return distinct;
  }

  /**
   * Rows of {@code width} group values and the total, {@code counts} times: a row per group
   * (with a non-zero total, unless {@code zeros}), and without groups one row in all.
   */
  private static List<Object[]> result(Map<List<Object>, long[]> totals, int width,
      int counts, boolean zeros) {
    if (width == 0 && totals.isEmpty()) {
      totals.put(List.of(), new long[1]);
    }
    List<Object[]> result = new ArrayList<>();
    for (Map.Entry<List<Object>, long[]> total : totals.entrySet()) {
      if (width > 0 && !zeros && total.getValue()[0] == 0) {
        continue;
      }
      Object[] out = new Object[width + counts];
      for (int g = 0; g < width; g++) {
        out[g] = total.getKey().get(g);
      }
      Arrays.fill(out, width, out.length, total.getValue()[0]);
      result.add(out);
    }
    return result;
  }
}
