package dicomsql.export;

import java.util.Arrays;

/**
 * Resamples a volume onto another grid of the same frame of reference by trilinear
 * interpolation between the eight source voxels around each target voxel centre. Target voxels
 * whose centre lies outside the source volume get a fill value. Works a target slice at a
 * time, so a whole resampled volume need never be held. One thread uses an instance.
 */
final class Resampler implements NiftiWriter.Slices {
  /** How far past the outer voxel centres (in voxels) a position still counts as inside. */
  private static final double EDGE = 1e-4;

  private final VoxelGrid source;
  private final float[] values;
  private final VoxelGrid target;
  private final float fill;
  private final boolean wholeValues;
  private final double[][] inverse;
  private final double[] stepI;
  /**
   * Whether a target row runs along the source's rows only (its step has no source j or k
   * part), as between the axial series of one scanner frame: then a row's j and k positions,
   * and so its weights along them, are computed once per row, not per voxel.
   */
  private final boolean alongSourceRows;
  /**
   * For rows along source rows: each target column's source column x0 (-1 outside the source)
   * and weight, for the row start they were computed from (usually every row's: one per grid).
   */
  private final int[] columns;
  private final double[] columnWeights;
  private double columnsStart = Double.NaN;

  /**
   * @param wholeValues round to whole numbers (the source holds whole HU: interpolating adds
   *     no precision worth float32 files)
   */
  Resampler(VoxelGrid source, float[] values, VoxelGrid target, float fill,
      boolean wholeValues) {
    this.source = source;
    this.values = values;
    this.target = target;
    this.fill = fill;
    this.wholeValues = wholeValues;
    this.inverse = source.inverseSteps();
    this.stepI = times(inverse, target.stepI());
    this.alongSourceRows = stepI[1] == 0 && stepI[2] == 0;
    this.columns = new int[alongSourceRows ? target.nx() : 0];
    this.columnWeights = new double[columns.length];
  }

  /** The source's values at every target voxel centre, slice k = 0 first. */
  float[] volume() {
    float[] out = new float[(int) target.voxelCount()];
    float[] slice = new float[target.sliceSize()];
    for (int k = 0; k < target.nz(); k++) {
      fill(k, slice);
      System.arraycopy(slice, 0, out, k * slice.length, slice.length);
    }
    return out;
  }

  /** The source's values at target slice k's voxel centres, row by row. */
  @Override
  public void fill(int k, float[] into) {
    for (int j = 0; j < target.ny(); j++) {
      double[] world = target.world(0, j, k);
      double[] start = times(inverse, new double[] {world[0] - source.origin()[0],
          world[1] - source.origin()[1], world[2] - source.origin()[2]});
      if (alongSourceRows) {
        sourceRow(start, into, j * target.nx());
      } else {
        anyRow(start, into, j * target.nx());
      }
    }
  }

  /**
   * A target row whose source j and k are constant: {@code start[1] + i * 0} is
   * {@code start[1]}, so the values are those the per-voxel computation gives.
   */
  private void sourceRow(double[] start, float[] into, int next) {
    double y = start[1];
    double z = start[2];
    int nx = source.nx();
    if (y < -EDGE || z < -EDGE || y > source.ny() - 1 + EDGE || z > source.nz() - 1 + EDGE) {
      Arrays.fill(into, next, next + target.nx(), fill);
      return;
    }
    int y0 = clamp((int) Math.floor(y), source.ny());
    int z0 = clamp((int) Math.floor(z), source.nz());
    int y1 = Math.min(y0 + 1, source.ny() - 1);
    int z1 = Math.min(z0 + 1, source.nz() - 1);
    double fy = weight(y, y0);
    double fz = weight(z, z0);
    int a0 = z0 * source.sliceSize() + y0 * nx;
    int a1 = z0 * source.sliceSize() + y1 * nx;
    int b0 = z1 * source.sliceSize() + y0 * nx;
    int b1 = z1 * source.sliceSize() + y1 * nx;
    if (Double.doubleToRawLongBits(start[0]) != Double.doubleToRawLongBits(columnsStart)) {
      for (int i = 0; i < columns.length; i++) {
        double x = start[0] + i * stepI[0];
        boolean inside = !(x < -EDGE || x > nx - 1 + EDGE);
        columns[i] = inside ? clamp((int) Math.floor(x), nx) : -1;
        columnWeights[i] = inside ? weight(x, columns[i]) : 0;
      }
      columnsStart = start[0];
    }
    for (int i = 0; i < columns.length; i++) {
      int x0 = columns[i];
      into[next++] = x0 < 0 ? fill
          : at(x0, Math.min(x0 + 1, nx - 1), columnWeights[i], a0, a1, b0, b1, fy, fz);
    }
  }

  private void anyRow(double[] start, float[] into, int next) {
    int nx = source.nx();
    int ny = source.ny();
    int nz = source.nz();
    for (int i = 0; i < target.nx(); i++) {
      double x = start[0] + i * stepI[0];
      double y = start[1] + i * stepI[1];
      double z = start[2] + i * stepI[2];
      if (x < -EDGE || y < -EDGE || z < -EDGE || x > nx - 1 + EDGE || y > ny - 1 + EDGE
          || z > nz - 1 + EDGE) {
        into[next++] = fill;
        continue;
      }
      int x0 = clamp((int) Math.floor(x), nx);
      int y0 = clamp((int) Math.floor(y), ny);
      int z0 = clamp((int) Math.floor(z), nz);
      int y1 = Math.min(y0 + 1, ny - 1);
      int z1 = Math.min(z0 + 1, nz - 1);
      into[next++] = at(x0, Math.min(x0 + 1, nx - 1), weight(x, x0),
          z0 * source.sliceSize() + y0 * nx, z0 * source.sliceSize() + y1 * nx,
          z1 * source.sliceSize() + y0 * nx, z1 * source.sliceSize() + y1 * nx,
          weight(y, y0), weight(z, z0));
    }
  }

  /** The value between rows a0, a1 (slice z0) and b0, b1 (slice z1) at columns x0, x1. */
  private float at(int x0, int x1, double fx, int a0, int a1, int b0, int b1, double fy,
      double fz) {
    double front = lerp(lerp(values[a0 + x0], values[a0 + x1], fx),
        lerp(values[a1 + x0], values[a1 + x1], fx), fy);
    double back = lerp(lerp(values[b0 + x0], values[b0 + x1], fx),
        lerp(values[b1 + x0], values[b1 + x1], fx), fy);
    double value = lerp(front, back, fz);
    return (float) (wholeValues ? Math.rint(value) : value);
  }

  private static double weight(double position, int below) {
    return Math.max(0, Math.min(1, position - below));
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
