package dicomsql.engine.raster;

/**
 * Image planes from the values the index (or a query over it) holds for an instance: the one
 * place that decides which instances have a usable geometry, so that every raster function and
 * the export place pixels alike.
 */
public final class ImagePlanes {
  private ImagePlanes() {}

  /**
   * The plane of an instance, or null when any part of its geometry is missing or invalid
   * (no rows, no positive spacing, an orientation that is not two perpendicular unit vectors).
   *
   * @param orientation Image Orientation (Patient) as stored: six numbers separated by {@code \}
   * @param thickness Slice Thickness, null when absent
   */
  public static ImagePlane of(String sopUid, String path, Integer rows, Integer columns,
      Double rowSpacing, Double columnSpacing, Double x, Double y, Double z, String orientation,
      Double thickness) {
    return of(sopUid, path, rows, columns, rowSpacing, columnSpacing, x, y, z,
        multiValued(orientation, 6), thickness);
  }

  /**
   * As {@link #of(String, String, Integer, Integer, Double, Double, Double, Double, Double,
   * String, Double)}, with the orientation's six numbers already parsed (null when it has none).
   */
  public static ImagePlane of(String sopUid, String path, Integer rows, Integer columns,
      Double rowSpacing, Double columnSpacing, Double x, Double y, Double z, double[] cosines,
      Double thickness) {
    if (rows == null || columns == null || rowSpacing == null || columnSpacing == null
        || x == null || y == null || z == null || cosines == null) {
      return null;
    }
    try {
      return new ImagePlane(sopUid, path, rows, columns, new double[] {x, y, z},
          new double[] {cosines[0], cosines[1], cosines[2]},
          new double[] {cosines[3], cosines[4], cosines[5]},
          rowSpacing, columnSpacing, thickness == null ? Double.NaN : thickness);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * A multi-valued number as stored ({@code \}-separated) as {@code count} doubles; null when
   * absent or not exactly that many numbers.
   */
  public static double[] multiValued(String text, int count) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split("\\\\");
    if (parts.length != count) {
      return null;
    }
    double[] values = new double[count];
    try {
      for (int i = 0; i < count; i++) {
        values[i] = Double.parseDouble(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return values;
  }
}
