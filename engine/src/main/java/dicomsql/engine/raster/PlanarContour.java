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

  /**
   * What makes the contour unusable, as {@code point 7 of contour 3 is NaN}: its first
   * coordinate that is not a finite number (a point is 0-based, as
   * {@code contour_points.point_index}); null when every coordinate is finite.
   */
  public String nonFinitePoint() {
    for (int i = 0; i < points.length; i++) {
      if (!Double.isFinite(points[i])) {
        return "point " + i / 3 + " of contour " + index + " is "
            + (Double.isNaN(points[i]) ? "NaN" : "infinite") + ": the contour is left out";
      }
    }
    return null;
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
