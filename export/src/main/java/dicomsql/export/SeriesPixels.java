package dicomsql.export;

import dicomsql.engine.raster.DecodedImage;
import dicomsql.engine.raster.DecodedSlices;
import java.io.IOException;
import java.nio.file.Path;

/** Decodes a series' images into one volume of modality values (HU for CT) on its grid. */
final class SeriesPixels {
  private SeriesPixels() {}

  /** The values of every voxel, slice k = 0 first, each slice row by row. */
  static float[] decode(Path dataRoot, SeriesGrid series) throws IOException {
    VoxelGrid grid = series.grid();
    long count = grid.voxelCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new IOException("the series has " + count + " voxels, too many for one volume");
    }
    float[] values = new float[(int) count];
    // No images kept: each is read once, into its slice of the volume.
    DecodedSlices slices = new DecodedSlices(dataRoot, 0);
    for (int k = 0; k < grid.nz(); k++) {
      DecodedImage image = slices.image(series.stack().plane(k));
      System.arraycopy(image.values(), 0, values, k * grid.sliceSize(), grid.sliceSize());
    }
    return values;
  }
}
