package dicomsql.engine.index;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.DicomReader;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one file for the index: only the top-level elements the tables need, never the pixel
 * data, turned into an instance row (and, for an RT Structure Set, its facts and contour rows).
 * Whatever goes wrong becomes the file's scan error; nothing escapes.
 */
public final class FileScanner {
  static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
  /** Files that are never DICOM data: skipped without a scan error. */
  private static final Set<String> NOT_DATA_EXTENSIONS = Set.of("txt", "md", "csv", "tsv", "json",
      "xml", "html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "zip", "gz",
      "tar", "py", "sh", "log", "nii", "nrrd", "mha", "mhd", "ini", "cfg", "yaml", "yml");
  private static final Set<String> NOT_DATA_NAMES = Set.of("readme", "license", "dicomdir",
      "thumbs.db", "desktop.ini");

  private static final ReadOptions TAGS = ReadOptions.onlyTags(
      Tag.SpecificCharacterSet, Tag.ImageType, Tag.SOPClassUID, Tag.SOPInstanceUID,
      Tag.StudyDate, Tag.SeriesTime, Tag.StudyTime, Tag.AcquisitionTime, Tag.ContentTime,
      Tag.AccessionNumber, Tag.Modality, Tag.Manufacturer, Tag.StudyDescription,
      Tag.SeriesDescription, Tag.ManufacturerModelName, Tag.PatientName, Tag.PatientID,
      Tag.PatientBirthDate, Tag.PatientSex, Tag.PatientAge, Tag.DeidentificationMethod,
      Tag.ContrastBolusAgent, Tag.BodyPartExamined, Tag.SliceThickness,
      Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SeriesNumber, Tag.InstanceNumber,
      Tag.ImagePositionPatient, Tag.ImageOrientationPatient, Tag.FrameOfReferenceUID,
      Tag.SliceLocation, Tag.ImageComments, Tag.Rows, Tag.Columns, Tag.PixelSpacing,
      Tag.WindowCenter, Tag.WindowWidth, Tag.RescaleIntercept, Tag.RescaleSlope,
      Tag.StructureSetLabel, Tag.StructureSetDate, Tag.ReferencedFrameOfReferenceSequence,
      Tag.StructureSetROISequence, Tag.ROIContourSequence, Tag.RTROIObservationsSequence)
      // No index value needs more; a longer one (a 100 MB comment) is kept as its start.
      .withTopLevelValueCap(64 * 1024);

  private static final TableDefinition T = Tables.INSTANCES;
  private static final int PATH = T.indexOf("path");
  private static final int FILE_SIZE = T.indexOf("file_size");
  private static final int SOP_UID = T.indexOf("sop_uid");
  private static final int SOP_CLASS_UID = T.indexOf("sop_class_uid");
  private static final int SERIES_UID = T.indexOf("series_uid");
  private static final int STUDY_UID = T.indexOf("study_uid");
  private static final int PATIENT_ID = T.indexOf("patient_id");
  private static final int MODALITY = T.indexOf("modality");
  private static final int TRANSFER_SYNTAX_UID = T.indexOf("transfer_syntax_uid");
  private static final int INSTANCE_NUMBER = T.indexOf("instance_number");
  private static final int ROWS = T.indexOf("rows");
  private static final int COLUMNS = T.indexOf("columns");
  private static final int PIXEL_SPACING_ROW = T.indexOf("pixel_spacing_row");
  private static final int PIXEL_SPACING_COL = T.indexOf("pixel_spacing_col");
  private static final int SLICE_THICKNESS = T.indexOf("slice_thickness");
  private static final int POSITION_X = T.indexOf("position_x");
  private static final int ORIENTATION = T.indexOf("orientation");
  private static final int SLICE_LOCATION = T.indexOf("slice_location");
  private static final int RESCALE_SLOPE = T.indexOf("rescale_slope");
  private static final int RESCALE_INTERCEPT = T.indexOf("rescale_intercept");
  private static final int WINDOW_CENTER = T.indexOf("window_center");
  private static final int WINDOW_WIDTH = T.indexOf("window_width");
  private static final int ACQUISITION_TIME = T.indexOf("acquisition_time");
  private static final int CONTENT_TIME = T.indexOf("content_time");
  private static final int IMAGE_TYPE = T.indexOf("image_type");
  private static final int DEIDENTIFICATION_METHOD = T.indexOf("deidentification_method");
  private static final int SERIES_NUMBER = T.indexOf("series_number");
  private static final int SERIES_DESCRIPTION = T.indexOf("series_description");
  private static final int BODY_PART = T.indexOf("body_part");
  private static final int MANUFACTURER = T.indexOf("manufacturer");
  private static final int MODEL_NAME = T.indexOf("model_name");
  private static final int IMAGE_COMMENTS = T.indexOf("image_comments");
  private static final int CONTRAST_AGENT = T.indexOf("contrast_agent");
  private static final int FRAME_OF_REFERENCE_UID = T.indexOf("frame_of_reference_uid");
  private static final int SERIES_TIME = T.indexOf("series_time");
  private static final int STUDY_DATE = T.indexOf("study_date");
  private static final int STUDY_TIME = T.indexOf("study_time");
  private static final int ACCESSION_NUMBER = T.indexOf("accession_number");
  private static final int STUDY_DESCRIPTION = T.indexOf("study_description");
  private static final int PATIENT_AGE = T.indexOf("patient_age");
  private static final int PATIENT_NAME = T.indexOf("patient_name");
  private static final int BIRTH_DATE = T.indexOf("birth_date");
  private static final int SEX = T.indexOf("sex");

