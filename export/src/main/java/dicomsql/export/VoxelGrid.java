package dicomsql.export;

/**
 * A regular grid of voxels in patient space (DICOM LPS, mm): the centre of voxel (0, 0, 0) and
 * the step from one voxel centre to the next along each index. Index i runs along a row
 * (DICOM column), j down a column (DICOM row), k from slice to slice in patient order.
 */
record VoxelGrid(int nx, int ny, int nz, double[] origin, double[] stepI, double[] stepJ,
    double[] stepK) {

  VoxelGrid {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException("a grid needs voxels, not " + nx + "x" + ny + "x" + nz);
    }
  }

  long voxelCount() {
    return (long) nx * ny * nz;
  }

  int sliceSize() {
    return nx * ny;
  }

  /** The patient position (LPS, mm) of a voxel centre; indices may be fractional. */
  double[] world(double i, double j, double k) {
    double[] p = new double[3];
    for (int a = 0; a < 3; a++) {
      p[a] = origin[a] + i * stepI[a] + j * stepJ[a] + k * stepK[a];
    }
    return p;
  }

  /**
   * The NIfTI affine, row by row (3 rows of 4): voxel indices to RAS+ mm, as NIfTI readers
   * expect. DICOM's x grows to the patient's left and y to the posterior; RAS negates both.
   */
  double[][] rasAffine() {
    double[][] affine = new double[3][4];
    for (int a = 0; a < 3; a++) {
      double sign = a < 2 ? -1 : 1;
      affine[a][0] = sign * stepI[a];
      affine[a][1] = sign * stepJ[a];
      affine[a][2] = sign * stepK[a];
      affine[a][3] = sign * origin[a];
    }
    return affine;
  }

  /** The inverse of the step matrix: patient offsets (LPS, mm) to index offsets. */
  double[][] inverseSteps() {
    double[][] m = {
        {stepI[0], stepJ[0], stepK[0]},
        {stepI[1], stepJ[1], stepK[1]},
        {stepI[2], stepJ[2], stepK[2]}};
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if (Math.abs(det) < 1e-12) {
      throw new IllegalStateException("the grid's steps are not independent");
    }
    double[][] inverse = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        // adjugate: cofactor of (c, r)
        int r1 = (c + 1) % 3;
        int r2 = (c + 2) % 3;
        int c1 = (r + 1) % 3;
        int c2 = (r + 2) % 3;
        inverse[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
      }
    }
    return inverse;
  }

  static double length(double[] v) {
    return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  }
}
