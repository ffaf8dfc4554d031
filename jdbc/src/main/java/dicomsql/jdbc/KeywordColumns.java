package dicomsql.jdbc;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our column names for what people who know DICOM type instead: the standard's keywords
 * ({@code SOPInstanceUID}, {@code SliceThickness}) and their snake_case spellings
 * ({@code sop_instance_uid}), which are too far from our short names ({@code sop_uid}) for a
 * spelling suggestion to find. Case and underscores are ignored.
 */
final class KeywordColumns {
  /** The keywords whose columns are not just the keyword in snake_case. */
  private static final Map<String, List<String>> RENAMED = Map.ofEntries(
      renamed("PatientBirthDate", "birth_date"),
      renamed("PatientSex", "sex"),
      renamed("StudyInstanceUID", "study_uid"),
      renamed("SeriesInstanceUID", "series_uid"),
      renamed("SOPInstanceUID", "sop_uid"),
      renamed("BodyPartExamined", "body_part"),
      renamed("ManufacturerModelName", "model_name"),
      renamed("ContrastBolusAgent", "contrast_agent"),
      renamed("PixelSpacing", "pixel_spacing_row", "pixel_spacing_col"),
      renamed("SpacingBetweenSlices", "slice_spacing"),
      renamed("ImagePositionPatient", "position_x", "position_y", "position_z"),
      renamed("ImageOrientationPatient", "orientation"),
      renamed("StructureSetLabel", "label"),
      renamed("ReferencedROINumber", "roi_number"),
      renamed("ROIGenerationAlgorithm", "generation_algorithm"),
      renamed("RTROIInterpretedType", "interpreted_type"),
      renamed("ROIDisplayColor", "color"),
      renamed("ContourGeometricType", "geometric_type"),
      renamed("NumberOfContourPoints", "point_count"),
      renamed("ReferencedSOPInstanceUID", "referenced_sop_uid"),
      renamed("ReferencedSOPClassUID", "sop_class_uid"));

  private KeywordColumns() {}

  private static Map.Entry<String, List<String>> renamed(String keyword, String... columns) {
    return Map.entry(key(keyword), List.of(columns));
  }

  /**
   * The columns a name typed for a column most likely means, among {@code columns}: those of a
   * DICOM keyword, else those spelled alike but for case and underscores; none when neither.
   */
  static List<String> meant(String typed, Collection<String> columns) {
    List<String> renamed = RENAMED.get(key(typed));
    if (renamed != null) {
      return renamed.stream().filter(columns::contains).toList();
    }
    return columns.stream().filter(column -> key(column).equals(key(typed))).distinct().toList();
  }

  private static String key(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }
}
