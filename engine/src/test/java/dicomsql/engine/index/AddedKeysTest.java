package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * Whether a composite key holds, as a first build knows it from the keys it added, against
 * the same rows stored in place (where every row is read back to tell).
 */
class AddedKeysTest {
  private static final TableDefinition R = Tables.ROIS;

  @Test
  void distinctKeysHold() {
    assertThat(keyUnique(true, row("a", 1), row("a", 2), row("b", 1))).isTrue();
    assertThat(keyUnique(false, row("a", 1), row("a", 2), row("b", 1))).isTrue();
  }

  @Test
  void aRepeatedKeyOrANullInOneFails() {
    assertThat(keyUnique(true, row("a", 1), row("b", 1), row("a", 1))).isFalse();
    assertThat(keyUnique(false, row("a", 1), row("b", 1), row("a", 1))).isFalse();
    assertThat(keyUnique(true, row("a", 1), row("a", null))).isFalse();
    assertThat(keyUnique(false, row("a", 1), row("a", null))).isFalse();
  }

  @Test
  void removingTheRepeatedRowIsSeenByReadingTheRows() {
    MVStore store = new MVStore.Builder().open();
    TableStore table = new TableStore(store, store.openMap("meta"), R, true);
    table.add(row("a", 1));
    int repeated = table.add(row("a", 1));
    table.remove(repeated);
    table.finish();
    assertThat(table.statistics().keyUnique()).isTrue();
    store.close();
  }

  private static boolean keyUnique(boolean bulk, Object[]... rows) {
    MVStore store = new MVStore.Builder().open();
    try {
      TableStore table = new TableStore(store, store.openMap("meta"), R, bulk);
      for (Object[] row : rows) {
        table.add(row);
      }
      table.finish();
      return table.statistics().keyUnique();
    } finally {
      store.close();
    }
  }

  private static Object[] row(String rtssUid, Integer roiNumber) {
    Object[] row = new Object[R.width()];
    row[R.indexOf("rtss_uid")] = rtssUid;
    row[R.indexOf("roi_number")] = roiNumber;
    return row;
  }
}
