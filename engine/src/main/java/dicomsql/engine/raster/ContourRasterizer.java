package dicomsql.engine.raster;

import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Fills polygons on a pixel grid by scanlines: a pixel is inside when its centre is inside under
 * the even-odd rule over all the polygons at once, so nested polygons are holes, keyholes work
 * and winding does not matter. Each row's edge crossings are collected and sorted, and the
 * pixels between alternate crossings are added as ranges; no pixel is tested on its own.
 *
 * <p>The rule is W. R. Franklin's crossing test, exactly: an edge crosses the row through a
 * pixel centre when one end is above the centre and the other is not (so a vertex on the row is
 * counted once and horizontal edges never), and the centre is inside when an odd number of
 * crossings lie strictly to its right. Vertices stay fractional; nothing is rounded.
 */
public final class ContourRasterizer {
  private ContourRasterizer() {}

  /**
   * The mask of pixel indices {@code row * columns + col} inside the polygons.
   *
   * @param polygons each a closed polygon as column, row pairs in pixel coordinates (pixel
   *     centres at whole numbers); the last vertex joins the first
   */
  public static RoaringBitmap fill(List<double[]> polygons, int rows, int columns) {
    RoaringBitmap mask = new RoaringBitmap();
    int[] extent = rowExtent(polygons, rows);
    int top = extent[0];
    int bottom = extent[1];
    if (bottom < top) {
      return mask;
    }
    int span = bottom - top + 1;
    int[] start = new int[span + 1];
    forEachCrossing(polygons, top, bottom, (row, x) -> start[row - top + 1]++);
    for (int r = 0; r < span; r++) {
      start[r + 1] += start[r];
    }
    double[] crossings = new double[start[span]];
    int[] filled = Arrays.copyOf(start, span);
    forEachCrossing(polygons, top, bottom, (row, x) -> crossings[filled[row - top]++] = x);
    for (int r = 0; r < span; r++) {
      Arrays.sort(crossings, start[r], start[r + 1]);
      long rowStart = (long) (top + r) * columns;
      for (int k = start[r]; k + 1 < start[r + 1]; k += 2) {
        long first = Math.max(0, (long) Math.ceil(crossings[k]));
        long end = Math.min(columns, (long) Math.ceil(crossings[k + 1]));
        if (first < end) {
          mask.add(rowStart + first, rowStart + end);
        }
      }
    }
    return mask;
  }

  private interface CrossingSink {
    void accept(int row, double x);
  }

  /** Every crossing of a polygon edge with a pixel row from {@code top} to {@code bottom}. */
  private static void forEachCrossing(List<double[]> polygons, int top, int bottom,
      CrossingSink sink) {
    for (double[] polygon : polygons) {
      int n = polygon.length / 2;
      for (int i = 0, j = n - 1; i < n; j = i++) {
        double xi = polygon[2 * i];
        double yi = polygon[2 * i + 1];
        double xj = polygon[2 * j];
        double yj = polygon[2 * j + 1];
        if (yi == yj) {
          continue;
        }
        // Rows y with min <= y < max: one end above the centre (y < end), the other not.
        double low = Math.min(yi, yj);
        double high = Math.max(yi, yj);
        int first = Math.max(top, (int) Math.max(Integer.MIN_VALUE, Math.ceil(low)));
        int last = Math.min(bottom, (int) Math.min(Integer.MAX_VALUE, Math.ceil(high) - 1));
        for (int row = first; row <= last; row++) {
          sink.accept(row, (xj - xi) * (row - yi) / (yj - yi) + xi);
        }
      }
    }
  }

  /** The first and last image rows the polygons' vertices span; last before first if none. */
  private static int[] rowExtent(List<double[]> polygons, int rows) {
    int top = rows;
    int bottom = -1;
    for (double[] polygon : polygons) {
      for (int k = 1; k < polygon.length; k += 2) {
        top = Math.min(top, clampRow(Math.ceil(polygon[k]), rows));
        bottom = Math.max(bottom, clampRow(Math.floor(polygon[k]), rows));
      }
    }
    return new int[] {top, bottom};
  }

  private static int clampRow(double row, int rows) {
    return (int) Math.max(0, Math.min(rows - 1, row));
  }
}
