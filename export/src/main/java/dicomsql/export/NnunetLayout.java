package dicomsql.export;

import dicomsql.engine.phase.Phase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * nnU-Net v2's raw dataset layout: {@code imagesTr/CASE_XXXX.nii.gz} per channel,
 * {@code labelsTr/CASE.nii.gz}, and {@code dataset.json}. A case's grid is the series its first
 * row names (the annotated one); each channel is the series of one contrast phase in that
 * series' frame of reference, trilinearly resampled onto the grid unless it is the annotated
 * series itself. The labels are rasterized on the grid directly, as {@code roi_mask} does on
 * that series, so they need no resampling. With a spacing, the grid is the annotated one
 * resampled to it: every channel is resampled trilinearly onto it, and the labels, rasterized
 * on the annotated grid, by nearest neighbour. A case that lacks a phase is left out: nnU-Net
 * needs every channel of every case.
 */
final class NnunetLayout implements ExportLayout {
  private final List<Phase> channels;
  private final GridSpacing spacing;

  /** @param spacing what to resample the annotated grid to; null: keep it */
  NnunetLayout(List<Phase> channels, GridSpacing spacing) {
    this.channels = List.copyOf(channels);
    this.spacing = spacing;
  }

  @Override
  public CaseJob plan(String caseName, List<ExportRow> rows, ExportSources sources)
      throws SQLException {
    String reference = rows.get(0).seriesUid();
    List<ManifestRow> notes = new ArrayList<>();
    ExportSources.Resolved grid = sources.grid(reference);
    if (grid.grid() == null) {
      return leftOut(caseName, reference, grid.problem());
    }
    Set<String> others = new LinkedHashSet<>();
    rows.stream().map(ExportRow::seriesUid).filter(s -> !s.equals(reference))
        .forEach(others::add);
    if (!others.isEmpty()) {
      notes.add(ManifestRow.leftOut("case", caseName, reference, null, List.of(),
          "the case's rows also name series " + String.join(", ", others) + "; its grid is"
              + " the first row's series, and every ROI is painted on that"));
    }
    List<ExportCatalog.Series> frame = grid.series().frameOfReferenceUid() == null
        ? List.of(grid.series())
        : sources.catalog().seriesOfFrame(grid.series().frameOfReferenceUid());
    VoxelGrid target = ExportLayout.target(grid.grid(), spacing);
    List<CaseJob.ImageOutput> images = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int channel = 0; channel < channels.size(); channel++) {
      String phase = channels.get(channel).name();
      ExportSources.Resolved source = phaseSeries(phase, grid, frame, sources);
      if (source == null) {
        missing.add(phase);
        continue;
      }
      String file = String.format(Locale.ROOT, "imagesTr/%s_%04d.nii.gz", caseName, channel);
      String seriesUid = source.series().seriesUid();
      // A grid_series_uid other than series_uid says the channel was resampled.
      // Each channel is resampled onto the target, except the annotated series onto its own
      // grid (the same object), which is written as it is.
      VoxelGrid channelGrid = source == grid && spacing == null ? source.grid().grid() : target;
      images.add(new CaseJob.ImageOutput(file, source.grid(), channelGrid, new ManifestRow(file,
          "image", caseName, channel, phase, seriesUid, reference, null, List.of(), List.of(),
          ExportLayout.sopUids(grid.grid(), spacing), List.of())));
    }
    if (!missing.isEmpty()) {
      return leftOut(caseName, reference, "no series of phase " + String.join(", ", missing)
          + " in the frame of reference of series " + reference + "; case left out (nnU-Net"
          + " needs every channel)");
    }
    ExportSources.Rois rois = sources.rois(rows, grid, caseName);
    notes.addAll(rois.leftOut());
    String file = "labelsTr/" + caseName + ".nii.gz";
    String structureSets = String.join(" ", rois.rois().stream().map(LabeledRoi::rtssUid)
        .distinct().toList());
    ManifestRow label = ExportLayout.labelRow(file, caseName, grid,
        structureSets.isEmpty() ? null : structureSets, rois.rois(), spacing);
    if (rois.rois().isEmpty()) {
      label = new ManifestRow(label.file(), label.kind(), caseName, null, null, reference,
          reference, null, List.of(), List.of(), label.sopUids(),
          List.of("no ROI painted: the label image is all background"));
    }
    List<CaseJob.LabelOutput> labels =
        List.of(new CaseJob.LabelOutput(file, grid.grid(), target, rois.rois(), label));
    return new CaseJob(caseName, images, labels, notes, true);
  }

  /**
   * The series of a phase: the annotated one when it has that phase, else the one of the frame
   * with most images (then the lowest series number) that has a grid; null when none.
   */
  private static ExportSources.Resolved phaseSeries(String phase, ExportSources.Resolved grid,
      List<ExportCatalog.Series> frame, ExportSources sources) throws SQLException {
    if (phase.equals(grid.series().phase())) {
      return grid;
    }
    List<ExportCatalog.Series> candidates = new ArrayList<>(frame.stream()
        .filter(s -> phase.equals(s.phase())).toList());
    candidates.sort(Comparator.comparing((ExportCatalog.Series s) ->
        s.instanceCount() == null ? 0 : -s.instanceCount()));
    for (ExportCatalog.Series candidate : candidates) {
      ExportSources.Resolved resolved = sources.grid(candidate.seriesUid());
      if (resolved.grid() != null) {
        return resolved;
      }
    }
    return null;
  }

  private static CaseJob leftOut(String caseName, String seriesUid, String problem) {
    return new CaseJob(caseName, List.of(), List.of(), List.of(ManifestRow.leftOut("case",
        caseName, seriesUid, null, List.of(), problem)), true);
  }

  @Override
  public void finish(Path out, List<ExportRow> rows, int casesWritten) throws IOException {
    DatasetJson.write(out.resolve(DatasetJson.FILE), channels, rows, casesWritten);
  }
}
