package dicomsql.engine.raster;

/**
 * One item of a ROI's Contour Sequence.
 *
 * @param index the contour's 0-based position in file order
 * @param geometricType Contour Geometric Type: CLOSED_PLANAR, OPEN_PLANAR, OPEN_NONPLANAR, POINT
 * @param referencedSopUid the image its Contour Image Sequence names, or null
 * @param points x, y, z triplets in mm (patient coordinates)
 */
public record PlanarContour(int index, String geometricType, String referencedSopUid,
    double[] points) {

  /** Only closed planar contours enclose pixels; points and open lines mark, they do not fill. */
  public boolean encloses() {
    return "CLOSED_PLANAR".equals(geometricType) && points.length >= 9;
  }

  /** The mean of its points' projections on {@code normal}; NaN without points. */
  public double positionAlong(double[] normal) {
    int n = points.length / 3;
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += points[3 * k] * normal[0] + points[3 * k + 1] * normal[1]
          + points[3 * k + 2] * normal[2];
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
