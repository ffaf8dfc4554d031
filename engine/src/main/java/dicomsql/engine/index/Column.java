package dicomsql.engine.index;

/**
 * A column of an index table: its name as users type it, its type, whether the index keeps a
 * sorted map from each value to its rows (for =, IN, ranges and prefixes), whether it is kept
 * for the engine's own use rather than shown in SQL, and whether its numbers are also kept
 * column-wise (see {@link ColumnChunks}).
 */
public record Column(String name, ColumnType type, boolean indexed, boolean hidden,
    boolean columnWise) {
  static Column plain(String name, ColumnType type) {
    return new Column(name, type, false, false, isNumber(type));
  }

  static Column indexed(String name, ColumnType type) {
    return new Column(name, type, true, false, isNumber(type));
  }

  static Column hidden(String name, ColumnType type) {
    return new Column(name, type, false, true, false);
  }

  /** A hidden number kept column-wise: what aggregates read in place of other values. */
  static Column summarising(String name, ColumnType type) {
    if (!isNumber(type)) {
      throw new IllegalArgumentException(name + " is not a number");
    }
    return new Column(name, type, false, true, true);
  }

  private static boolean isNumber(ColumnType type) {
    return type == ColumnType.INTEGER || type == ColumnType.BIGINT || type == ColumnType.DOUBLE;
  }
}
