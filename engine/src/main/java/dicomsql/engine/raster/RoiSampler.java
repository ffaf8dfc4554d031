package dicomsql.engine.raster;

import java.io.IOException;
import org.roaringbitmap.RoaringBitmap;

/**
 * Collects the pixel values inside a ROI's masks, reading only the images the ROI touches, and
 * of those only the stretch of pixels its mask spans.
 */
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
      float[] inside = source.values(slice.plane(), mask);
      System.arraycopy(inside, 0, values, next, inside.length);
      next += inside.length;
    }
    return values;
  }
}
