package dicomsql.export;

/**
 * Resamples a label volume onto another grid of the same frame of reference by nearest
 * neighbour: each target voxel takes the label of the source voxel whose centre is nearest to
 * its own (index ⌊x + 0.5⌋ along each source direction), so no label value is ever made up;
 * a target voxel centre outside the source's outer voxel centres is background (0). This is
 * scipy's {@code ndimage.map_coordinates(order=0, mode='constant', cval=0)}.
 */
final class NearestLabels {
  /** How far past the outer voxel centres (in voxels) a position still counts as inside. */
  private static final double EDGE = 1e-4;

  private NearestLabels() {}

  static byte[] resample(VoxelGrid source, byte[] labels, VoxelGrid target) {
    double[][] inverse = source.inverseSteps();
    byte[] out = new byte[(int) target.voxelCount()];
    int v = 0;
    for (int k = 0; k < target.nz(); k++) {
      for (int j = 0; j < target.ny(); j++) {
        for (int i = 0; i < target.nx(); i++, v++) {
          double[] p = target.world(i, j, k);
          double[] d = {p[0] - source.origin()[0], p[1] - source.origin()[1],
              p[2] - source.origin()[2]};
          int si = nearest(inverse[0], d, source.nx());
          int sj = nearest(inverse[1], d, source.ny());
          int sk = nearest(inverse[2], d, source.nz());
          if (si >= 0 && sj >= 0 && sk >= 0) {
            out[v] = labels[si + source.nx() * (sj + source.ny() * sk)];
          }
        }
      }
    }
    return out;
  }

  /** The nearest index along one source direction, or -1 outside [0, n − 1]. */
  private static int nearest(double[] inverseRow, double[] offset, int n) {
    double x = inverseRow[0] * offset[0] + inverseRow[1] * offset[1] + inverseRow[2] * offset[2];
    if (x < -EDGE || x > n - 1 + EDGE) {
      return -1;
    }
    return Math.min(n - 1, Math.max(0, (int) Math.floor(x + 0.5)));
  }
}
