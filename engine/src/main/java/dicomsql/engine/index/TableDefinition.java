package dicomsql.engine.index;

import java.util.List;

/** A table of the SQL contract as the index stores it: name, columns in order, and key. */
public record TableDefinition(String name, List<Column> columns, List<String> key) {
  public TableDefinition {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  /** Position of a column, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  public Column column(int index) {
    return columns.get(index);
  }

  public int width() {
    return columns.size();
  }

  ColumnType[] types() {
    ColumnType[] types = new ColumnType[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type();
    }
    return types;
  }
}
