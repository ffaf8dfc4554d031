package dicomsql.export;

/**
 * Resamples a volume onto another grid of the same frame of reference by trilinear
 * interpolation between the eight source voxels around each target voxel centre. Target voxels
 * whose centre lies outside the source volume get a fill value.
 */
final class Resampler {
  /** How far past the outer voxel centres (in voxels) a position still counts as inside. */
  private static final double EDGE = 1e-4;

  private Resampler() {}

  /**
   * The source's values at the target's voxel centres.
   *
   * @param wholeValues round to whole numbers (the source holds whole HU: interpolating adds
   *     no precision worth float32 files)
   */
  static float[] trilinear(VoxelGrid source, float[] values, VoxelGrid target, float fill,
      boolean wholeValues) {
    double[][] inverse = source.inverseSteps();
    double[] stepI = times(inverse, target.stepI());
    float[] out = new float[(int) target.voxelCount()];
    int nx = source.nx();
    int ny = source.ny();
    int nz = source.nz();
    int slice = source.sliceSize();
    int next = 0;
    for (int k = 0; k < target.nz(); k++) {
      for (int j = 0; j < target.ny(); j++) {
        double[] world = target.world(0, j, k);
        double[] start = times(inverse, new double[] {world[0] - source.origin()[0],
            world[1] - source.origin()[1], world[2] - source.origin()[2]});
        for (int i = 0; i < target.nx(); i++) {
          double x = start[0] + i * stepI[0];
          double y = start[1] + i * stepI[1];
          double z = start[2] + i * stepI[2];
          if (x < -EDGE || y < -EDGE || z < -EDGE || x > nx - 1 + EDGE || y > ny - 1 + EDGE
              || z > nz - 1 + EDGE) {
            out[next++] = fill;
            continue;
          }
          int x0 = clamp((int) Math.floor(x), nx);
          int y0 = clamp((int) Math.floor(y), ny);
          int z0 = clamp((int) Math.floor(z), nz);
          int x1 = Math.min(x0 + 1, nx - 1);
          int y1 = Math.min(y0 + 1, ny - 1);
          int z1 = Math.min(z0 + 1, nz - 1);
          double fx = Math.max(0, Math.min(1, x - x0));
          double fy = Math.max(0, Math.min(1, y - y0));
          double fz = Math.max(0, Math.min(1, z - z0));
          int a = z0 * slice;
          int b = z1 * slice;
          double front = lerp(lerp(values[a + y0 * nx + x0], values[a + y0 * nx + x1], fx),
              lerp(values[a + y1 * nx + x0], values[a + y1 * nx + x1], fx), fy);
          double back = lerp(lerp(values[b + y0 * nx + x0], values[b + y0 * nx + x1], fx),
              lerp(values[b + y1 * nx + x0], values[b + y1 * nx + x1], fx), fy);
          double value = lerp(front, back, fz);
          out[next++] = (float) (wholeValues ? Math.rint(value) : value);
        }
      }
    }
    return out;
  }

  private static int clamp(int index, int size) {
    return Math.max(0, Math.min(size - 1, index));
  }

  private static double lerp(double a, double b, double f) {
    return a + (b - a) * f;
  }

  private static double[] times(double[][] m, double[] v) {
    return new double[] {
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
  }
}
