package dicomsql.export;

import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.RoiMasks;
import dicomsql.engine.raster.RoiRasterizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Paints ROIs into a label volume on a series' grid, each rasterized by {@link RoiRasterizer}
 * on the series' stack exactly as {@code roi_mask} is, so every label voxel is a voxel of that
 * ROI's mask.
 *
 * <p>Where ROIs of different labels overlap, the larger label wins (so a lesion labelled 2
 * stays visible inside an organ labelled 1, whatever the row order); every such overlap is
 * reported with its voxel count and the label kept. Contours that lie on no image of the
 * series are reported as {@code roi_slices} reports them.
 */
final class LabelPainter {
  /** The painted volume and what went wrong. */
  record Painted(byte[] labels, List<String> problems) {}

  private LabelPainter() {}

  static Painted paint(SeriesGrid series, List<LabeledRoi> rois) {
    VoxelGrid grid = series.grid();
    ImageStack stack = series.stack();
    byte[] labels = new byte[(int) grid.voxelCount()];
    List<String> problems = new ArrayList<>();
    List<LabeledRoi> ordered = new ArrayList<>(rois);
    ordered.sort(Comparator.comparingInt(LabeledRoi::label));
    List<RoiMasks> masks = new ArrayList<>();
    for (LabeledRoi roi : ordered) {
      RoiMasks rasterized = RoiRasterizer.rasterize(roi.contours(), stack);
      masks.add(rasterized);
      for (ImageStack.Placement unplaced : rasterized.unplaced()) {
        problems.add(roi.describe() + ": " + unplaced.problem());
      }
      if (rasterized.voxelCount() == 0) {
        problems.add(roi.describe() + " covers no voxel of this series");
      }
    }
    Map<String, Long> overlaps = new LinkedHashMap<>();
    for (int k = 0; k < grid.nz(); k++) {
      int offset = k * grid.sliceSize();
      for (int a = 0; a < ordered.size(); a++) {
        RoaringBitmap mask = masks.get(a).mask(k);
        if (mask.isEmpty()) {
          continue;
        }
        for (int b = 0; b < a; b++) {
          if (ordered.get(b).label() != ordered.get(a).label()) {
            long shared = RoaringBitmap.andCardinality(masks.get(b).mask(k), mask);
            if (shared > 0) {
              overlaps.merge(ordered.get(b).describe() + " and " + ordered.get(a).describe(),
                  shared, Long::sum);
            }
          }
        }
        byte label = (byte) ordered.get(a).label();
        for (IntIterator pixel = mask.getIntIterator(); pixel.hasNext(); ) {
          labels[offset + pixel.next()] = label;
        }
      }
    }
    overlaps.forEach((pair, voxels) -> problems.add(String.format(Locale.ROOT,
        "%s overlap in %d voxels; the larger label is kept there", pair, voxels)));
    return new Painted(labels, List.copyOf(problems));
  }
}
