package dicomsql.engine.index;

import static dicomsql.engine.index.Column.hidden;
import static dicomsql.engine.index.Column.indexed;
import static dicomsql.engine.index.Column.plain;
import static dicomsql.engine.index.Column.summarising;
import static dicomsql.engine.index.ColumnType.BIGINT;
import static dicomsql.engine.index.ColumnType.DATE;
import static dicomsql.engine.index.ColumnType.DOUBLE;
import static dicomsql.engine.index.ColumnType.DOUBLES;
import static dicomsql.engine.index.ColumnType.INTEGER;
import static dicomsql.engine.index.ColumnType.TIME;
import static dicomsql.engine.index.ColumnType.VARCHAR;

import java.util.List;

/**
 * The tables of the SQL contract ({@code shared/design/sql-contract.md}) as the index stores
 * them, in the contract's column order. {@code attributes} is read from the files on demand and
 * is not stored.
 */
public final class Tables {
  private Tables() {}

  public static final TableDefinition PATIENTS = new TableDefinition("patients", List.of(
      indexed("patient_id", VARCHAR),
      plain("patient_name", VARCHAR),
      indexed("birth_date", DATE),
      indexed("sex", VARCHAR),
      plain("study_count", INTEGER)),
      List.of("patient_id"));

  public static final TableDefinition STUDIES = new TableDefinition("studies", List.of(
      indexed("study_uid", VARCHAR),
      indexed("patient_id", VARCHAR),
      indexed("study_date", DATE),
      plain("study_time", TIME),
      indexed("accession_number", VARCHAR),
      indexed("study_description", VARCHAR),
      indexed("patient_age", VARCHAR),
      indexed("age_years", INTEGER),
      plain("series_count", INTEGER),
      plain("instance_count", INTEGER)),
      List.of("study_uid"));

  public static final TableDefinition SERIES = new TableDefinition("series", List.of(
      indexed("series_uid", VARCHAR),
      indexed("study_uid", VARCHAR),
      indexed("patient_id", VARCHAR),
      indexed("modality", VARCHAR),
      indexed("series_number", INTEGER),
      indexed("series_description", VARCHAR),
      indexed("body_part", VARCHAR),
      indexed("phase", VARCHAR),
      indexed("phase_source", VARCHAR),
      indexed("manufacturer", VARCHAR),
      indexed("model_name", VARCHAR),
      plain("image_comments", VARCHAR),
      indexed("contrast_agent", VARCHAR),
      indexed("frame_of_reference_uid", VARCHAR),
      plain("rows", INTEGER),
      plain("columns", INTEGER),
      plain("pixel_spacing_row", DOUBLE),
      plain("pixel_spacing_col", DOUBLE),
      indexed("slice_thickness", DOUBLE),
      indexed("slice_spacing", DOUBLE),
      plain("z_min", DOUBLE),
      plain("z_max", DOUBLE),
      plain("acquisition_time", TIME),
      indexed("instance_count", INTEGER),
      // What study and patient rows are derived from.
      hidden("study_date", DATE),
      hidden("study_time", TIME),
      hidden("accession_number", VARCHAR),
      hidden("study_description", VARCHAR),
      hidden("patient_age", VARCHAR),
      hidden("patient_name", VARCHAR),
      hidden("birth_date", DATE),
      hidden("sex", VARCHAR)),
      List.of("series_uid"));

