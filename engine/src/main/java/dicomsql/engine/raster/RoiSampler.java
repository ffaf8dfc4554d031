package dicomsql.engine.raster;

import java.io.IOException;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/** Collects the pixel values inside a ROI's masks, decoding only the images the ROI touches. */
public final class RoiSampler {
  private RoiSampler() {}

  /** The values of every pixel inside the ROI, image after image. */
  public static float[] sample(RoiMasks masks, SliceSource source) throws IOException {
    long total = masks.voxelCount();
    if (total > Integer.MAX_VALUE - 8) {
      throw new IOException("the ROI covers " + total + " voxels, too many to sample at once");
    }
    float[] values = new float[(int) total];
    int next = 0;
    for (RoiMasks.Slice slice : masks.slices()) {
      RoaringBitmap mask = slice.mask();
      if (mask.isEmpty()) {
        continue;
      }
      float[] image = source.values(slice.plane());
      IntIterator pixel = mask.getIntIterator();
      while (pixel.hasNext()) {
        values[next++] = image[pixel.next()];
      }
    }
    return values;
  }
}
