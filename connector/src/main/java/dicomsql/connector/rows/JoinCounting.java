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
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs a {@link DicomJoinCount}: decodes the one side's keys and grouping columns, and for each
 * of its rows counts the other side's rows whose indexed key columns equal its keys (row sets of
 * a key value are looked up once).
 */
public final class JoinCounting {
  private JoinCounting() {}

  /**
   * Per group of the one side's rows that join with at least one row (one row in all without
   * groups), the group's values and the joined rows' count, {@code counts} times.
   *
   * @param manyKept the other side's rows its condition keeps, or null for all
   */
  public static List<Object[]> count(RowSource one, RoaringBitmap oneKept, int[] oneKeys,
      RowSource many, RoaringBitmap manyKept, int[] keys, int[] groups, int counts) {
    int[] fields = Arrays.copyOf(oneKeys, oneKeys.length + groups.length);
    System.arraycopy(groups, 0, fields, oneKeys.length, groups.length);
    List<Map<Object, RoaringBitmap>> looked = new ArrayList<>();
    for (int k = 0; k < keys.length; k++) {
      looked.add(new HashMap<>());
    }
    Map<List<Object>, long[]> totals = new LinkedHashMap<>();
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
      long joinedRows = joined.isEmpty() ? 0 : many.count(joined);
      List<Object> group = new ArrayList<>(groups.length);
      for (int g = 0; g < groups.length; g++) {
        group.add(SqlValues.internal(row[keys.length + g]));
      }
      totals.computeIfAbsent(group, k -> new long[1])[0] += joinedRows;
    }
    if (groups.length == 0 && totals.isEmpty()) {
      totals.put(List.of(), new long[1]);
    }
    List<Object[]> result = new ArrayList<>();
    for (Map.Entry<List<Object>, long[]> total : totals.entrySet()) {
      if (groups.length > 0 && total.getValue()[0] == 0) {
        continue;
      }
      Object[] out = new Object[groups.length + counts];
      for (int g = 0; g < groups.length; g++) {
        out[g] = total.getKey().get(g);
      }
      Arrays.fill(out, groups.length, out.length, total.getValue()[0]);
      result.add(out);
    }
    return result;
  }
}
