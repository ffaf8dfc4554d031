package dicomsql.connector.rows;

import dicomsql.engine.index.Column;
import dicomsql.engine.index.ColumnBatch;
import dicomsql.engine.index.ColumnOrder;
import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.IndexTable;
import dicomsql.engine.index.NumericColumn;
import dicomsql.engine.index.TableDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/** The rows of a table the index stores, its columns those the contract shows. */
public final class StoredRows extends IndexedRows {
  private final List<String> columns = new ArrayList<>();

  public StoredRows(IndexTable table) {
    super(table, identity(table));
    for (Column column : table.definition().columns()) {
      if (!column.hidden()) {
        columns.add(column.name());
      }
    }
  }

  private static int[] identity(IndexTable table) {
    int[] columns = new int[table.definition().width()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = i;
    }
    return columns;
  }

  /** The columns a SQL table shows: the visible ones, which come before any hidden one. */
  public static List<Column> visible(TableDefinition definition) {
    List<Column> visible = new ArrayList<>();
    for (Column column : definition.columns()) {
      if (!column.hidden()) {
        visible.add(column);
      }
    }
    return visible;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public ColumnType type(int column) {
    return table.definition().column(column).type();
  }

  @Override
  public double rowCount() {
    return table.size();
  }

  /** Whether the table's key holds, as the index's statistics say; other keys are not known. */
  @Override
  public boolean isUnique(int[] key) {
    TableDefinition definition = table.definition();
    int[] declared = new int[definition.key().size()];
    for (int k = 0; k < declared.length; k++) {
      declared[k] = definition.indexOf(definition.key().get(k));
    }
    return Arrays.equals(key, declared) && table.statistics().keyUnique();
  }

  @Override
  public Iterator<Map.Entry<Object, RoaringBitmap>> valueSets(int column,
      boolean descending) {
    return table.isIndexed(column) ? table.valueSets(column, descending) : null;
  }

  @Override
  public NumericColumn numbers(int column) {
    return table.numbers(column);
  }

  @Override
  public ColumnOrder order(int column) {
    return table.order(column);
  }

  @Override
  public boolean readsBatches() {
    return true;
  }

  @Override
  public void forEachBatch(RoaringBitmap ids, int[] columns, Consumer<ColumnBatch> batches) {
    table.forEachBatch(ids, columns, batches);
  }

  @Override
  public Iterator<Object[]> rows(RoaringBitmap ids, int[] wanted) {
    int width = 0;
    boolean[] decoded = new boolean[table.definition().width()];
    for (int column : wanted) {
      width = Math.max(width, column + 1);
      decoded[column] = true;
    }
    int decode = width;
    IntIterator id = ids.getIntIterator();
    if (wanted.length == 0) {
      // COUNT(*) and the like need no values: the ids are enough.
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return id.hasNext();
        }

        @Override
        public Object[] next() {
          id.next();
          return new Object[0];
        }
      };
    }
    return new Iterator<>() {
      private Object[] next = advance();

      private Object[] advance() {
        while (id.hasNext()) {
          Object[] row = table.row(id.next(), decoded, decode);
          if (row != null) {
            Object[] out = new Object[wanted.length];
            for (int i = 0; i < wanted.length; i++) {
              out[i] = row[wanted[i]];
            }
            return out;
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Object[] next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Object[] current = next;
        next = advance();
        return current;
      }
    };
  }
}
