package dicomsql.engine.synth;

import dicomsql.engine.phase.Phase;

/**
 * The abdomen of one case in patient coordinates (mm, LPS: +x to the patient's left, +y
 * posterior): body outline, liver, aorta, portal vein and spine, with the HU of each contrast
 * phase for the enhancing organs.
 */
record Anatomy(
    Ellipse body,
    Ellipsoid liver,
    Circle aorta,
    Circle portalVein,
    Circle spine,
    double[] liverHu,
    double[] aortaHu,
    double[] portalVeinHu) {

  static final double AIR_HU = -1000;
  static final double FAT_HU = -100;
  static final double MUSCLE_HU = 40;
  static final double BONE_HU = 700;

  /** An axis-aligned ellipse in the axial plane. */
  record Ellipse(double cx, double cy, double rx, double ry) {
    boolean contains(double x, double y) {
      double dx = (x - cx) / rx;
      double dy = (y - cy) / ry;
      return dx * dx + dy * dy <= 1;
    }
  }

  /** An axis-aligned ellipsoid. */
  record Ellipsoid(double cx, double cy, double cz, double rx, double ry, double rz) {
    boolean contains(double x, double y, double z) {
      double dx = (x - cx) / rx;
      double dy = (y - cy) / ry;
      double dz = (z - cz) / rz;
      return dx * dx + dy * dy + dz * dz <= 1;
    }
  }

  /** A vessel or the spine: a circle in every axial plane. */
  record Circle(double cx, double cy, double r) {
    boolean contains(double x, double y) {
      double dx = x - cx;
      double dy = y - cy;
      return dx * dx + dy * dy <= r * r;
    }
  }

  double liverHu(Phase phase) {
    return liverHu[phase.ordinal()];
  }

  double aortaHu(Phase phase) {
    return aortaHu[phase.ordinal()];
  }

  double portalVeinHu(Phase phase) {
    return portalVeinHu[phase.ordinal()];
  }
}
