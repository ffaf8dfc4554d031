package dicomsql.connector.rows;

import dicomsql.connector.SqlValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rank of each row's value of an indexed column among the column's values, read from its
 * value map in one pass over its row sets: a number standing for a string or date, so that rows
 * are grouped by a column of more values than row sets are worth intersecting one by one
 * without decoding them. A null value has no rank.
 */
final class ValueRanks {
  private final int[] ranks;
  private final List<Object> values = new ArrayList<>();

  /** The ranks of the rows of {@code ids} (others may be left unranked). */
  ValueRanks(RowSource rows, int column, RoaringBitmap ids) {
    this.ranks = new int[ids.isEmpty() ? 0 : ids.last() + 1];
    Arrays.fill(ranks, -1);
    Iterator<Map.Entry<Object, RoaringBitmap>> sets = rows.valueSets(column, false);
    while (sets.hasNext()) {
      Map.Entry<Object, RoaringBitmap> set = sets.next();
      int rank = values.size();
      values.add(SqlValues.internal(set.getKey()));
      set.getValue().forEach((int id) -> {
        if (id >= 0 && id < ranks.length) {
          ranks[id] = rank;
        }
      });
    }
  }

  /** The rank of a row's value, or -1 where it is null. */
  int rank(int id) {
    return ranks[id];
  }

  /** The value of a rank, in Calcite's internal form. */
  Object value(int rank) {
    return values.get(rank);
  }
}
