package dicomsql.export;

import dicomsql.engine.raster.DecodedImage;
import dicomsql.engine.raster.DecodedSlices;
import java.io.IOException;
import java.nio.file.Path;

/** Decodes a series' images into one volume of modality values (HU for CT) on its grid. */
final class SeriesPixels {
  /**
   * The values of every voxel, slice k = 0 first, each slice row by row; whether they are all
   * whole numbers within int16's range; and the lowest.
   */
  record Volume(float[] values, boolean wholeInt16, float lowest) {}

  private SeriesPixels() {}

  static Volume decode(Path dataRoot, SeriesGrid series) throws IOException {
    VoxelGrid grid = series.grid();
    long count = grid.voxelCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new IOException("the series has " + count + " voxels, too many for one volume");
    }
    float[] values = new float[(int) count];
    boolean whole = true;
    float lowest = Float.POSITIVE_INFINITY;
    // No images kept: each is read once, into its slice of the volume, and looked at there
    // while it is in cache.
    DecodedSlices slices = new DecodedSlices(dataRoot, 0);
    for (int k = 0; k < grid.nz(); k++) {
      DecodedImage image = slices.image(series.stack().plane(k));
      float[] slice = image.values();
      whole = whole && NiftiWriter.fitsInt16(slice);
      for (float value : slice) {
        lowest = Math.min(lowest, value);
      }
      System.arraycopy(slice, 0, values, k * grid.sliceSize(), grid.sliceSize());
    }
    return new Volume(values, whole, lowest);
  }
}
