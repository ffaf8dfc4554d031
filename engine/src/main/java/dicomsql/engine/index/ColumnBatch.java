package dicomsql.engine.index;

/**
 * The values of several column-wise columns at the same rows, a batch of rows at a time: what
 * grouping rows by some columns and totalling others reads in one pass, without decoding a
 * row. A batch is reused for the next one once its consumer returns.
 */
public final class ColumnBatch {
  /** Rows a batch holds at most. */
  public static final int CAPACITY = 256;

  private final int[] ids;
  private final long[][] values;
  private final boolean[][] nulls;
  private int size;

  /** @param ids where the reader puts each batch's ids */
  ColumnBatch(int[] ids, int columns) {
    this.ids = ids;
    this.values = new long[columns][CAPACITY];
    this.nulls = new boolean[columns][CAPACITY];
  }

  /** How many rows the batch holds. */
  public int size() {
    return size;
  }

  /** The id of a row of the batch (ids ascend). */
  public int id(int row) {
    return ids[row];
  }

  /**
   * The value at a row of the column at this position among those read: an integer as it is,
   * a double as its bits ({@link Double#longBitsToDouble} gives it back); 0 where null.
   */
  public long value(int column, int row) {
    return values[column][row];
  }

  public boolean isNull(int column, int row) {
    return nulls[column][row];
  }

  /** A column's values at rows {@code from} to {@code to} (exclusive) of ids of one chunk. */
  void gather(int column, long[] chunk, int[] ids, int from, int to) {
    long[] columnValues = values[column];
    boolean[] columnNulls = nulls[column];
    for (int row = from; row < to; row++) {
      int offset = ids[row] & ColumnChunks.MASK;
      columnNulls[row] = (chunk[offset >>> 6] & 1L << (offset & 63)) != 0;
      columnValues[row] = chunk[ColumnChunks.NULL_WORDS + offset];
    }
  }

  void resize(int size) {
    this.size = size;
  }
}
