package dicomsql.connector.rows;

import dicomsql.connector.SqlValues;
import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.engine.index.ColumnType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Runs a {@link DicomColumnAggregate}: the groups by indexed columns of few values are the
 * non-empty intersections of the columns' row sets (in value order, nulls last) with the rows
 * the pushed condition keeps; within each, rows are grouped by the hashed columns, if any, in
 * {@link NumberGrouping}: numbers read column-wise, and the ranks of other indexed columns'
 * values ({@link ValueRanks}). Each aggregate reads its column's values for a group's rows
 * column-wise, or, without hashed columns, the summaries of the chunks whose rows the group
 * holds all of. Integer results are exact and wrap as Calcite's Java arithmetic does; sums of
 * doubles are compensated (see {@link ColumnTotals}), so they are at least as close to the exact
 * sum as Calcite's sum in row order in all but contrived cases, but not always bit for bit the
 * same.
 */
public final class ColumnAggregation {
  /** Hashed columns at most: the null bits of a key fill one long. */
  public static final int MAX_HASHED_COLUMNS = 64;

  private final RowSource rows;
  private final int[] groups;
  private final boolean[] hashed;
  private final CallReads reads;
  /** The hashed columns' positions among the groups, their types and their ranks (or null). */
  private final int[] hashedPositions;
  private final ColumnType[] hashedTypes;
  private final ValueRanks[] hashedRanks;
  /** The hashed columns whose values are read column-wise. */
  private final int[] valueColumns;
  private final List<Object[]> result = new ArrayList<>();

  private ColumnAggregation(RowSource rows, RoaringBitmap kept, int[] groups,
      DicomColumnAggregate.Grouping[] groupings, DicomColumnAggregate.Call[] calls) {
    this.rows = rows;
    this.groups = groups;
    this.reads = new CallReads(rows, calls);
    this.hashed = new boolean[groups.length];
    List<Integer> positions = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    for (int level = 0; level < groups.length; level++) {
      hashed[level] = groupings[level] != DicomColumnAggregate.Grouping.ROW_SETS;
      if (hashed[level]) {
        positions.add(level);
      }
      if (groupings[level] == DicomColumnAggregate.Grouping.VALUES) {
        values.add(groups[level]);
      }
    }
    this.hashedPositions = positions.stream().mapToInt(Integer::intValue).toArray();
    this.valueColumns = values.stream().mapToInt(Integer::intValue).toArray();
    this.hashedTypes = new ColumnType[hashedPositions.length];
    this.hashedRanks = new ValueRanks[hashedPositions.length];
    for (int h = 0; h < hashedPositions.length; h++) {
      int level = hashedPositions[h];
      hashedTypes[h] = rows.type(groups[level]);
      if (groupings[level] == DicomColumnAggregate.Grouping.RANKS) {
        hashedRanks[h] = new ValueRanks(rows, groups[level], kept);
      }
    }
  }

  /**
   * One row per group (one row in all without grouping columns, even over no rows): the
   * groups' values, then each call's result in Calcite's internal form.
   *
   * @param groupings per grouping column, how it splits the rows
   */
  public static List<Object[]> aggregate(RowSource rows, RoaringBitmap kept, int[] groups,
      DicomColumnAggregate.Grouping[] groupings, DicomColumnAggregate.Call[] calls) {
    ColumnAggregation aggregation = new ColumnAggregation(rows, kept, groups, groupings, calls);
    aggregation.group(0, kept, new Object[groups.length]);
    return aggregation.result;
  }

  private void group(int level, RoaringBitmap members, Object[] keys) {
    if (level < groups.length && hashed[level]) {
      group(level + 1, members, keys);
      return;
    }
    if (level == groups.length) {
      if (hashedPositions.length > 0) {
        NumberGrouping grouping = new NumberGrouping(hashedTypes, hashedRanks, reads);
        rows.forEachBatch(members, NumberGrouping.columnsRead(valueColumns, reads), grouping);
        grouping.addRows(keys, hashedPositions, result);
      } else if (groups.length == 0 || !members.isEmpty()) {
        result.add(row(keys, members));
      }
      return;
    }
    Iterator<Map.Entry<Object, RoaringBitmap>> values = rows.valueSets(groups[level], false);
    while (values.hasNext()) {
      Map.Entry<Object, RoaringBitmap> value = values.next();
      subgroup(level, RoaringBitmap.and(value.getValue(), members), keys,
          SqlValues.internal(value.getKey()));
    }
    subgroup(level, RoaringBitmap.and(rows.nulls(groups[level]), members), keys, null);
  }

  private void subgroup(int level, RoaringBitmap members, Object[] keys, Object key) {
    if (!members.isEmpty()) {
      keys[level] = key;
      group(level + 1, members, keys);
    }
  }

  /**
   * The columns are read together: a source may read them in one pass (contour points'
   * coordinates share the count of their points).
   */
  private Object[] row(Object[] keys, RoaringBitmap members) {
    ColumnTotals[] totals = reads.totals();
    rows.readNumbers(members, reads.columns(), totals);
    return reads.row(keys, totals, reads.countsRows() ? rows.count(members) : 0);
  }
}
