package dicomsql.connector.rows;

import org.roaringbitmap.RoaringBitmap;

/**
 * The rank of each row's value of an indexed column among the column's values, read from its
 * value map in one pass over its row sets ({@link ValuePositions}): a number standing for a
 * string or date, so that rows are grouped by a column of more values than row sets are worth
 * intersecting one by one without decoding them. A null value has no rank.
 */
final class ValueRanks {
  private final ValuePositions positions;
  private final int nullPosition;

  /** The ranks of the rows of {@code ids} (others may be left unranked). */
  ValueRanks(RowSource rows, int column, RoaringBitmap ids) {
    this.positions = ValuePositions.read(rows.valueSets(column, false), rows.nulls(column),
        ids.isEmpty() ? 0 : ids.last() + 1);
    this.nullPosition = positions.values().size() - 1;
  }

  /** The rank of a row's value, or -1 where it is null. */
  int rank(int id) {
    int position = positions.of()[id];
    return position == nullPosition ? -1 : position;
  }

  /** The value of a rank, in Calcite's internal form. */
  Object value(int rank) {
    return positions.values().get(rank);
  }
}
