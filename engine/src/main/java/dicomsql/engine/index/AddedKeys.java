package dicomsql.engine.index;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The key values of the rows a first build adds to a table with a composite key, so that
 * whether the key holds (no two rows share it, no row has a null in it) is known at the end
 * without reading every row back from the store. Once a row is removed it is no longer known.
 */
final class AddedKeys {
  private final int[] columns;
  private final Set<List<Object>> seen = new HashSet<>();
  private boolean holds = true;
  private boolean known = true;

  AddedKeys(int[] columns) {
    this.columns = columns;
  }

  void add(Object[] row) {
    if (!holds || !known) {
      return;
    }
    Object[] values = new Object[columns.length];
    for (int k = 0; k < columns.length; k++) {
      values[k] = row[columns[k]];
      if (values[k] == null) {
        broken();
        return;
      }
    }
    if (!seen.add(Arrays.asList(values))) {
      broken();
    }
  }

  /** A duplicate or a null: the key fails whatever comes next, so nothing more is kept. */
  private void broken() {
    holds = false;
    seen.clear();
  }

  void removed() {
    known = false;
    seen.clear();
  }

  void clear() {
    seen.clear();
    holds = true;
    known = true;
  }

  /** Whether the key holds over the rows added; null when a row was removed since. */
  Boolean holds() {
    return known ? holds : null;
  }
}
