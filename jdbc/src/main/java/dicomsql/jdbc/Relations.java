package dicomsql.jdbc;

import java.util.List;

/**
 * How the contract's tables refer to each other, as foreign keys to primary keys, for BI tools
 * that draw them ({@code DatabaseMetaData.getImportedKeys} and its kin). The data do not
 * enforce them: a ROI may name a series that is not in the folder.
 */
final class Relations {
  /** {@code table(columns)} refers to {@code referenced(referencedColumns)}. */
  record Relation(String table, List<String> columns, String referenced,
      List<String> referencedColumns) {
    String name() {
      return "fk_" + table + "_" + referenced;
    }
  }

  static final List<Relation> ALL = List.of(
      new Relation("studies", List.of("patient_id"), "patients", List.of("patient_id")),
      new Relation("series", List.of("study_uid"), "studies", List.of("study_uid")),
      new Relation("instances", List.of("series_uid"), "series", List.of("series_uid")),
      new Relation("structure_sets", List.of("study_uid"), "studies", List.of("study_uid")),
      new Relation("rois", List.of("rtss_uid"), "structure_sets", List.of("rtss_uid")),
      new Relation("rois", List.of("referenced_series_uid"), "series", List.of("series_uid")),
      new Relation("contours", List.of("rtss_uid", "roi_number"), "rois",
          List.of("rtss_uid", "roi_number")),
      new Relation("contour_points", List.of("rtss_uid", "roi_number", "contour_index"),
          "contours", List.of("rtss_uid", "roi_number", "contour_index")),
      new Relation("attributes", List.of("path"), "instances", List.of("path")));

  private Relations() {}
}
