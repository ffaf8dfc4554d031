package dicomsql.connector.rows;

import dicomsql.engine.index.ColumnBatch;
import dicomsql.engine.index.ColumnType;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rows grouped by the values of numeric columns the index keeps column-wise, and the columns
 * that aggregate calls read totalled per group: it takes batches of the grouping columns'
 * values followed by the calls' columns' values at the same rows ({@link #columnsRead}), keys
 * each row in {@link GroupKeys} and adds its values to its group's {@link ColumnTotals}, so that
 * no row is decoded and no object is made per row. Groups are as SQL makes them: a null key is a
 * group of its own, doubles are equal when their bits are ({@code -0.0} is not {@code 0.0}, NaN
 * is NaN), as in Calcite's grouping by {@link Double#equals}.
 */
final class NumberGrouping implements Consumer<ColumnBatch> {
  private final ColumnType[] types;
  private final CallReads reads;
  private final GroupKeys groups;
  private final long[] key;
  /** Per group, its totals of each column read, side by side. */
  private ColumnTotals[] totals;
  private long[] counts = new long[16];
  private final int reading;
  /** Per row of a batch, where its group's totals start in {@link #totals}. */
  private final int[] firstTotals = new int[ColumnBatch.CAPACITY];

  /** @param types the grouping columns' types */
  NumberGrouping(ColumnType[] types, CallReads reads) {
    this.types = types;
    this.reads = reads;
    this.groups = new GroupKeys(types.length + 1);
    this.key = new long[types.length + 1];
    this.reading = reads.columns().length;
    this.totals = new ColumnTotals[16 * reading];
  }

  /** The columns a batch holds: the grouping columns, then the calls' columns. */
  static int[] columnsRead(int[] grouping, CallReads reads) {
    int[] columns = Arrays.copyOf(grouping, grouping.length + reads.columns().length);
    System.arraycopy(reads.columns(), 0, columns, grouping.length, reads.columns().length);
    return columns;
  }

  /** Keys the batch's rows first, then adds each column read to the rows' groups in turn. */
  @Override
  public void accept(ColumnBatch batch) {
    int keys = types.length;
    int size = batch.size();
    for (int row = 0; row < size; row++) {
      long nulls = 0;
      for (int c = 0; c < keys; c++) {
        boolean isNull = batch.isNull(c, row);
        key[c] = isNull ? 0 : batch.value(c, row);
        nulls |= isNull ? 1L << c : 0;
      }
      key[keys] = nulls;
      int group = groups.groupOf(key);
      if (group == counts.length) {
        counts = Arrays.copyOf(counts, 2 * counts.length);
        totals = Arrays.copyOf(totals, 2 * totals.length);
      }
      if (counts[group]++ == 0) {
        System.arraycopy(reads.totals(), 0, totals, group * reading, reading);
      }
      firstTotals[row] = group * reading;
    }
    for (int r = 0; r < reading; r++) {
      int column = keys + r;
      for (int row = 0; row < size; row++) {
        if (!batch.isNull(column, row)) {
          totals[firstTotals[row] + r].accept(batch.value(column, row));
        }
      }
    }
  }

  /**
   * A row per group met (none when no row was): {@code keys} with each grouping column's value
   * at its position in {@code positions}, then the calls' results.
   */
  void addRows(Object[] keys, int[] positions, List<Object[]> result) {
    for (int group = 0; group < groups.size(); group++) {
      Object[] row = keys.clone();
      long nulls = groups.value(group, types.length);
      for (int c = 0; c < types.length; c++) {
        row[positions[c]] = (nulls & 1L << c) != 0 ? null : value(types[c],
            groups.value(group, c));
      }
      result.add(reads.row(row,
          Arrays.copyOfRange(totals, group * reading, group * reading + reading),
          counts[group]));
    }
  }

  private static Object value(ColumnType type, long raw) {
    return switch (type) {
      case INTEGER -> (int) raw;
      case DOUBLE -> Double.longBitsToDouble(raw);
      default -> raw;
    };
  }
}
