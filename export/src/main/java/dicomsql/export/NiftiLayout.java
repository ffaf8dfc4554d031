package dicomsql.export;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain NIfTI layout: per case a folder, in it one image per series
 * ({@code SERIES_UID.nii.gz}) and one label image per structure set on that series
 * ({@code SERIES_UID.RTSS_UID.labels.nii.gz}), each on the series' own grid; or, resampled to
 * the annotated series, every image trilinearly on that series' grid and the labels of all the
 * case's rows rasterized on it. With a spacing, that grid is resampled to it (labels painted on
 * the grid first, then taken by nearest neighbour).
 */
final class NiftiLayout implements ExportLayout {
  private final boolean toAnnotated;
  private final GridSpacing spacing;

  /**
   * @param toAnnotated every series of a case onto the grid of the series its first row names
   *     (the annotated one), and the labels rasterized on that grid; else each series on its
   *     own grid with its own labels
   * @param spacing what to resample every file to; null: keep the grid's spacing
   */
  NiftiLayout(boolean toAnnotated, GridSpacing spacing) {
    this.toAnnotated = toAnnotated;
    this.spacing = spacing;
  }

  @Override
  public CaseJob plan(String caseName, List<ExportRow> rows, ExportSources sources)
      throws SQLException {
    ExportSources.Resolved annotated = null;
    if (toAnnotated) {
      annotated = sources.grid(rows.get(0).seriesUid());
      if (annotated.grid() == null) {
        return new CaseJob(caseName, List.of(), List.of(), List.of(ManifestRow.leftOut("case",
            caseName, rows.get(0).seriesUid(), null, List.of(), annotated.problem()
                + "; the case's series are resampled onto its grid, so none is written")),
            false);
      }
    }
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
      String problem = resolved.grid() == null ? resolved.problem()
          : annotated == null ? null : otherFrame(resolved, annotated);
      if (problem != null) {
        notes.add(ManifestRow.leftOut("image", caseName, seriesUid, null, List.of(), problem));
        continue;
      }
      ExportSources.Resolved gridOf = annotated == null ? resolved : annotated;
      boolean ownGrid = seriesUid.equals(gridOf.series().seriesUid());
      VoxelGrid target = ownGrid && spacing == null ? resolved.grid().grid()
          : ExportLayout.target(gridOf.grid(), spacing);
      String file = caseName + "/" + seriesUid + ".nii.gz";
      images.add(new CaseJob.ImageOutput(file, resolved.grid(), target, new ManifestRow(file,
          "image", caseName, null, resolved.series().phase(), seriesUid,
          gridOf.series().seriesUid(), null, List.of(), List.of(),
          ExportLayout.sopUids(gridOf.grid(), spacing), List.of())));
      if (annotated == null) {
        labels.addAll(labels(caseName, entry.getValue(), resolved, target, sources, notes));
      }
    }
    if (annotated != null) {
      labels.addAll(labels(caseName, rows, annotated, ExportLayout.target(annotated.grid(),
          spacing), sources, notes));
    }
    return new CaseJob(caseName, images, labels, notes, false);
  }

  /** One label image per structure set of the rows, painted on a series' grid. */
  private List<CaseJob.LabelOutput> labels(String caseName, List<ExportRow> rows,
      ExportSources.Resolved paintedOn, VoxelGrid target, ExportSources sources,
      List<ManifestRow> notes) throws SQLException {
    Map<String, List<ExportRow>> byStructureSet = new LinkedHashMap<>();
    for (ExportRow row : rows) {
      if (row.hasRoi()) {
        byStructureSet.computeIfAbsent(row.rtssUid(), r -> new ArrayList<>()).add(row);
      }
    }
    List<CaseJob.LabelOutput> labels = new ArrayList<>();
    for (Map.Entry<String, List<ExportRow>> set : byStructureSet.entrySet()) {
      ExportSources.Rois rois = sources.rois(set.getValue(), paintedOn, caseName);
      notes.addAll(rois.leftOut());
      if (rois.rois().isEmpty()) {
        continue;
      }
      String file = caseName + "/" + paintedOn.series().seriesUid() + "." + set.getKey()
          + ".labels.nii.gz";
      labels.add(new CaseJob.LabelOutput(file, paintedOn.grid(), target, rois.rois(),
          ExportLayout.labelRow(file, caseName, paintedOn, set.getKey(), rois.rois(),
              spacing)));
    }
    return labels;
  }

  /** Why a series cannot be resampled onto the annotated one's grid; null when it can. */
  private static String otherFrame(ExportSources.Resolved series,
      ExportSources.Resolved annotated) {
    String frame = series.series().frameOfReferenceUid();
    String annotatedFrame = annotated.series().frameOfReferenceUid();
    if (series.series().seriesUid().equals(annotated.series().seriesUid())
        || frame != null && frame.equals(annotatedFrame)) {
      return null;
    }
    return "series " + series.series().seriesUid() + " is not in the frame of reference of the"
        + " annotated series " + annotated.series().seriesUid() + " (" + frame + ", not "
        + annotatedFrame + "): it cannot be resampled onto that grid and is left out";
  }
}
