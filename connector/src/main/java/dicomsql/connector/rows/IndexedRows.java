package dicomsql.connector.rows;

import dicomsql.engine.index.IndexTable;
import org.roaringbitmap.RoaringBitmap;

/**
 * A row source whose filters an index table answers: each of its columns that the index can
 * filter stands for a column of that table, and the table's row sets are this source's.
 */
abstract class IndexedRows implements RowSource {
  protected final IndexTable table;
  private final int[] tableColumn;

  /** @param tableColumn the table column behind each column here, or -1 where none is */
  IndexedRows(IndexTable table, int[] tableColumn) {
    this.table = table;
    this.tableColumn = tableColumn;
  }

  /** The table column behind a column here, or -1. */
  protected int tableColumn(int column) {
    return tableColumn[column];
  }

  @Override
  public boolean isIndexed(int column) {
    return tableColumn[column] >= 0 && table.isIndexed(tableColumn[column]);
  }

  @Override
  public double distinctValues(int column) {
    return Math.max(1, table.distinctValues(tableColumn[column]));
  }

  @Override
  public RoaringBitmap all() {
    return table.all();
  }

  @Override
  public RoaringBitmap equal(int column, Object value) {
    return table.equal(tableColumn[column], value);
  }

  @Override
  public RoaringBitmap range(int column, Object low, boolean lowInclusive, Object high,
      boolean highInclusive) {
    return table.range(tableColumn[column], low, lowInclusive, high, highInclusive);
  }

  @Override
  public RoaringBitmap prefix(int column, String prefix) {
    return table.prefix(tableColumn[column], prefix);
  }

  @Override
  public RoaringBitmap nulls(int column) {
    return table.nulls(tableColumn[column]);
  }
}
