package dicomsql.connector.rows;

import dicomsql.engine.index.ColumnBatch;
import dicomsql.engine.index.ColumnType;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rows grouped by the values of numeric columns the index keeps column-wise and by the ranks of
 * indexed columns' values ({@link ValueRanks}), and the columns that aggregate calls read
 * totalled per group: it takes batches of the numeric grouping columns' values followed by the
 * calls' columns' values at the same rows ({@link #columnsRead}), keys each row in
 * {@link GroupKeys} and adds its values to its group's {@link ColumnTotals}, so that no row is
 * decoded and no object is made per row. Groups are as SQL makes them: a null key is a group of
 * its own, doubles are equal when their bits are ({@code -0.0} is not {@code 0.0}, NaN is NaN),
 * as in Calcite's grouping by {@link Double#equals}.
 */
final class NumberGrouping implements Consumer<ColumnBatch> {
  /** Per grouping column, its type, where it is in a batch (-1: ranked), and its ranks. */
  private final ColumnType[] types;
  private final int[] batchColumns;
  private final ValueRanks[] ranks;
  /** Where the calls' columns start in a batch. */
  private final int firstRead;
  private final CallReads reads;
  private final GroupKeys groups;
  /** In front of {@link #groups} for a single key that is not of doubles; else null. */
  private final DirectKeys direct;
  private final long[] key;
  /** Per group, its totals of each column read, side by side. */
  private ColumnTotals[] totals;
  private long[] counts = new long[16];
  private final int reading;
  /** Per row of a batch, where its group's totals start in {@link #totals}. */
  private final int[] firstTotals = new int[ColumnBatch.CAPACITY];

  /**
   * @param types the grouping columns' types
   * @param ranks per grouping column, the ranks of its values, or null where its values are
   *     read from the batch (in this order, before the calls' columns)
   */
  NumberGrouping(ColumnType[] types, ValueRanks[] ranks, CallReads reads) {
    this.types = types;
    this.ranks = ranks;
    this.batchColumns = new int[types.length];
    int read = 0;
    for (int c = 0; c < types.length; c++) {
      batchColumns[c] = ranks[c] == null ? read++ : -1;
    }
    this.firstRead = read;
    this.reads = reads;
    this.groups = new GroupKeys(types.length + 1);
    this.direct = types.length == 1 && (ranks[0] != null || types[0] != ColumnType.DOUBLE)
        ? new DirectKeys(groups) : null;
    this.key = new long[types.length + 1];
    this.reading = reads.columns().length;
    this.totals = new ColumnTotals[16 * reading];
  }

  /** The columns a batch holds: the grouping columns read from it, then the calls' columns. */
  static int[] columnsRead(int[] grouping, CallReads reads) {
    int[] columns = Arrays.copyOf(grouping, grouping.length + reads.columns().length);
    System.arraycopy(reads.columns(), 0, columns, grouping.length, reads.columns().length);
    return columns;
  }

  /** Keys the batch's rows first, then adds each column read to the rows' groups in turn. */
  @Override
  public void accept(ColumnBatch batch) {
    int size = batch.size();
    for (int row = 0; row < size; row++) {
      int group = direct != null ? directGroup(batch, row) : hashedGroup(batch, row);
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
      int column = firstRead + r;
      for (int row = 0; row < size; row++) {
        if (!batch.isNull(column, row)) {
          totals[firstTotals[row] + r].accept(batch.value(column, row));
        }
      }
    }
  }

  private int directGroup(ColumnBatch batch, int row) {
    int at = batchColumns[0];
    if (at < 0) {
      long rank = ranks[0].rank(batch.id(row));
      return direct.groupOf(rank, rank < 0);
    }
    return direct.groupOf(batch.value(at, row), batch.isNull(at, row));
  }

  private int hashedGroup(ColumnBatch batch, int row) {
    int keys = types.length;
    long nulls = 0;
    for (int c = 0; c < keys; c++) {
      int at = batchColumns[c];
      long value = at < 0 ? ranks[c].rank(batch.id(row)) : batch.value(at, row);
      boolean isNull = at < 0 ? value < 0 : batch.isNull(at, row);
      key[c] = isNull ? 0 : value;
      nulls |= isNull ? 1L << c : 0;
    }
    key[keys] = nulls;
    return groups.groupOf(key);
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
        long value = groups.value(group, c);
        row[positions[c]] = (nulls & 1L << c) != 0 ? null
            : ranks[c] != null ? ranks[c].value((int) value) : value(types[c], value);
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
