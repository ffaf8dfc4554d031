package dicomsql.engine.synth;

/**
 * One closed planar contour as written to the structure set: the slice it was drawn on, and
 * its points (x, y, z triplets in mm) exactly as a reader parses them back from the DS text.
 */
record Contour(int slice, String sopUid, double z, double[] points) {
  int pointCount() {
    return points.length / 3;
  }
}
