package dicomsql.engine.index;

/**
 * The values of several column-wise columns at the same rows, a batch of rows at a time: what
 * grouping rows by some columns and totalling others reads in one pass, without decoding a
 * row. A batch is reused for the next one once its consumer returns.
 */
public final class ColumnBatch {
  /** Rows a batch holds at most. */
  static final int CAPACITY = 256;

  private final long[][] values;
  private final boolean[][] nulls;
  private int size;

  ColumnBatch(int columns) {
    this.values = new long[columns][CAPACITY];
    this.nulls = new boolean[columns][CAPACITY];
  }

  /** How many rows the batch holds. */
  public int size() {
    return size;
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

  void set(int column, int row, boolean isNull, long value) {
    nulls[column][row] = isNull;
    values[column][row] = value;
  }

  void resize(int size) {
    this.size = size;
  }
}
