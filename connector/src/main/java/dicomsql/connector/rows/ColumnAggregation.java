package dicomsql.connector.rows;

import dicomsql.connector.SqlValues;
import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.engine.index.ColumnType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs a {@link DicomColumnAggregate}: the groups are the non-empty intersections of the
 * grouping columns' row sets (in value order, nulls last) with the rows the pushed condition
 * keeps, and each aggregate reads its column's values for a group's rows column-wise, or the
 * summaries of the chunks whose rows the group holds all of. Integer results are exact and wrap
 * as Calcite's Java arithmetic does; sums of doubles are compensated (see {@link ColumnTotals}),
 * so they are at least as close to the exact sum as Calcite's sum in row order in all but
 * contrived cases, but not always bit for bit the same.
 */
public final class ColumnAggregation {
  private final RowSource rows;
  private final int[] groups;
  private final DicomColumnAggregate.Call[] calls;
  private final List<Object[]> result = new ArrayList<>();

  private ColumnAggregation(RowSource rows, int[] groups, DicomColumnAggregate.Call[] calls) {
    this.rows = rows;
    this.groups = groups;
    this.calls = calls;
  }

  /**
   * One row per group (one row in all without grouping columns, even over no rows): the
   * groups' values, then each call's result in Calcite's internal form.
   */
  public static List<Object[]> aggregate(RowSource rows, RoaringBitmap kept, int[] groups,
      DicomColumnAggregate.Call[] calls) {
    ColumnAggregation aggregation = new ColumnAggregation(rows, groups, calls);
    aggregation.group(0, kept, new Object[groups.length]);
    return aggregation.result;
  }

  private void group(int level, RoaringBitmap members, Object[] keys) {
    if (level == groups.length) {
      if (groups.length == 0 || !members.isEmpty()) {
        result.add(row(keys, members));
      }
      return;
    }
    Iterator<Map.Entry<Object, RoaringBitmap>> values = rows.valueSets(groups[level], false);
    while (values.hasNext()) {
      Map.Entry<Object, RoaringBitmap> value = values.next();
      subgroup(level, RoaringBitmap.and(value.getValue(), members), keys,
          SqlValues.internal(value.getKey()));
    }
    subgroup(level, RoaringBitmap.and(rows.nulls(groups[level]), members), keys, null);
  }

  private void subgroup(int level, RoaringBitmap members, Object[] keys, Object key) {
    if (!members.isEmpty()) {
      keys[level] = key;
      group(level + 1, members, keys);
    }
  }

  private Object[] row(Object[] keys, RoaringBitmap members) {
    // Calls on the same column (read the same way) share what is read, and the columns are
    // read together: a source may read them in one pass (contour points' coordinates share
    // the count of their points).
    Map<Long, ColumnTotals> read = new LinkedHashMap<>();
    List<Integer> columns = new ArrayList<>();
    for (DicomColumnAggregate.Call call : calls) {
      if (call.kind() != DicomColumnAggregate.Kind.COUNT_ROWS) {
        read.computeIfAbsent((long) call.column() << 1 | (call.asDouble() ? 1 : 0), k -> {
          columns.add(call.column());
          boolean stored = rows.numbers(call.column()).type() == ColumnType.DOUBLE;
          return new ColumnTotals(stored || call.asDouble(), stored);
        });
      }
    }
    rows.readNumbers(members, columns.stream().mapToInt(Integer::intValue).toArray(),
        read.values().toArray(new LongConsumer[0]));
    Object[] row = new Object[keys.length + calls.length];
    System.arraycopy(keys, 0, row, 0, keys.length);
    for (int i = 0; i < calls.length; i++) {
      DicomColumnAggregate.Call call = calls[i];
      row[keys.length + i] = call.kind() == DicomColumnAggregate.Kind.COUNT_ROWS
          ? rows.count(members)
          : result(read.get((long) call.column() << 1 | (call.asDouble() ? 1 : 0)), call);
    }
    return row;
  }

  /** An average of integers is a fraction when its type is (it is, in our type system). */
  private static Object result(ColumnTotals totals, DicomColumnAggregate.Call call) {
    DicomColumnAggregate.Kind kind = call.kind();
    DicomColumnAggregate.Result type = call.result();
    long count = totals.count();
    if (kind == DicomColumnAggregate.Kind.COUNT) {
      return count;
    }
    if (count == 0) {
      return kind == DicomColumnAggregate.Kind.SUM0 ? type.of(0) : null;
    }
    boolean doubles = totals.doubles();
    return switch (kind) {
      case AVG -> doubles ? type.of(totals.doubleSum() / count)
          : type == DicomColumnAggregate.Result.DOUBLE ? type.of((double) totals.sum() / count)
          : type.of(totals.sum() / count);
      case MIN -> doubles ? type.of(totals.doubleLeast()) : type.of(totals.least());
      case MAX -> doubles ? type.of(totals.doubleGreatest()) : type.of(totals.greatest());
      default -> doubles ? type.of(totals.doubleSum()) : type.of(totals.sum());
    };
  }
}
