package dicomsql.connector.rows;

import dicomsql.engine.index.ColumnType;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * A table's columns without a row: every filter keeps nothing, every scan reads nothing. What a
 * schema of tables that opens no index serves (see {@code DicomSchema.withoutRows}).
 */
public final class EmptyRows implements RowSource {
  private final List<String> columns;
  private final List<ColumnType> types;
  private final boolean[] indexed;

  /** @param indexed whether each column is one the index can filter, as in the real table */
  public EmptyRows(List<String> columns, List<ColumnType> types, boolean[] indexed) {
    this.columns = List.copyOf(columns);
    this.types = List.copyOf(types);
    this.indexed = indexed.clone();
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public ColumnType type(int column) {
    return types.get(column);
  }

  @Override
  public boolean isIndexed(int column) {
    return indexed[column];
  }

  @Override
  public double rowCount() {
    return 0;
  }

  @Override
  public RoaringBitmap all() {
    return new RoaringBitmap();
  }

  @Override
  public RoaringBitmap equal(int column, Object value) {
    return new RoaringBitmap();
  }

  @Override
  public RoaringBitmap range(int column, Object low, boolean lowInclusive, Object high,
      boolean highInclusive) {
    return new RoaringBitmap();
  }

  @Override
  public RoaringBitmap prefix(int column, String prefix) {
    return new RoaringBitmap();
  }

  @Override
  public RoaringBitmap nulls(int column) {
    return new RoaringBitmap();
  }

  @Override
  public Iterator<Object[]> rows(RoaringBitmap ids, int[] columns) {
    return Collections.emptyIterator();
  }
}
