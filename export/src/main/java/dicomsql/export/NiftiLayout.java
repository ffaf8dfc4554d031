package dicomsql.export;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain NIfTI layout: per case a folder, in it one image per series
 * ({@code SERIES_UID.nii.gz}) and one label image per structure set on that series
 * ({@code SERIES_UID.RTSS_UID.labels.nii.gz}), each on the series' own grid, or on that grid
 * resampled to a spacing (labels painted on the series' grid first, then taken by nearest
 * neighbour).
 */
final class NiftiLayout implements ExportLayout {
  private final GridSpacing spacing;

  /** @param spacing what to resample every file to; null: each series' own grid */
  NiftiLayout(GridSpacing spacing) {
    this.spacing = spacing;
  }

  @Override
  public CaseJob plan(String caseName, List<ExportRow> rows, ExportSources sources)
      throws SQLException {
    Map<String, List<ExportRow>> bySeries = new LinkedHashMap<>();
    for (ExportRow row : rows) {
      bySeries.computeIfAbsent(row.seriesUid(), s -> new ArrayList<>()).add(row);
    }
    List<CaseJob.ImageOutput> images = new ArrayList<>();
    List<CaseJob.LabelOutput> labels = new ArrayList<>();
    List<ManifestRow> notes = new ArrayList<>();
    for (Map.Entry<String, List<ExportRow>> entry : bySeries.entrySet()) {
      String seriesUid = entry.getKey();
      ExportSources.Resolved resolved = sources.grid(seriesUid);
      if (resolved.grid() == null) {
        notes.add(ManifestRow.leftOut("image", caseName, seriesUid, null, List.of(),
            resolved.problem()));
        continue;
      }
      SeriesGrid grid = resolved.grid();
      VoxelGrid target = ExportLayout.target(grid, spacing);
      images.add(new CaseJob.ImageOutput(caseName + "/" + seriesUid + ".nii.gz", grid, target,
          new ManifestRow(caseName + "/" + seriesUid + ".nii.gz", "image", caseName, null,
              resolved.series().phase(), seriesUid, seriesUid, null, List.of(), List.of(),
              ExportLayout.sopUids(grid, spacing), List.of())));
      Map<String, List<ExportRow>> byStructureSet = new LinkedHashMap<>();
      for (ExportRow row : entry.getValue()) {
        if (row.hasRoi()) {
          byStructureSet.computeIfAbsent(row.rtssUid(), r -> new ArrayList<>()).add(row);
        }
      }
      for (Map.Entry<String, List<ExportRow>> set : byStructureSet.entrySet()) {
        ExportSources.Rois rois = sources.rois(set.getValue(), resolved, caseName);
        notes.addAll(rois.leftOut());
        if (rois.rois().isEmpty()) {
          continue;
        }
        String file = caseName + "/" + seriesUid + "." + set.getKey() + ".labels.nii.gz";
        labels.add(new CaseJob.LabelOutput(file, grid, target, rois.rois(),
            ExportLayout.labelRow(file, caseName, resolved, set.getKey(), rois.rois(),
                spacing)));
      }
    }
    return new CaseJob(caseName, images, labels, notes, false);
  }
}
