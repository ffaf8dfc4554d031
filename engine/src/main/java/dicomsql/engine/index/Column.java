package dicomsql.engine.index;

/**
 * A column of an index table: its name as users type it, its type, whether the index keeps a
 * sorted map from each value to its rows (for =, IN, ranges and prefixes), and whether it is
 * kept for the engine's own use rather than shown in SQL.
 */
public record Column(String name, ColumnType type, boolean indexed, boolean hidden) {
  static Column plain(String name, ColumnType type) {
    return new Column(name, type, false, false);
  }

  static Column indexed(String name, ColumnType type) {
    return new Column(name, type, true, false);
  }

  static Column hidden(String name, ColumnType type) {
    return new Column(name, type, false, true);
  }
}
