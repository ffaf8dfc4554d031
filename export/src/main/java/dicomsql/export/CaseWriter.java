package dicomsql.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes one case's files: decodes, resamples and paints, then writes NIfTI. */
final class CaseWriter {
  private final Path dataRoot;
  private final Path out;
  private final ExportListener listener;

  CaseWriter(Path dataRoot, Path out, ExportListener listener) {
    this.dataRoot = dataRoot;
    this.out = out;
    this.listener = listener;
  }

  /** A case's manifest rows, and whether any of its files were written. */
  record Written(List<ManifestRow> rows, boolean exported) {}

  /** Writes the case: its manifest rows are one per file written, plus notes and failures. */
  Written write(CaseJob job) {
    List<ManifestRow> rows = new ArrayList<>(job.notes());
    List<ManifestRow> written = new ArrayList<>();
    String failure = null;
    for (CaseJob.ImageOutput image : job.images()) {
      try {
        written.add(withProblems(image.manifest(), writeImage(image)));
      } catch (IOException | RuntimeException e) {
        failure = image.file() + ": " + message(e);
        rows.add(failed(image.manifest(), failure));
      }
      listener.wrote(image.file());
    }
    for (CaseJob.LabelOutput label : job.labels()) {
      try {
        LabelPainter.Painted painted = LabelPainter.paint(label.painted(), label.rois());
        VoxelGrid paintedOn = label.painted().grid();
        NiftiWriter.writeLabels(out.resolve(label.file()), label.grid(),
            label.grid() == paintedOn ? painted.labels()
                : NearestLabels.resample(paintedOn, painted.labels(), label.grid()));
        // the grid's problems (not axial, uneven slices) concern the labels' voxels too
        List<String> problems = new ArrayList<>(label.painted().problems());
        problems.addAll(painted.problems());
        written.add(withProblems(label.manifest(), problems));
      } catch (IOException | RuntimeException e) {
        failure = label.file() + ": " + message(e);
        rows.add(failed(label.manifest(), failure));
      }
      listener.wrote(label.file());
    }
    if (failure != null && job.wholeCase()) {
      for (ManifestRow row : written) {
        deleteQuietly(out.resolve(row.file()));
      }
      rows.add(ManifestRow.leftOut("case", job.caseId(), null, null, List.of(),
          "case left out: " + failure));
      return new Written(rows, false);
    }
    rows.addAll(written);
    return new Written(rows, !written.isEmpty());
  }

  /**
   * Writes an image; its problems: the source's, and the grid's when resampled. A source of
   * whole HU is written slice by slice (resampled ones rounded to whole HU, so int16 too);
   * otherwise the whole volume is built first, as the int16-or-float32 choice needs every value.
   */
  private List<String> writeImage(CaseJob.ImageOutput image) throws IOException {
    SeriesPixels.Volume volume = SeriesPixels.decode(dataRoot, image.source());
    List<String> problems = new ArrayList<>(image.source().problems());
    Path file = out.resolve(image.file());
    VoxelGrid grid = image.grid();
    if (grid == image.source().grid()) {
      NiftiWriter.writeImage(file, grid, volume.values());
      return problems;
    }
    Resampler resampler = new Resampler(image.source().grid(), volume.values(), grid,
        volume.lowest(), volume.wholeInt16());
    if (volume.wholeInt16()) {
      NiftiWriter.writeInt16(file, grid, resampler);
    } else {
      NiftiWriter.writeImage(file, grid, resampler.volume());
    }
    return problems;
  }

  private static ManifestRow withProblems(ManifestRow row, List<String> problems) {
    List<String> all = new ArrayList<>(row.problems());
    all.addAll(problems);
    return new ManifestRow(row.file(), row.kind(), row.caseId(), row.channel(), row.phase(),
        row.seriesUid(), row.gridSeriesUid(), row.rtssUid(), row.roiNumbers(), row.labels(),
        row.sopUids(), List.copyOf(all));
  }

  private static ManifestRow failed(ManifestRow row, String why) {
    return ManifestRow.leftOut(row.kind(), row.caseId(), row.seriesUid(), row.rtssUid(),
        row.roiNumbers(), "not written: " + why);
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The manifest already says the case is left out; a stray file is only clutter.
    }
  }
}
