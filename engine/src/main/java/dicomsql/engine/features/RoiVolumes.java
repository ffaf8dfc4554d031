package dicomsql.engine.features;

import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.RoiMasks;
import java.util.BitSet;
import java.util.List;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/** A rasterized ROI as a binary volume cropped to its bounding box, for shape features. */
public final class RoiVolumes {
  private RoiVolumes() {}

  /**
   * The ROI's voxels between its first and last slice on the stack, with the stack's pixel
   * and slice spacing; null when it has no voxel or the slice spacing is unknown.
   */
  public static BinaryVolume of(RoiMasks masks) {
    List<RoiMasks.Slice> slices = masks.slices();
    double spacing = masks.stack().spacing();
    if (masks.voxelCount() == 0 || !(spacing > 0)) {
      return null;
    }
    ImagePlane first = masks.stack().plane(0);
    int columns = first.columns();
    int minCol = Integer.MAX_VALUE;
    int maxCol = -1;
    int minRow = Integer.MAX_VALUE;
    int maxRow = -1;
    int minK = Integer.MAX_VALUE;
    int maxK = -1;
    int[] planeOf = new int[slices.size()];
    for (int s = 0; s < slices.size(); s++) {
      RoaringBitmap mask = slices.get(s).mask();
      planeOf[s] = masks.stack().indexOf(slices.get(s).plane().sopUid());
      if (mask.isEmpty()) {
        continue;
      }
      minK = Math.min(minK, planeOf[s]);
      maxK = Math.max(maxK, planeOf[s]);
      minRow = Math.min(minRow, mask.first() / columns);
      maxRow = Math.max(maxRow, mask.last() / columns);
      for (IntIterator pixel = mask.getIntIterator(); pixel.hasNext(); ) {
        int col = pixel.next() % columns;
        minCol = Math.min(minCol, col);
        maxCol = Math.max(maxCol, col);
      }
    }
    int nx = maxCol - minCol + 1;
    int ny = maxRow - minRow + 1;
    BitSet inside = new BitSet();
    for (int s = 0; s < slices.size(); s++) {
      int k = planeOf[s] - minK;
      for (IntIterator pixel = slices.get(s).mask().getIntIterator(); pixel.hasNext(); ) {
        int p = pixel.next();
        inside.set((p % columns - minCol) + nx * ((p / columns - minRow) + ny * k));
      }
    }
    return new BinaryVolume(nx, ny, maxK - minK + 1, inside, first.columnSpacing(),
        first.rowSpacing(), spacing);
  }
}
