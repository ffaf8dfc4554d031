package dicomsql.engine.raster;

/**
 * Where an image lies in patient space (PS3.3 C.7.6.2.1.1): the centre of its first pixel, the
 * unit directions along a row and down a column, and the spacing between pixel centres. Maps
 * patient coordinates (mm) to fractional pixel coordinates and measures how far a point is from
 * the image plane. Oblique orientations work like axial ones.
 *
 * @param sopUid the image's SOP Instance UID
 * @param path the image file, relative to the data root
 * @param rows number of rows
 * @param columns number of columns
 * @param origin Image Position (Patient): the centre of the first pixel
 * @param alongRow the first three values of Image Orientation: the direction of increasing
 *     column index
 * @param alongColumn the last three values: the direction of increasing row index
 * @param rowSpacing Pixel Spacing's first value: the distance between neighbouring rows
 * @param columnSpacing Pixel Spacing's second value: the distance between neighbouring columns
 * @param thickness Slice Thickness, NaN when unknown
 * @param frameNumber 0 for a single-frame image; for a frame of an enhanced multi-frame image,
 *     each of which is a plane of its own, its frame number (from 1, as DICOM counts frames)
 */
public record ImagePlane(String sopUid, String path, int rows, int columns, double[] origin,
    double[] alongRow, double[] alongColumn, double rowSpacing, double columnSpacing,
    double thickness, int frameNumber) {

  /** How far from perpendicular unit vectors an orientation may be (rounding in files). */
  private static final double ORTHONORMAL_TOLERANCE = 1e-3;

  /** The plane of a single-frame image. */
  public ImagePlane(String sopUid, String path, int rows, int columns, double[] origin,
      double[] alongRow, double[] alongColumn, double rowSpacing, double columnSpacing,
      double thickness) {
    this(sopUid, path, rows, columns, origin, alongRow, alongColumn, rowSpacing, columnSpacing,
        thickness, 0);
  }

  public ImagePlane {
    if (frameNumber < 0) {
      throw new IllegalArgumentException("image " + sopUid + " has frame " + frameNumber);
    }
    if (rows <= 0 || columns <= 0) {
      throw new IllegalArgumentException("image " + sopUid + " has " + rows + " rows and "
          + columns + " columns");
    }
    if (origin.length != 3 || alongRow.length != 3 || alongColumn.length != 3) {
      throw new IllegalArgumentException("image " + sopUid
          + " needs a position of 3 values and an orientation of 6");
    }
    if (!(rowSpacing > 0) || !(columnSpacing > 0)) {
      throw new IllegalArgumentException("image " + sopUid + " has pixel spacing " + rowSpacing
          + "\\" + columnSpacing + "; both must be positive");
    }
    if (Math.abs(dot(alongRow, alongRow) - 1) > ORTHONORMAL_TOLERANCE
        || Math.abs(dot(alongColumn, alongColumn) - 1) > ORTHONORMAL_TOLERANCE
        || Math.abs(dot(alongRow, alongColumn)) > ORTHONORMAL_TOLERANCE) {
      throw new IllegalArgumentException("image " + sopUid
          + " has an orientation whose directions are not perpendicular unit vectors");
    }
  }

  /** The index (from 0) of the frame this plane is in its image's pixel data. */
  public int frameIndex() {
    return Math.max(0, frameNumber - 1);
  }

  /** The unit normal of the plane, along row × column. */
  public double[] normal() {
    double[] n = {
        alongRow[1] * alongColumn[2] - alongRow[2] * alongColumn[1],
        alongRow[2] * alongColumn[0] - alongRow[0] * alongColumn[2],
        alongRow[0] * alongColumn[1] - alongRow[1] * alongColumn[0]};
    double length = Math.sqrt(dot(n, n));
    return new double[] {n[0] / length, n[1] / length, n[2] / length};
  }

  /** The plane's position along {@code normal}: the origin projected on it. */
  public double positionAlong(double[] normal) {
    return dot(origin, normal);
  }

  /** Whether another image has the same orientation, within rounding. */
  public boolean isParallelTo(ImagePlane other) {
    return Math.abs(dot(normal(), other.normal())) > 1 - 1e-4;
  }

  /** The area one pixel covers, in mm². */
  public double pixelArea() {
    return rowSpacing * columnSpacing;
  }

  /**
   * Maps points given as x, y, z triplets (mm) to pixel coordinates as column, row pairs, kept
   * as fractions: pixel centres sit at whole numbers.
   */
  public double[] toPixels(double[] triplets) {
    int n = triplets.length / 3;
    double[] pixels = new double[2 * n];
    for (int k = 0; k < n; k++) {
      double dx = triplets[3 * k] - origin[0];
      double dy = triplets[3 * k + 1] - origin[1];
      double dz = triplets[3 * k + 2] - origin[2];
      pixels[2 * k] = (dx * alongRow[0] + dy * alongRow[1] + dz * alongRow[2]) / columnSpacing;
      pixels[2 * k + 1] =
          (dx * alongColumn[0] + dy * alongColumn[1] + dz * alongColumn[2]) / rowSpacing;
    }
    return pixels;
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
