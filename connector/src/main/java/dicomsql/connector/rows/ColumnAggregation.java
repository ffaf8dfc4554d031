package dicomsql.connector.rows;

import dicomsql.connector.SqlValues;
import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.NumericColumn;
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
 * keeps, and each aggregate reads its column's values for a group's rows column-wise. Values
 * are met in id order, as a scan meets them, so sums of doubles come out bit for bit as
 * Calcite's own aggregate makes them; integer results wrap as its Java arithmetic does.
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
    // read together: the coordinates of contour points come from one decoding of each contour.
    Map<Long, Accumulator> read = new LinkedHashMap<>();
    List<Integer> columns = new ArrayList<>();
    for (DicomColumnAggregate.Call call : calls) {
      if (call.kind() != DicomColumnAggregate.Kind.COUNT_ROWS) {
        read.computeIfAbsent((long) call.column() << 1 | (call.asDouble() ? 1 : 0), k -> {
          columns.add(call.column());
          boolean stored = rows.numbers(call.column()).type() == ColumnType.DOUBLE;
          return new Accumulator(stored || call.asDouble(), stored);
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
          : read.get((long) call.column() << 1 | (call.asDouble() ? 1 : 0)).result(call);
    }
    return row;
  }

  /**
   * Count, sum, least and greatest of the values met: as integers, summed as Calcite sums them
   * in the call's type, or as doubles (stored ones given as their bits, or integers cast). Runs
   * of values are taken in loops of their own, per kind of value; sums stay in id order.
   */
  private static final class Accumulator implements NumericColumn.Run {
    private final boolean doubles;
    private final boolean bits;
    private long count;
    private long sum;
    private long least = Long.MAX_VALUE;
    private long greatest = Long.MIN_VALUE;
    private double doubleSum;
    private double doubleLeast = Double.POSITIVE_INFINITY;
    private double doubleGreatest = Double.NEGATIVE_INFINITY;

    /**
     * @param doubles whether values are summed as doubles
     * @param bits whether they come as the bits of doubles
     */
    Accumulator(boolean doubles, boolean bits) {
      this.doubles = doubles;
      this.bits = bits;
    }

    @Override
    public void accept(long raw) {
      count++;
      if (doubles) {
        double value = bits ? Double.longBitsToDouble(raw) : raw;
        doubleSum += value;
        doubleLeast = Math.min(doubleLeast, value);
        doubleGreatest = Math.max(doubleGreatest, value);
      } else {
        sum += raw;
        least = Math.min(least, raw);
        greatest = Math.max(greatest, raw);
      }
    }

    @Override
    public void acceptRun(long[] values, int from, int length, long[] nulls, int nullsFrom) {
      for (int start = 0; start < length; start += 64) {
        int end = Math.min(length, start + 64);
        long word = nulls[nullsFrom + (start >>> 6)];
        if (word == 0) {
          acceptAll(values, from + start, from + end);
        } else {
          for (int i = start; i < end; i++) {
            if ((word & 1L << (i & 63)) == 0) {
              accept(values[from + i]);
            }
          }
        }
      }
    }

    /** Every value of {@code values[from..to)}, in loops of their own per kind of value. */
    private void acceptAll(long[] values, int from, int to) {
      count += to - from;
      if (!doubles) {
        long runSum = sum;
        long runLeast = least;
        long runGreatest = greatest;
        for (int i = from; i < to; i++) {
          long value = values[i];
          runSum += value;
          runLeast = Math.min(runLeast, value);
          runGreatest = Math.max(runGreatest, value);
        }
        sum = runSum;
        least = runLeast;
        greatest = runGreatest;
        return;
      }
      double runSum = doubleSum;
      double runLeast = doubleLeast;
      double runGreatest = doubleGreatest;
      for (int i = from; i < to; i++) {
        double value = bits ? Double.longBitsToDouble(values[i]) : values[i];
        runSum += value;
        runLeast = Math.min(runLeast, value);
        runGreatest = Math.max(runGreatest, value);
      }
      doubleSum = runSum;
      doubleLeast = runLeast;
      doubleGreatest = runGreatest;
    }

    /** An average of integers is a fraction when its type is (it is, in our type system). */
    Object result(DicomColumnAggregate.Call call) {
      DicomColumnAggregate.Kind kind = call.kind();
      DicomColumnAggregate.Result type = call.result();
      if (kind == DicomColumnAggregate.Kind.COUNT) {
        return count;
      }
      if (count == 0) {
        return kind == DicomColumnAggregate.Kind.SUM0 ? type.of(0) : null;
      }
      return switch (kind) {
        case AVG -> doubles ? type.of(doubleSum / count)
            : type == DicomColumnAggregate.Result.DOUBLE ? type.of((double) sum / count)
            : type.of(sum / count);
        case MIN -> doubles ? type.of(doubleLeast) : type.of(least);
        case MAX -> doubles ? type.of(doubleGreatest) : type.of(greatest);
        default -> doubles ? type.of(doubleSum) : type.of(sum);
      };
    }
  }
}
