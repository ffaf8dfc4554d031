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
 * {@link ColumnAggregation} reads from what each contour keeps of its points. No point is
 * decoded.
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
    List<Object[]> result = new ArrayList<>();
    for (Map.Entry<List<Integer>, RoaringBitmap> group : groups(kept, positions).entrySet()) {
      if (points.count(group.getValue()) == 0) {
        continue;
      }
      Object[] totals = ColumnAggregation.aggregate(points, group.getValue(), new int[0],
          new DicomColumnAggregate.Grouping[0], calls).get(0);
      Object[] row = new Object[columns.length + totals.length];
      for (int g = 0; g < columns.length; g++) {
        row[g] = positions.get(g).values().get(group.getKey().get(g));
      }
      System.arraycopy(totals, 0, row, columns.length, totals.length);
      result.add(row);
    }
    return result;
  }

  /** The kept contours by the positions of their values. */
  private static Map<List<Integer>, RoaringBitmap> groups(RoaringBitmap kept,
      List<ValuePositions> positions) {
    Map<List<Integer>, RoaringBitmap> groups = new LinkedHashMap<>();
    IntIterator id = kept.getIntIterator();
    while (id.hasNext()) {
      int next = id.next();
      List<Integer> key = new ArrayList<>(positions.size());
      for (ValuePositions column : positions) {
        key.add(column.of()[next]);
      }
      groups.computeIfAbsent(key, k -> new RoaringBitmap()).add(next);
    }
    return groups;
  }
}
