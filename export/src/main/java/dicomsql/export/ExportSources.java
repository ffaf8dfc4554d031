package dicomsql.export;

import dicomsql.engine.raster.ImageStack;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves the rows of the export query into grids and labelled ROIs, through the catalog,
 * keeping each series' grid once; what cannot be resolved becomes a reason, never a guess.
 */
final class ExportSources {
  /** A series' grid, or why it has none. */
  record Resolved(ExportCatalog.Series series, SeriesGrid grid, String problem) {}

  /** The ROIs to paint on a grid, and why the others are not painted. */
  record Rois(List<LabeledRoi> rois, List<ManifestRow> leftOut) {}

  private final ExportCatalog catalog;
  private final Map<String, Resolved> grids = new HashMap<>();

  ExportSources(ExportCatalog catalog) {
    this.catalog = catalog;
  }

  ExportCatalog catalog() {
    return catalog;
  }

  Resolved grid(String seriesUid) throws SQLException {
    Resolved resolved = grids.get(seriesUid);
    if (resolved == null) {
      resolved = resolve(seriesUid);
      grids.put(seriesUid, resolved);
    }
    return resolved;
  }

  private Resolved resolve(String seriesUid) throws SQLException {
    ExportCatalog.Series series = catalog.series(seriesUid);
    if (series == null) {
      return new Resolved(null, null, "the data folder has no series " + seriesUid);
    }
    try {
      ImageStack stack = catalog.stack(seriesUid);
      if (stack == null) {
        return new Resolved(series, null, "series " + seriesUid + " has no images with a"
            + " position, orientation and spacing in the data folder");
      }
      return new Resolved(series, SeriesGrid.of(stack), null);
    } catch (IllegalArgumentException e) {
      return new Resolved(series, null, "series " + seriesUid + " is not exported: "
          + e.getMessage());
    }
  }

  /**
   * The ROIs of these rows that can be painted on a series: those that exist and were drawn on
   * it or on a series of its frame of reference, as for {@code roi_mask}.
   */
  Rois rois(List<ExportRow> rows, Resolved target, String caseId) throws SQLException {
    List<LabeledRoi> rois = new ArrayList<>();
    List<ManifestRow> leftOut = new ArrayList<>();
    for (ExportRow row : rows) {
      if (!row.hasRoi()) {
        continue;
      }
      ExportCatalog.Roi roi = catalog.roi(row.rtssUid(), row.roiNumber());
      String problem = null;
      if (roi == null) {
        problem = "the data folder has no ROI " + row.roiNumber() + " in structure set "
            + row.rtssUid();
      } else if (roi.referencedSeriesUid() == null) {
        problem = "ROI " + row.roiNumber() + " is linked to no series";
      } else if (!applies(roi.referencedSeriesUid(), target.series())) {
        problem = "ROI " + row.roiNumber() + " was drawn on series " + roi.referencedSeriesUid()
            + ", outside the frame of reference of series " + target.series().seriesUid();
      }
      if (problem != null) {
        leftOut.add(ManifestRow.leftOut("label", caseId, target.series().seriesUid(),
            row.rtssUid(), List.of(row.roiNumber()), "ROI not painted: " + problem));
      } else {
        rois.add(new LabeledRoi(row.rtssUid(), row.roiNumber(), row.label(), roi.contours()));
      }
    }
    return new Rois(rois, leftOut);
  }

  private boolean applies(String drawnOn, ExportCatalog.Series target) throws SQLException {
    if (drawnOn.equals(target.seriesUid())) {
      return true;
    }
    ExportCatalog.Series drawn = catalog.series(drawnOn);
    return drawn != null && drawn.frameOfReferenceUid() != null
        && Objects.equals(drawn.frameOfReferenceUid(), target.frameOfReferenceUid());
  }
}
