package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * Column-wise values (of one column, or of several read together) and chunk summaries over
 * several chunks, whole and partly asked for, with nulls, after a bulk build and after rows were
 * removed and added in place.
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
  void chunksWhoseRowsAreAllAskedForComeAsTheirSummaries() {
    MVStore store = new MVStore.Builder().open();
    MVMap<String, Object> meta = store.openMap("meta");
    TableStore built = new TableStore(store, meta, Tables.SCAN_ERRORS, true);
    for (int i = 0; i < 3 * ColumnChunks.SIZE + 100; i++) {
      built.add(row(i));
    }
    built.finish();
    IndexTable table = new IndexTable(built, e -> e);
    assertThat(totals(table, table.all()).summaries).isEqualTo(4);
    RoaringBitmap cut = table.all();
    cut.remove(2L * ColumnChunks.SIZE + 5, 2L * ColumnChunks.SIZE + 60);
    cut.remove(3 * ColumnChunks.SIZE + 1);
    assertThat(totals(table, cut).summaries).isEqualTo(2);

    // In place: a removed row no longer counts in its chunk's summary, added rows do.
    TableStore changed = new TableStore(store, meta, Tables.SCAN_ERRORS, false);
    changed.remove(ColumnChunks.SIZE + 2);
    changed.remove(ColumnChunks.SIZE + 7);
    for (int i = 0; i < 5000; i++) {
      changed.add(new Object[] {"new" + i, "error", i == 3 ? null : Long.MAX_VALUE - i});
    }
    changed.finish();
    table = new IndexTable(changed, e -> e);
    assertThat(totals(table, table.all()).summaries).isEqualTo(5);
    cut = table.all();
    cut.remove(ColumnChunks.SIZE + 3);
    assertThat(totals(table, cut).summaries).isEqualTo(4);
    RoaringBitmap none = new RoaringBitmap();
    assertThat(totals(table, none).count).isZero();
    store.close();
  }

  @Test
  void scatteredRowsBetweenWholeChunksAreEachReadOnce() {
    MVStore store = new MVStore.Builder().open();
    MVMap<String, Object> meta = store.openMap("meta");
    TableStore built = new TableStore(store, meta, Tables.SCAN_ERRORS, true);
    for (int i = 0; i < 5 * ColumnChunks.SIZE; i++) {
      built.add(row(i));
    }
    built.finish();
    // Chunk 2 keeps 10 rows: whole, it is shorter than a batch of ids, so a batch runs on past
    // its summary; chunk 4, whole with all its rows, ends the batch that reaches into it.
    TableStore changed = new TableStore(store, meta, Tables.SCAN_ERRORS, false);
    for (int id = 2 * ColumnChunks.SIZE + 10; id < 3 * ColumnChunks.SIZE; id++) {
      changed.remove(id);
    }
    changed.finish();
    IndexTable table = new IndexTable(changed, e -> e);
    RoaringBitmap ids = new RoaringBitmap();
    for (int id = 3; id < 2 * ColumnChunks.SIZE; id += 97) {
      ids.add(id);
    }
    ids.add(2L * ColumnChunks.SIZE, 2L * ColumnChunks.SIZE + 10);
    for (int id = 3 * ColumnChunks.SIZE + 1; id < 4 * ColumnChunks.SIZE; id += 89) {
      ids.add(id);
    }
    ids.add(4L * ColumnChunks.SIZE, 5L * ColumnChunks.SIZE);
    assertThat(totals(table, ids).summaries).isEqualTo(2);
    ids.remove(5 * ColumnChunks.SIZE - 1);
    assertThat(totals(table, ids).summaries).isEqualTo(1);
    store.close();
  }

  @Test
  void fewRowsAreReadInABatchOfTheirSize() {
    MVStore store = new MVStore.Builder().open();
    MVMap<String, Object> meta = store.openMap("meta");
    TableStore built = new TableStore(store, meta, Tables.SCAN_ERRORS, true);
    for (int i = 0; i < 4 * ColumnChunks.SIZE; i++) {
      built.add(row(i));
    }
    built.finish();
    TableStore changed = new TableStore(store, meta, Tables.SCAN_ERRORS, false);
    for (int id = ColumnChunks.SIZE + 3; id < 2 * ColumnChunks.SIZE; id++) {
      changed.remove(id);
    }
    changed.finish();
    IndexTable table = new IndexTable(changed, e -> e);
    // One row; a whole chunk of three rows and rows of the chunks either side of it.
    assertThat(totals(table, RoaringBitmap.bitmapOf(8)).count).isEqualTo(1);
    RoaringBitmap ids = RoaringBitmap.bitmapOf(5, ColumnChunks.SIZE - 1, 2 * ColumnChunks.SIZE,
        2 * ColumnChunks.SIZE + 4);
    ids.add((long) ColumnChunks.SIZE, ColumnChunks.SIZE + 3L);
    assertThat(totals(table, ids).summaries).isEqualTo(1);
    store.close();
  }

  private static SummaryCheck totals(IndexTable table, RoaringBitmap ids) {
    return SummaryCheck.check(table, SIZE, ids);
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
      List<Object> column = new ArrayList<>();
      for (int id : ids) {
        Object value = table.row(id)[SIZE];
        column.add(value);
        if (value != null) {
          expected.add((Long) value);
        }
      }
      List<Long> values = new ArrayList<>();
      table.numbers(SIZE).forEach(ids, values::add);
      assertThat(values).hasSize(expected.size()).isEqualTo(expected);
      // Read as two columns of the same rows: each batch's rows in id order, nulls in place.
      List<Object> batched = new ArrayList<>();
      RoaringBitmap batchIds = new RoaringBitmap();
      table.forEachBatch(ids, new int[] {SIZE, SIZE}, batch -> {
        for (int row = 0; row < batch.size(); row++) {
          batchIds.add(batch.id(row));
          assertThat(batch.isNull(1, row)).isEqualTo(batch.isNull(0, row));
          assertThat(batch.value(1, row)).isEqualTo(batch.value(0, row));
          batched.add(batch.isNull(0, row) ? null : batch.value(0, row));
        }
      });
      assertThat(batched).isEqualTo(column);
      assertThat(batchIds).isEqualTo(ids);
    }
  }
}
