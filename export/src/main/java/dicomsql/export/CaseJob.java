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

  /** A series' voxels on a grid: its own, or another series' (then trilinearly resampled). */
  record ImageOutput(String file, SeriesGrid source, SeriesGrid grid, ManifestRow manifest) {}

  /** ROIs painted on a series' grid. */
  record LabelOutput(String file, SeriesGrid grid, List<LabeledRoi> rois,
      ManifestRow manifest) {}

  int fileCount() {
    return images.size() + labels.size();
  }
}
