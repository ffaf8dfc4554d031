package dicomsql.engine.features;

import java.util.BitSet;

/**
 * A ROI mask on a regular grid: which voxels are inside, and the spacing between voxel
 * centres along each index (mm). Index i varies fastest, then j, then k. The grid's axes are
 * taken as perpendicular (true of every image stack whose slices step along the normal), so
 * shapes can be measured in index space scaled by the spacing.
 */
public record BinaryVolume(int nx, int ny, int nz, BitSet inside, double dx, double dy,
    double dz) {

  public BinaryVolume {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException("a volume needs voxels, not " + nx + "x" + ny + "x"
          + nz);
    }
    if (!(dx > 0) || !(dy > 0) || !(dz > 0)) {
      throw new IllegalArgumentException("voxel spacing must be positive, not " + dx + ", "
          + dy + ", " + dz);
    }
  }

  public boolean at(int i, int j, int k) {
    return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz
        && inside.get(i + nx * (j + ny * k));
  }

  public int voxelCount() {
    return inside.cardinality();
  }

  public double voxelVolume() {
    return dx * dy * dz;
  }
}
