package dicomsql.engine.index;

import java.util.List;

/**
 * A table's statistics as the index keeps them, for the planner: rows, whether the table's key
 * holds in fact (no two rows share it, no row has a null in it), and per column what
 * {@link ColumnStatistics} says. Written when the index is built or refreshed; read without
 * decoding a row.
 */
public record TableStatistics(long rowCount, boolean keyUnique, List<ColumnStatistics> columns) {
  public TableStatistics {
    columns = List.copyOf(columns);
  }

  public ColumnStatistics column(int column) {
    return columns.get(column);
  }
}
