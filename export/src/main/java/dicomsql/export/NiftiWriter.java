package dicomsql.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes single-file NIfTI-1 volumes ({@code .nii.gz}): the 348-byte header, four zero
 * extension bytes, the voxels from {@code vox_offset} 352, little-endian, i fastest, then j,
 * then k, all gzipped. The sform holds the exact affine; the qform the nearest rotation (a
 * tilted stack's shear only the sform can hold); both coded as scanner coordinates.
 */
final class NiftiWriter {
  static final int HEADER_SIZE = 348;
  static final int VOX_OFFSET = 352;
  static final short UINT8 = 2;
  static final short INT16 = 4;
  static final short FLOAT32 = 16;
  private static final int NIFTI_UNITS_MM = 2;
  private static final short NIFTI_XFORM_SCANNER_ANAT = 1;

  private NiftiWriter() {}

  /**
   * Writes HU values as int16 when every value is a whole number that fits, else as float32.
   *
   * @return the bytes written
   */
  static long writeImage(Path file, VoxelGrid grid, float[] values) throws IOException {
    int slice = grid.sliceSize();
    if (fitsInt16(values)) {
      return writeInt16(file, grid, (k, into) -> System.arraycopy(values, k * slice, into, 0,
          slice));
    }
    return write(file, grid, FLOAT32, "HU", (buffer, k) -> {
      for (int v = k * slice, end = v + slice; v < end; v++) {
        buffer.putFloat(values[v]);
      }
    });
  }

  /** Slice k's values, row by row: whole numbers within int16's range for int16 files. */
  interface Slices {
    void fill(int k, float[] into);
  }

  /**
   * Writes whole HU values as int16, one slice at a time, so no volume of them is ever held.
   *
   * @return the bytes written
   */
  static long writeInt16(Path file, VoxelGrid grid, Slices slices) throws IOException {
    float[] values = new float[grid.sliceSize()];
    return write(file, grid, INT16, "HU", (buffer, k) -> {
      slices.fill(k, values);
      for (float value : values) {
        buffer.putShort((short) value);
      }
    });
  }

  /** Writes labels as uint8. */
  static long writeLabels(Path file, VoxelGrid grid, byte[] labels) throws IOException {
    int slice = grid.sliceSize();
    return write(file, grid, UINT8, "labels", (buffer, k) -> buffer.put(labels, k * slice, slice));
  }

  /** Whether every value is a whole number within int16's range. */
  static boolean fitsInt16(float[] values) {
    for (float value : values) {
      if (value != Math.rint(value) || value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
        return false;
      }
    }
    return true;
  }

  private interface SliceEncoder {
    void put(ByteBuffer buffer, int k);
  }

  private static long write(Path file, VoxelGrid grid, short datatype, String description,
      SliceEncoder slices) throws IOException {
    int bytesPerVoxel = datatype == UINT8 ? 1 : datatype == INT16 ? 2 : 4;
    ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(VOX_OFFSET,
        grid.sliceSize() * bytesPerVoxel)).order(ByteOrder.LITTLE_ENDIAN);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (GzipFile out = new GzipFile(file)) {
      buffer.put(header(grid, datatype, bytesPerVoxel * 8, description)).flip();
      out.write(buffer);
      for (int k = 0; k < grid.nz(); k++) {
        buffer.clear();
        slices.put(buffer, k);
        out.write(buffer.flip());
      }
    }
    return Files.size(file);
  }

  /** The header and the four extension bytes: {@code vox_offset} bytes in all. */
  static byte[] header(VoxelGrid grid, short datatype, int bitpix, String description) {
    ByteBuffer h = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, HEADER_SIZE);
    h.put(38, (byte) 'r');
    short[] dim = {3, (short) grid.nx(), (short) grid.ny(), (short) grid.nz(), 1, 1, 1, 1};
    for (int d = 0; d < dim.length; d++) {
      h.putShort(40 + 2 * d, dim[d]);
    }
    h.putShort(70, datatype);
    h.putShort(72, (short) bitpix);
    float[] pixdim = {1, (float) VoxelGrid.length(grid.stepI()),
        (float) VoxelGrid.length(grid.stepJ()), (float) VoxelGrid.length(grid.stepK()), 1, 1, 1,
        1};
    for (int d = 0; d < pixdim.length; d++) {
      h.putFloat(76 + 4 * d, pixdim[d]);
    }
    h.putFloat(108, VOX_OFFSET);
    h.putFloat(112, 1);
    h.put(123, (byte) NIFTI_UNITS_MM);
    byte[] text = description.getBytes(StandardCharsets.US_ASCII);
    h.put(148, text, 0, Math.min(79, text.length));
    h.putShort(252, NIFTI_XFORM_SCANNER_ANAT);
    h.putShort(254, NIFTI_XFORM_SCANNER_ANAT);
    double[][] affine = grid.rasAffine();
    double[] quaternion = quaternion(affine);
    for (int q = 0; q < 3; q++) {
      h.putFloat(256 + 4 * q, (float) quaternion[q]);
      h.putFloat(268 + 4 * q, (float) affine[q][3]);
    }
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        h.putFloat(280 + 16 * r + 4 * c, (float) affine[r][c]);
      }
    }
    h.put(344, new byte[] {'n', '+', '1', 0});
    return h.array();
  }

  /**
   * The qform's quaternion (b, c, d) of the rotation whose columns are the affine's i and j
   * directions and their cross product, as {@code nifti_mat44_to_quatern} computes it. That
   * rotation is proper (determinant +1), so qfac (pixdim[0]) is 1.
   */
  static double[] quaternion(double[][] affine) {
    double[] u = unit(affine, 0);
    double[] v = unit(affine, 1);
    double[] w = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2],
        u[0] * v[1] - u[1] * v[0]};
    double[][] r = {{u[0], v[0], w[0]}, {u[1], v[1], w[1]}, {u[2], v[2], w[2]}};
    double a = r[0][0] + r[1][1] + r[2][2] + 1;
    double b;
    double c;
    double d;
    if (a > 0.5) {
      a = 0.5 * Math.sqrt(a);
      b = 0.25 * (r[2][1] - r[1][2]) / a;
      c = 0.25 * (r[0][2] - r[2][0]) / a;
      d = 0.25 * (r[1][0] - r[0][1]) / a;
    } else {
      double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
      double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
      double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
      if (xd > 1) {
        b = 0.5 * Math.sqrt(xd);
        c = 0.25 * (r[0][1] + r[1][0]) / b;
        d = 0.25 * (r[0][2] + r[2][0]) / b;
        a = 0.25 * (r[2][1] - r[1][2]) / b;
      } else if (yd > 1) {
        c = 0.5 * Math.sqrt(yd);
        b = 0.25 * (r[0][1] + r[1][0]) / c;
        d = 0.25 * (r[1][2] + r[2][1]) / c;
        a = 0.25 * (r[0][2] - r[2][0]) / c;
      } else {
        d = 0.5 * Math.sqrt(zd);
        b = 0.25 * (r[0][2] + r[2][0]) / d;
        c = 0.25 * (r[1][2] + r[2][1]) / d;
        a = 0.25 * (r[1][0] - r[0][1]) / d;
      }
      if (a < 0) {
        b = -b;
        c = -c;
        d = -d;
      }
    }
    return new double[] {b, c, d};
  }

  private static double[] unit(double[][] affine, int column) {
    double[] v = {affine[0][column], affine[1][column], affine[2][column]};
    double length = VoxelGrid.length(v);
    return new double[] {v[0] / length, v[1] / length, v[2] / length};
  }
}
