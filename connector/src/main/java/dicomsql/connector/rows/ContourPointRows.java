package dicomsql.connector.rows;

import dicomsql.connector.rel.DicomColumnAggregate;
import dicomsql.engine.index.ColumnSummary;
import dicomsql.engine.index.ColumnType;
import dicomsql.engine.index.IndexTable;
import dicomsql.engine.index.NumericColumn;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@code contour_points} table: each contour's packed points expanded into one row per
 * point, only for the contours the index picks. Filters on the structure set and ROI are
 * answered by the contours' index; the row ids here are those of table.
 */
public final class ContourPointRows extends IndexedRows {
  public static final List<String> COLUMNS = List.of("rtss_uid", "roi_number", "contour_index",
      "point_index", "x", "y", "z");
  public static final List<ColumnType> TYPES = List.of(ColumnType.VARCHAR, ColumnType.INTEGER,
      ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE,
      ColumnType.DOUBLE);
  private static final TableDefinition C = Tables.CONTOURS;
  private static final int POINT_COUNT = C.indexOf("point_count");
  private static final int POINTS = C.indexOf("points");
  /** The contours' x_sum column; x_min, x_max, then y's and z's follow. */
  private static final int SUMMARIES = C.indexOf("x_sum");
  /** The first coordinate column, x; y and z follow. */
  private static final int X = COLUMNS.indexOf("x");
  /** Of a contour row, only its packed points are decoded for the coordinates. */
  private static final boolean[] POINTS_ONLY = new boolean[C.width()];

  static {
    POINTS_ONLY[POINTS] = true;
  }

  /** The structure set and ROI columns are the contours', whose index answers them. */
  public ContourPointRows(IndexTable contours) {
    super(contours, new int[] {0, 1, -1, -1, -1, -1, -1});
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public boolean idsAreRows() {
    return false;
  }

  @Override
  public ColumnType type(int column) {
    return TYPES.get(column);
  }

  /** Every contour's points: the sum of their counts, which the index keeps. */
  @Override
  public double rowCount() {
    Long points = table.statistics().column(POINT_COUNT).sum();
    return points == null ? 0 : points;
  }

  @Override
  public boolean countsIds() {
    return true;
  }

  /** The points of these contours: their counts summed column-wise, no point decoded. */
  @Override
  public long count(RoaringBitmap ids) {
    if (ids.getLongCardinality() == table.size()) {
      return (long) rowCount();
    }
    return totals(ids, POINT_COUNT).sum();
  }

  /** A column of the contours over these contours, their chunks' summaries read where whole. */
  private ColumnTotals totals(RoaringBitmap ids, int column) {
    boolean doubles = C.column(column).type() == ColumnType.DOUBLE;
    ColumnTotals totals = new ColumnTotals(doubles, doubles);
    table.numbers(column).forEach(ids, totals);
    return totals;
  }

  /**
   * A coordinate of the points of chosen contours, taken from their packed points with nothing
   * else of the contour decoded and no row made per point.
   */
  @Override
  public NumericColumn numbers(int column) {
    if (column < X) {
      return null;
    }
    return new NumericColumn() {
      @Override
      public ColumnType type() {
        return ColumnType.DOUBLE;
      }

      @Override
      public void forEach(RoaringBitmap ids, LongConsumer values) {
        readNumbers(ids, new int[] {column}, new LongConsumer[] {values});
      }
    };
  }

  /**
   * The coordinates asked for: to consumers that take summaries, what the points of these
   * contours add up to, from the sums and extremes each contour keeps of its points; else each
   * contour's packed points decoded once for all of them.
   */
  @Override
  public void readNumbers(RoaringBitmap ids, int[] columns, LongConsumer[] values) {
    if (Arrays.stream(values).allMatch(NumericColumn.Summing.class::isInstance)) {
      long points = count(ids);
      for (int c = 0; c < columns.length; c++) {
        int first = SUMMARIES + 3 * (columns[c] - X);
        ColumnSummary sum = totals(ids, first).doubleSummary(ids.getLongCardinality());
        ((NumericColumn.Summing) values[c]).acceptSummary(new ColumnSummary(sum.rows(), points,
            Double.doubleToRawLongBits(totals(ids, first + 1).doubleLeast()),
            Double.doubleToRawLongBits(totals(ids, first + 2).doubleGreatest()), sum.sum(),
            sum.extra()));
      }
      return;
    }
    IntIterator id = ids.getIntIterator();
    while (id.hasNext()) {
      Object[] contour = table.row(id.next(), POINTS_ONLY, POINTS + 1);
      double[] xyz = contour == null ? null : (double[]) contour[POINTS];
      for (int c = 0; xyz != null && c < columns.length; c++) {
        for (int at = columns[c] - X; at < xyz.length; at += 3) {
          values[c].accept(Double.doubleToRawLongBits(xyz[at]));
        }
      }
    }
  }

  /**
   * Aggregates of the points of these contours grouped by indexed columns here (columns of
   * their contours), see {@link ContourGrouping}.
   */
  public List<Object[]> aggregateByContours(RoaringBitmap ids, int[] groups,
      DicomColumnAggregate.Call[] calls) {
    int[] columns = new int[groups.length];
    for (int g = 0; g < groups.length; g++) {
      columns[g] = tableColumn(groups[g]);
    }
    return ContourGrouping.aggregate(this, table, ids, columns, calls);
  }

  /**
   * Aggregates of the points of these contours joined to the kept rows of {@code one} on its
   * unique key, grouped by its columns, see {@link ContourGrouping#aggregateJoined}.
   *
   * @param ids the contours the points' condition keeps, or null for all
   * @param keys the indexed columns here that {@code one}'s {@code oneKeys} equal
   */
  public List<Object[]> aggregateJoined(RoaringBitmap ids, RowSource one, RoaringBitmap oneKept,
      int[] oneKeys, int[] keys, int[] groups, DicomColumnAggregate.Call[] calls) {
    return ContourGrouping.aggregateJoined(this, one, oneKept, oneKeys, ids, keys, groups,
        calls);
  }

  @Override
  public Iterator<Object[]> rows(RoaringBitmap ids, int[] wanted) {
    IntIterator id = ids.getIntIterator();
    return new Iterator<>() {
      private Object[] contour;
      private double[] xyz;
      private int point;

      @Override
      public boolean hasNext() {
        while (xyz == null || point >= xyz.length / 3) {
          if (!id.hasNext()) {
            return false;
          }
          contour = table.row(id.next());
          xyz = contour == null ? null : (double[]) contour[POINTS];
          point = 0;
        }
        return true;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object[] out = new Object[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
          out[i] = switch (wanted[i]) {
            case 0, 1, 2 -> contour[wanted[i]];
            case 3 -> point;
            default -> xyz[3 * point + wanted[i] - 4];
          };
        }
        point++;
        return out;
      }
    };
  }
}
