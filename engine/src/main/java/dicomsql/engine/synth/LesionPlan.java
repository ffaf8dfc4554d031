package dicomsql.engine.synth;

import dicomsql.engine.phase.Phase;

/**
 * One lesion: an ellipsoid whose x/y axes are turned to ({@code cos}, {@code sin}) in the axial
 * plane, its enhancement pattern and true HU per phase, and the ROI that outlines it.
 */
record LesionPlan(
    int roiNumber,
    String roiName,
    EnhancementPattern pattern,
    double cx,
    double cy,
    double cz,
    double rx,
    double ry,
    double rz,
    double cos,
    double sin,
    double[] hu) {

  /** Whether a point lies inside the ellipsoid. */
  boolean contains(double x, double y, double z) {
    double dx = x - cx;
    double dy = y - cy;
    double reach = reach();
    if (dx > reach || dx < -reach || dy > reach || dy < -reach) {
      return false;
    }
    double dz = (z - cz) / rz;
    double u = (dx * cos + dy * sin) / rx;
    double v = (-dx * sin + dy * cos) / ry;
    return u * u + v * v + dz * dz <= 1;
  }

  /** Half the longest in-plane axis: no point farther from the centre in x or y is inside. */
  double reach() {
    return Math.max(rx, ry);
  }

  double hu(Phase phase) {
    return hu[phase.ordinal()];
  }
}
