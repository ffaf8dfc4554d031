package dicomsql.server.web;

import dicomsql.engine.raster.ImagePlanes;
import dicomsql.engine.raster.RoiOverlay;

/**
 * The colour the viewer outlines a ROI in: its ROI Display Color, else one of a fixed palette
 * picked by its ROI number, so that ROIs of a structure set without colours can still be told
 * apart. The palette starts with the colour {@code roi_png} gives a ROI without one.
 */
final class OutlineColors {
  private static final int[][] PALETTE = {RoiOverlay.DEFAULT_COLOR, {0, 255, 255},
      {255, 0, 255}, {255, 128, 0}, {0, 255, 0}, {255, 128, 192}, {128, 128, 255},
      {255, 255, 255}};

  private OutlineColors() {}

  /** The colour of ROI {@code number} whose {@code rois.color} is {@code color} (may be null). */
  static int[] of(String color, int number) {
    double[] rgb = ImagePlanes.multiValued(color, 3);
    if (rgb == null) {
      return PALETTE[Math.floorMod(number - 1, PALETTE.length)].clone();
    }
    return new int[] {(int) rgb[0], (int) rgb[1], (int) rgb[2]};
  }
}
