package dicomsql.export;

import java.util.List;

/**
 * Everything one case writes, resolved from the index before any pixel is read, so that cases
 * can be written in parallel without the JDBC connection.
 *
 * @param notes rows about what was planned but not exported
 * @param wholeCase whether a file that fails takes the case's other files with it (nnU-Net
 *     needs every channel and the label of a case, or none)
 */
record CaseJob(String caseId, List<ImageOutput> images, List<LabelOutput> labels,
    List<ManifestRow> notes, boolean wholeCase) {

  /**
   * A series' voxels on a grid: its own (the same object as {@code source.grid()}), or another
   * (then trilinearly resampled).
   */
  record ImageOutput(String file, SeriesGrid source, VoxelGrid grid, ManifestRow manifest) {}

  /**
   * ROIs painted on a series' grid, then written on {@code grid}: that same grid (the same
   * object as {@code painted.grid()}), or another (then resampled by nearest neighbour).
   */
  record LabelOutput(String file, SeriesGrid painted, VoxelGrid grid, List<LabeledRoi> rois,
      ManifestRow manifest) {}

  int fileCount() {
    return images.size() + labels.size();
  }
}
