package dicomsql.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One line of the manifest: an output file and the DICOM objects it was made from, or (with
 * no file) something that was not exported and why.
 *
 * @param file the file, relative to the output folder; null for a row about what was left out
 * @param kind {@code image}, {@code label} or {@code case}
 * @param channel the nnU-Net channel, null otherwise
 * @param seriesUid the series the voxels come from
 * @param gridSeriesUid the series whose grid the file has (another series when resampled)
 * @param roiNumbers the ROIs painted, with {@code labels} their label values, in the same order
 * @param sopUids the images of the grid series, slice k = 0 first
 * @param problems what a user must know about the file
 */
record ManifestRow(String file, String kind, String caseId, Integer channel, String phase,
    String seriesUid, String gridSeriesUid, String rtssUid, List<Integer> roiNumbers,
    List<Integer> labels, List<String> sopUids, List<String> problems) {

  static final List<String> HEADER = List.of("file", "kind", "case_id", "channel", "phase",
      "series_uid", "grid_series_uid", "rtss_uid", "roi_numbers", "labels", "sop_uids",
      "problem");

  /** A row about something not exported. */
  static ManifestRow leftOut(String kind, String caseId, String seriesUid, String rtssUid,
      List<Integer> roiNumbers, String problem) {
    return new ManifestRow(null, kind, caseId, null, null, seriesUid, null, rtssUid,
        roiNumbers, List.of(), List.of(), List.of(problem));
  }

  List<String> values() {
    return Arrays.asList(file, kind, caseId,
        channel == null ? null : String.format(Locale.ROOT, "%04d", channel), phase, seriesUid,
        gridSeriesUid, rtssUid, joined(roiNumbers), joined(labels), String.join("\\", sopUids),
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  private static String joined(List<Integer> numbers) {
    return numbers == null || numbers.isEmpty() ? null
        : String.join(" ", numbers.stream().map(String::valueOf).toList());
  }
}
