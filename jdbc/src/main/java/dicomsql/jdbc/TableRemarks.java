package dicomsql.jdbc;

import java.util.Map;

/**
 * What one row of each table of the schema {@code dicom} is, as {@code DatabaseMetaData}'s
 * REMARKS say it to tools (the shell's {@code \dt}, DBeaver's table comments); docs/tables.md
 * says the same at length.
 */
final class TableRemarks {
  private static final Map<String, String> ONE_ROW_PER = Map.ofEntries(
      Map.entry("patients", "one row per Patient ID"),
      Map.entry("studies", "one row per Study Instance UID"),
      Map.entry("series", "one row per Series Instance UID, with its phase"),
      Map.entry("instances", "one row per readable DICOM file"),
      Map.entry("structure_sets", "one row per RT Structure Set"),
      Map.entry("rois", "one row per ROI of a structure set"),
      Map.entry("contours", "one row per contour of a ROI"),
      Map.entry("contour_points", "one row per point of a contour"),
      Map.entry("scan_errors", "one row per file that could not be indexed, and why"),
      Map.entry("attributes", "one row per data element of a file, nested ones included; "
          + "read from the files when asked"),
      Map.entry("index_status", "the connection's index: where it is, and what opening it did"));

  private TableRemarks() {}

  /** The remark of a table of the schema {@code dicom}, or null for another name. */
  static String of(String table) {
    return ONE_ROW_PER.get(table);
  }
}