  private FileScanner() {}

  /** Whether a file's name says it holds no DICOM data (README, CSV, thumbnails, DICOMDIR). */
  static boolean isNotData(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.startsWith(".") || NOT_DATA_NAMES.contains(name) || name.startsWith("readme")) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 && NOT_DATA_EXTENSIONS.contains(name.substring(dot + 1));
  }

  /**
   * Scans a file the walk found, reported as {@code path}; one the walk could not visit
   * ({@code walkError} not null) becomes that error without being opened.
   */
  public static ScannedFile scan(Path file, String path, long size, long modified,
      String walkError) {
    return walkError != null ? ScannedFile.error(path, size, modified, walkError)
        : scan(file, path, size, modified);
  }

  /** Scans {@code file}, reported as {@code path} (relative to the data root). */
  public static ScannedFile scan(Path file, String path, long size, long modified) {
    if (isNotData(file)) {
      return ScannedFile.skipped(path, size, modified);
    }
    try (DicomReader reader = DicomReader.open(file, TAGS)) {
      DataSet ds = DataSet.read(reader);
      if (isDirectory(ds, reader.fileMeta())) {
        return ScannedFile.skipped(path, size, modified);
      }
      Object[] row = instanceRow(ds, path, size, reader.transferSyntax().uid());
      ScannedFile scanned;
      if (StructureSetReader.isStructureSet(ds)) {
        StructureSetReader rtss = new StructureSetReader(ds);
        scanned = ScannedFile.instance(path, size, modified, row, rtss.facts(),
            rtss.contourRows());
      } else {
        scanned = ScannedFile.instance(path, size, modified, row, null, List.of());
      }
      // The header is whole and indexed; the cut is reported too.
      DicomException cut = reader.pixelDataCutShort();
      return cut == null ? scanned : scanned.withError(cut.detail());
    } catch (DicomException e) {
      return ScannedFile.error(path, size, modified, e.detail());
    } catch (NoSuchFileException e) {
      return ScannedFile.unreadable(path, size, modified, "file disappeared while scanning");
    } catch (IOException e) {
      return ScannedFile.unreadable(path, size, modified, DataRootWalker.describe(e));
    } catch (RuntimeException e) {
      return ScannedFile.error(path, size, modified, "cannot index: " + e);
    } catch (OutOfMemoryError e) {
      // What this file needed is garbage now: the scan of the others goes on.
      return ScannedFile.error(path, size, modified, "cannot index: out of memory reading it");
    }
  }

  /**
   * Whether a file is a Media Storage Directory (a DICOMDIR, whatever its name): its data set
   * has no SOP Class UID of its own, so the file meta group's says so.
   */
  private static boolean isDirectory(DataSet ds, DataSet meta) {
    String sopClass = ds.getString(Tag.SOPClassUID);
    if (sopClass == null && meta != null) {
      sopClass = meta.getString(Tag.MediaStorageSOPClassUID);
    }
    return MEDIA_STORAGE_DIRECTORY.equals(sopClass);
  }

  private static Object[] instanceRow(DataSet ds, String path, long size, String syntax) {
    Object[] row = new Object[T.width()];
    row[PATH] = path;
    row[FILE_SIZE] = size;
    row[SOP_UID] = ds.getString(Tag.SOPInstanceUID);
    row[SOP_CLASS_UID] = ds.getString(Tag.SOPClassUID);
    row[SERIES_UID] = ds.getString(Tag.SeriesInstanceUID);
    row[STUDY_UID] = ds.getString(Tag.StudyInstanceUID);
    row[PATIENT_ID] = ds.getString(Tag.PatientID);
    row[MODALITY] = ds.getString(Tag.Modality);
    row[TRANSFER_SYNTAX_UID] = syntax;
    row[INSTANCE_NUMBER] = ds.getInt(Tag.InstanceNumber);
    row[ROWS] = ds.getInt(Tag.Rows);
    row[COLUMNS] = ds.getInt(Tag.Columns);
    double[] spacing = ds.getDoubles(Tag.PixelSpacing);
    if (spacing != null && spacing.length == 2) {
      row[PIXEL_SPACING_ROW] = spacing[0];
      row[PIXEL_SPACING_COL] = spacing[1];
    }
    row[SLICE_THICKNESS] = ds.getDouble(Tag.SliceThickness);
    double[] position = ds.getDoubles(Tag.ImagePositionPatient);
    if (position != null && position.length == 3) {
      row[POSITION_X] = position[0];
      row[POSITION_X + 1] = position[1];
      row[POSITION_X + 2] = position[2];
    }
    row[ORIENTATION] = ds.getJoined(Tag.ImageOrientationPatient);
    row[SLICE_LOCATION] = ds.getDouble(Tag.SliceLocation);
    row[RESCALE_SLOPE] = ds.getDouble(Tag.RescaleSlope);
    row[RESCALE_INTERCEPT] = ds.getDouble(Tag.RescaleIntercept);
    row[WINDOW_CENTER] = ds.getDouble(Tag.WindowCenter);
    row[WINDOW_WIDTH] = ds.getDouble(Tag.WindowWidth);
    row[ACQUISITION_TIME] = ds.getTime(Tag.AcquisitionTime);
    row[CONTENT_TIME] = ds.getTime(Tag.ContentTime);
    row[IMAGE_TYPE] = ds.getJoined(Tag.ImageType);
    row[DEIDENTIFICATION_METHOD] = ds.getText(Tag.DeidentificationMethod);
    row[SERIES_NUMBER] = ds.getInt(Tag.SeriesNumber);
    row[SERIES_DESCRIPTION] = ds.getText(Tag.SeriesDescription);
    row[BODY_PART] = ds.getString(Tag.BodyPartExamined);
    row[MANUFACTURER] = ds.getText(Tag.Manufacturer);
    row[MODEL_NAME] = ds.getText(Tag.ManufacturerModelName);
    row[IMAGE_COMMENTS] = ds.getText(Tag.ImageComments);
    row[CONTRAST_AGENT] = ds.getText(Tag.ContrastBolusAgent);
    row[FRAME_OF_REFERENCE_UID] = ds.getString(Tag.FrameOfReferenceUID);
    row[SERIES_TIME] = ds.getTime(Tag.SeriesTime);
    row[STUDY_DATE] = ds.getDate(Tag.StudyDate);
    row[STUDY_TIME] = ds.getTime(Tag.StudyTime);
    row[ACCESSION_NUMBER] = ds.getText(Tag.AccessionNumber);
    row[STUDY_DESCRIPTION] = ds.getText(Tag.StudyDescription);
    row[PATIENT_AGE] = ds.getString(Tag.PatientAge);
    row[PATIENT_NAME] = ds.getText(Tag.PatientName);
    row[BIRTH_DATE] = ds.getDate(Tag.PatientBirthDate);
    row[SEX] = ds.getString(Tag.PatientSex);
    return row;
  }
}