  public static final TableDefinition INSTANCES = new TableDefinition("instances", List.of(
      // Looked up through the index's file states rather than an index of its own.
      plain("path", VARCHAR),
      plain("file_size", BIGINT),
      indexed("sop_uid", VARCHAR),
      indexed("sop_class_uid", VARCHAR),
      indexed("series_uid", VARCHAR),
      indexed("study_uid", VARCHAR),
      indexed("patient_id", VARCHAR),
      indexed("modality", VARCHAR),
      indexed("transfer_syntax_uid", VARCHAR),
      plain("instance_number", INTEGER),
      plain("rows", INTEGER),
      plain("columns", INTEGER),
      plain("pixel_spacing_row", DOUBLE),
      plain("pixel_spacing_col", DOUBLE),
      plain("slice_thickness", DOUBLE),
      plain("position_x", DOUBLE),
      plain("position_y", DOUBLE),
      indexed("position_z", DOUBLE),
      indexed("orientation", VARCHAR),
      plain("slice_location", DOUBLE),
      plain("rescale_slope", DOUBLE),
      plain("rescale_intercept", DOUBLE),
      plain("window_center", DOUBLE),
      plain("window_width", DOUBLE),
      plain("acquisition_time", TIME),
      plain("content_time", TIME),
      indexed("image_type", VARCHAR),
      indexed("deidentification_method", VARCHAR),
      indexed("duplicate_of", VARCHAR),
      // What series, study and patient rows are derived from.
      hidden("series_number", INTEGER),
      hidden("series_description", VARCHAR),
      hidden("body_part", VARCHAR),
      hidden("manufacturer", VARCHAR),
      hidden("model_name", VARCHAR),
      hidden("image_comments", VARCHAR),
      hidden("contrast_agent", VARCHAR),
      hidden("frame_of_reference_uid", VARCHAR),
      hidden("series_time", TIME),
      hidden("study_date", DATE),
      hidden("study_time", TIME),
      hidden("accession_number", VARCHAR),
      hidden("study_description", VARCHAR),
      hidden("patient_age", VARCHAR),
      hidden("patient_name", VARCHAR),
      hidden("birth_date", DATE),
      hidden("sex", VARCHAR)),
      List.of("path"));

  public static final TableDefinition STRUCTURE_SETS = new TableDefinition("structure_sets",
      List.of(
          indexed("rtss_uid", VARCHAR),
          indexed("path", VARCHAR),
          indexed("series_uid", VARCHAR),
          indexed("study_uid", VARCHAR),
          indexed("patient_id", VARCHAR),
          indexed("label", VARCHAR),
          indexed("structure_set_date", DATE),
          indexed("referenced_series_uid", VARCHAR),
          plain("roi_count", INTEGER)),
      List.of("rtss_uid"));

  public static final TableDefinition ROIS = new TableDefinition("rois", List.of(
      indexed("rtss_uid", VARCHAR),
      indexed("roi_number", INTEGER),
      indexed("roi_name", VARCHAR),
      indexed("generation_algorithm", VARCHAR),
      indexed("interpreted_type", VARCHAR),
      indexed("color", VARCHAR),
      indexed("referenced_series_uid", VARCHAR),
      indexed("reference_source", VARCHAR),
      indexed("phase", VARCHAR),
      indexed("study_uid", VARCHAR),
      indexed("patient_id", VARCHAR),
      plain("contour_count", INTEGER),
      plain("point_count", INTEGER)),
      List.of("rtss_uid", "roi_number"));

  public static final TableDefinition CONTOURS = new TableDefinition("contours", List.of(
      indexed("rtss_uid", VARCHAR),
      indexed("roi_number", INTEGER),
      plain("contour_index", INTEGER),
      indexed("geometric_type", VARCHAR),
      plain("point_count", INTEGER),
      indexed("referenced_sop_uid", VARCHAR),
      indexed("z", DOUBLE),
      hidden("points", DOUBLES),
      // Per coordinate, what the contour's points add up to: aggregates of contour_points
      // over whole contours read these rather than the points.
      summarising("x_sum", DOUBLE),
      summarising("x_min", DOUBLE),
      summarising("x_max", DOUBLE),
      summarising("y_sum", DOUBLE),
      summarising("y_min", DOUBLE),
      summarising("y_max", DOUBLE),
      summarising("z_sum", DOUBLE),
      summarising("z_min", DOUBLE),
      summarising("z_max", DOUBLE)),
      List.of("rtss_uid", "roi_number", "contour_index"));

  public static final TableDefinition SCAN_ERRORS = new TableDefinition("scan_errors", List.of(
      plain("path", VARCHAR),
      plain("error", VARCHAR),
      plain("file_size", BIGINT)),
      List.of("path"));

  /** Every stored table, in the order a schema lists them. */
  public static final List<TableDefinition> ALL = List.of(PATIENTS, STUDIES, SERIES, INSTANCES,
      STRUCTURE_SETS, ROIS, CONTOURS, SCAN_ERRORS);

  /** The stored table of this name, or null. */
  public static TableDefinition named(String name) {
    for (TableDefinition table : ALL) {
      if (table.name().equals(name)) {
        return table;
      }
    }
    return null;
  }
}
