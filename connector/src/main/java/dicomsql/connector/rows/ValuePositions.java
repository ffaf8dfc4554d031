package dicomsql.connector.rows;

import dicomsql.connector.SqlValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An indexed column's values (Calcite's form, in value order, null last) and, by row id, the
 * position of each row's value among them: read from the column's value map in one walk, so
 * that rows are put in groups by looking their ids up rather than by intersecting row sets.
 *
 * @param of by id below the bound given, the position in {@code values} of the row's value
 */
record ValuePositions(List<Object> values, int[] of) {
  /**
   * @param sets the column's value sets, in value order
   * @param nulls its rows where it is null
   * @param ids how many ids to place: those below
   */
  static ValuePositions read(Iterator<Map.Entry<Object, RoaringBitmap>> sets,
      RoaringBitmap nulls, int ids) {
    List<Object> values = new ArrayList<>();
    int[] of = new int[ids];
    while (sets.hasNext()) {
      Map.Entry<Object, RoaringBitmap> set = sets.next();
      mark(of, set.getValue(), values.size());
      values.add(SqlValues.internal(set.getKey()));
    }
    mark(of, nulls, values.size());
    values.add(null);
    return new ValuePositions(values, of);
  }

  private static void mark(int[] of, RoaringBitmap ids, int value) {
    IntIterator id = ids.getIntIterator();
    while (id.hasNext()) {
      int next = id.next();
      if (next >= of.length) {
        return;
      }
      of[next] = value;
    }
  }
}
