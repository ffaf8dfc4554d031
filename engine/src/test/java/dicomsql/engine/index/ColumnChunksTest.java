package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * Column-wise values over several chunks, whole and partly asked for, with nulls, after a
 * bulk build and after rows were removed and added in place.
 */
class ColumnChunksTest {
  private static final int SIZE = Tables.SCAN_ERRORS.indexOf("file_size");

  @Test
  void valuesReadColumnWiseAreTheRowsValues() {
    MVStore store = new MVStore.Builder().open();
    MVMap<String, Object> meta = store.openMap("meta");
    TableStore built = new TableStore(store, meta, Tables.SCAN_ERRORS, true);
    for (int i = 0; i < 3 * ColumnChunks.SIZE + 100; i++) {
      built.add(row(i));
    }
    built.finish();
    assertSameValues(new IndexTable(built, e -> e));
    TableStore changed = new TableStore(store, meta, Tables.SCAN_ERRORS, false);
    for (int id = 5; id < 2 * ColumnChunks.SIZE; id += 11) {
      changed.remove(id);
    }
    for (int i = 0; i < 300; i++) {
      changed.add(row(-i));
    }
    changed.finish();
    assertSameValues(new IndexTable(changed, e -> e));
    store.close();
  }

  @Test
  void wholeChunksWithoutNullsComeAsRuns() {
    MVStore store = new MVStore.Builder().open();
    TableStore built = new TableStore(store, store.openMap("meta"), Tables.SCAN_ERRORS, true);
    for (int i = 0; i < 2 * ColumnChunks.SIZE + 10; i++) {
      // The second chunk holds a null.
      built.add(new Object[] {"file" + i, "error", i == ColumnChunks.SIZE + 3 ? null : 5L * i});
    }
    built.finish();
    IndexTable table = new IndexTable(built, e -> e);
    List<Long> values = new ArrayList<>();
    List<Integer> runs = new ArrayList<>();
    table.numbers(SIZE).forEach(table.all(), new NumericColumn.Run() {
      @Override
      public void accept(long value) {
        values.add(value);
      }

      @Override
      public void acceptRun(long[] run, int from, int length, long[] nulls, int nullsFrom) {
        runs.add(length);
        for (int i = 0; i < length; i++) {
          if ((nulls[nullsFrom + i / 64] & 1L << (i % 64)) == 0) {
            values.add(run[from + i]);
          }
        }
      }
    });
    List<Long> expected = new ArrayList<>();
    for (int id : table.all()) {
      Object value = table.row(id)[SIZE];
      if (value != null) {
        expected.add((Long) value);
      }
    }
    assertThat(values).isEqualTo(expected);
    assertThat(runs).containsExactly(ColumnChunks.SIZE, ColumnChunks.SIZE);
    store.close();
  }

  private static Object[] row(int i) {
    return new Object[] {"file" + i, "error", i % 7 == 0 ? null : 3L * i};
  }

  private static void assertSameValues(IndexTable table) {
    RoaringBitmap all = table.all();
    RoaringBitmap some = new RoaringBitmap();
    some.add(0L, ColumnChunks.SIZE);
    some.add(ColumnChunks.SIZE + 17);
    some.add(2L * ColumnChunks.SIZE + 1, 3L * ColumnChunks.SIZE + 50);
    some.and(all);
    for (RoaringBitmap ids : List.of(all, some)) {
      List<Long> expected = new ArrayList<>();
      for (int id : ids) {
        Object value = table.row(id)[SIZE];
        if (value != null) {
          expected.add((Long) value);
        }
      }
      List<Long> values = new ArrayList<>();
      table.numbers(SIZE).forEach(ids, values::add);
      assertThat(values).hasSize(expected.size()).isEqualTo(expected);
    }
  }
}
