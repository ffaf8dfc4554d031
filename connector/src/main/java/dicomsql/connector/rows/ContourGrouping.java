package dicomsql.connector.rows;

import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.engine.index.IndexTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Aggregates of contour points grouped by columns they share with their contour (structure set,
 * ROI): each kept contour falls in one group, found from the value maps of the contours' index
 * walked once, and each group's aggregates are those of its contours' points, which
 * {@link ColumnAggregation} reads from what each contour keeps of its points. Grouped by
 * columns of a table the points are joined to on its key, each group's contours are those its
 * rows join ({@link JoinCounting#forEachJoined}). No point is decoded.
 */
final class ContourGrouping {
  private ContourGrouping() {}

  /**
   * One row per group of points (a group of contours without points has none): the group's
   * values, then each call's result over its points.
   *
   * @param columns the contours' columns grouped by, indexed ones
   */
  static List<Object[]> aggregate(ContourPointRows points, IndexTable contours,
      RoaringBitmap kept, int[] columns, DicomColumnAggregate.Call[] calls) {
    int ids = kept.isEmpty() ? 0 : kept.last() + 1;
    List<ValuePositions> positions = new ArrayList<>();
    for (int column : columns) {
      positions.add(ValuePositions.read(contours.valueSets(column, false),
          contours.nulls(column), ids));
    }
    return rows(points, groups(kept, positions), calls);
  }

  /**
   * As {@link #aggregate}, of the points joined to the kept rows of another table ({@code one})
   * whose key columns equal the points' indexed {@code keys}, grouped by columns of that table.
   * The key being unique there, each contour joins at most one of its rows, so a group's points
   * are those of the union of its rows' contours.
   *
   * @param kept the contours the points' condition keeps, or null for all
   */
  static List<Object[]> aggregateJoined(ContourPointRows points, RowSource one,
      RoaringBitmap oneKept, int[] oneKeys, RoaringBitmap kept, int[] keys, int[] groups,
      DicomColumnAggregate.Call[] calls) {
    Map<List<Object>, RoaringBitmap> byValues = new LinkedHashMap<>();
    JoinCounting.forEachJoined(one, oneKept, oneKeys, points, kept, keys, groups,
        (values, joined) -> byValues.computeIfAbsent(values, v -> new RoaringBitmap())
            .or(joined));
    if (groups.length == 0 && byValues.isEmpty()) {
      byValues.put(List.of(), new RoaringBitmap());
    }
    return rows(points, byValues, calls);
  }

  /**
   * A row per group of contours with points, and without groups one row in all: the group's
   * values, then each call's result over its points.
   */
  private static List<Object[]> rows(ContourPointRows points,
      Map<List<Object>, RoaringBitmap> groups, DicomColumnAggregate.Call[] calls) {
    List<Object[]> result = new ArrayList<>();
    for (Map.Entry<List<Object>, RoaringBitmap> group : groups.entrySet()) {
      List<Object> values = group.getKey();
      if (!values.isEmpty() && points.count(group.getValue()) == 0) {
        continue;
      }
      Object[] totals = ColumnAggregation.aggregate(points, group.getValue(), new int[0],
          new DicomColumnAggregate.Grouping[0], calls).get(0);
      Object[] row = values.toArray(new Object[values.size() + totals.length]);
      System.arraycopy(totals, 0, row, values.size(), totals.length);
      result.add(row);
    }
    return result;
  }

  /** The kept contours by their values of the columns grouped by. */
  private static Map<List<Object>, RoaringBitmap> groups(RoaringBitmap kept,
      List<ValuePositions> positions) {
    Map<List<Object>, RoaringBitmap> groups = new LinkedHashMap<>();
    IntIterator id = kept.getIntIterator();
    while (id.hasNext()) {
      int next = id.next();
      List<Object> key = new ArrayList<>(positions.size());
      for (ValuePositions column : positions) {
        key.add(column.values().get(column.of()[next]));
      }
      groups.computeIfAbsent(key, k -> new RoaringBitmap()).add(next);
    }
    return groups;
  }
}
