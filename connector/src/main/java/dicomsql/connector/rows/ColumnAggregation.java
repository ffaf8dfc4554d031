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
 * Runs a {@link DicomColumnAggregate}: the groups by indexed columns are the non-empty
 * intersections of the columns' row sets (in value order, nulls last) with the rows the pushed
 * condition keeps; within each, rows are grouped by the hashed numeric columns, if any, in
 * {@link NumberGrouping}. Each aggregate reads its column's values for a group's rows
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
  /** The hashed columns, their types and their positions among the groups. */
  private final int[] hashedColumns;
  private final ColumnType[] hashedTypes;
  private final int[] hashedPositions;
  private final List<Object[]> result = new ArrayList<>();

  private ColumnAggregation(RowSource rows, int[] groups, boolean[] hashed,
      DicomColumnAggregate.Call[] calls) {
    this.rows = rows;
    this.groups = groups;
    this.hashed = hashed;
    this.reads = new CallReads(rows, calls);
    int count = 0;
    for (boolean h : hashed) {
      count += h ? 1 : 0;
    }
    this.hashedColumns = new int[count];
    this.hashedTypes = new ColumnType[count];
    this.hashedPositions = new int[count];
    for (int level = 0, h = 0; level < groups.length; level++) {
      if (hashed[level]) {
        hashedColumns[h] = groups[level];
        hashedTypes[h] = rows.type(groups[level]);
        hashedPositions[h++] = level;
      }
    }
  }

  /**
   * One row per group (one row in all without grouping columns, even over no rows): the
   * groups' values, then each call's result in Calcite's internal form.
   *
   * @param hashed per grouping column, whether its rows are grouped by hashing its values
   *     (numbers kept column-wise) rather than by its row sets (indexed columns)
   */
  public static List<Object[]> aggregate(RowSource rows, RoaringBitmap kept, int[] groups,
      boolean[] hashed, DicomColumnAggregate.Call[] calls) {
    ColumnAggregation aggregation = new ColumnAggregation(rows, groups, hashed, calls);
    aggregation.group(0, kept, new Object[groups.length]);
    return aggregation.result;
  }

  private void group(int level, RoaringBitmap members, Object[] keys) {
    if (level < groups.length && hashed[level]) {
      group(level + 1, members, keys);
      return;
    }
    if (level == groups.length) {
      if (hashedColumns.length > 0) {
        NumberGrouping grouping = new NumberGrouping(hashedTypes, reads);
        rows.forEachBatch(members, NumberGrouping.columnsRead(hashedColumns, reads), grouping);
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
