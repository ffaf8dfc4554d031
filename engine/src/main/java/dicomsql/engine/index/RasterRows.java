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
  /** The instance columns an image plane needs end with the orientation. */
  public static final int PLANE_WIDTH = I.indexOf("orientation") + 1;

  private RasterRows() {}

  /** The plane of an instance row, or null when it lacks any part of the geometry. */
  public static ImagePlane plane(Object[] row) {
    return ImagePlanes.of((String) row[I.indexOf("sop_uid")], (String) row[I.indexOf("path")],
        (Integer) row[I.indexOf("rows")], (Integer) row[I.indexOf("columns")],
        (Double) row[I.indexOf("pixel_spacing_row")],
        (Double) row[I.indexOf("pixel_spacing_col")],
        (Double) row[I.indexOf("position_x")], (Double) row[I.indexOf("position_y")],
        (Double) row[I.indexOf("position_z")], (String) row[I.indexOf("orientation")],
        (Double) row[I.indexOf("slice_thickness")]);
  }

  /** The contour of a contours row, its points unpacked (none when it has none). */
  public static PlanarContour contour(Object[] row) {
    double[] points = (double[]) row[C.indexOf("points")];
    return new PlanarContour((Integer) row[C.indexOf("contour_index")],
        (String) row[C.indexOf("geometric_type")], (String) row[C.indexOf("referenced_sop_uid")],
        points == null ? new double[0] : points);
  }
}
