package dicomsql.engine.index;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.ImagePlanes;
import dicomsql.engine.raster.PlanarContour;

/**
 * Index rows as the raster code takes them: an instance row's image plane, a contour row's
 * planar contour. One place for both, so that every caller (the connector's functions, the
 * Spark measurements) rasterizes on the same geometry.
 */
public final class RasterRows {
  private static final TableDefinition I = Tables.INSTANCES;
  private static final TableDefinition C = Tables.CONTOURS;
  private static final int SOP_UID = I.indexOf("sop_uid");
  private static final int PATH = I.indexOf("path");
  private static final int ROWS = I.indexOf("rows");
  private static final int COLUMNS = I.indexOf("columns");
  private static final int ROW_SPACING = I.indexOf("pixel_spacing_row");
  private static final int COLUMN_SPACING = I.indexOf("pixel_spacing_col");
  private static final int X = I.indexOf("position_x");
  private static final int Y = I.indexOf("position_y");
  private static final int Z = I.indexOf("position_z");
  private static final int ORIENTATION = I.indexOf("orientation");
  private static final int THICKNESS = I.indexOf("slice_thickness");
  /** The instance columns an image plane needs end with the orientation. */
  public static final int PLANE_WIDTH = ORIENTATION + 1;

  private RasterRows() {}

  /** The plane of an instance row, or null when it lacks any part of the geometry. */
  public static ImagePlane plane(Object[] row) {
    return plane(row, ImagePlanes.multiValued(orientation(row), 6));
  }

  /**
   * The plane of an instance row whose orientation (its {@link #orientation} text) is already
   * parsed into {@code cosines}, null when it has none; null when it lacks any part.
   */
  static ImagePlane plane(Object[] row, double[] cosines) {
    return ImagePlanes.of((String) row[SOP_UID], (String) row[PATH], (Integer) row[ROWS],
        (Integer) row[COLUMNS], (Double) row[ROW_SPACING], (Double) row[COLUMN_SPACING],
        (Double) row[X], (Double) row[Y], (Double) row[Z], cosines, (Double) row[THICKNESS]);
  }

  /** The Image Orientation (Patient) text of an instance row. */
  static String orientation(Object[] row) {
    return (String) row[ORIENTATION];
  }

  /** Marks in {@code wanted} the columns {@link #plane} reads. */
  static void markPlaneColumns(boolean[] wanted) {
    for (int column : new int[] {SOP_UID, PATH, ROWS, COLUMNS, ROW_SPACING, COLUMN_SPACING, X,
        Y, Z, ORIENTATION, THICKNESS}) {
      wanted[column] = true;
    }
  }

  /** The contour of a contours row, its points unpacked (none when it has none). */
  public static PlanarContour contour(Object[] row) {
    double[] points = (double[]) row[C.indexOf("points")];
    return new PlanarContour((Integer) row[C.indexOf("contour_index")],
        (String) row[C.indexOf("geometric_type")], (String) row[C.indexOf("referenced_sop_uid")],
        points == null ? new double[0] : points);
  }
}
