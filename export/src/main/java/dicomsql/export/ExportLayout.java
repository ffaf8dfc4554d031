package dicomsql.export;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** How the rows of one case become files: the plain NIfTI layout or nnU-Net's. */
interface ExportLayout {
  /** The files of a case, and rows for what is left out. */
  CaseJob plan(String caseName, List<ExportRow> rows, ExportSources sources)
      throws SQLException;

  /** Files written once the cases are (dataset.json); nothing by default. */
  default void finish(Path out, List<ExportRow> rows, int casesWritten) throws IOException {}

  /** The manifest row of a label image of ROIs from one structure set, or from several. */
  static ManifestRow labelRow(String file, String caseName, ExportSources.Resolved grid,
      String rtssUid, List<LabeledRoi> rois, GridSpacing spacing) {
    return new ManifestRow(file, "label", caseName, null, null, grid.series().seriesUid(),
        grid.series().seriesUid(), rtssUid, rois.stream().map(LabeledRoi::roiNumber).toList(),
        rois.stream().map(LabeledRoi::label).toList(), sopUids(grid.grid(), spacing),
        List.of());
  }

  /** The grid files on a series' grid are written on: its own, or resampled to a spacing. */
  static VoxelGrid target(SeriesGrid grid, GridSpacing spacing) {
    return spacing == null ? grid.grid() : spacing.regrid(grid.grid());
  }

  /**
   * The images of a file's slices for the manifest: the series' own, k = 0 first; none when
   * the file is resampled to a spacing, as its slices are no image's.
   */
  static List<String> sopUids(SeriesGrid grid, GridSpacing spacing) {
    return spacing == null ? grid.sopUids() : List.of();
  }
}
