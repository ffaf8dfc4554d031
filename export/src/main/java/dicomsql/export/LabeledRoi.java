package dicomsql.export;

import dicomsql.engine.raster.PlanarContour;
import java.util.List;

/**
 * A ROI to paint into a label image with its label value.
 *
 * @param contours its contours in file order, as {@code roi_mask} rasterizes them
 */
record LabeledRoi(String rtssUid, int roiNumber, int label, List<PlanarContour> contours) {
  String describe() {
    return "ROI " + roiNumber + " (label " + label + ")";
  }
}
