package dicomsql.engine.dicom;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Realistic instances built with our own API: a CT image and an RT Structure Set on it, complete
 * enough for dciodvfy, and small enough to mutate by the thousand.
 */
final class SampleInstances {
  static final String STUDY = "1.2.826.0.1.3680043.10.543.1";
  static final String CT_SERIES = STUDY + ".1";
  static final String CT_INSTANCE = CT_SERIES + ".1";
  static final String FRAME_OF_REFERENCE = STUDY + ".9";
  static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";

  private SampleInstances() {}

  /** A CT slice of {@code size} × {@code size} signed 16-bit pixels, with a private element. */
  static DataSet ct(int size) {
    DataSet ds = new DataSet();
    ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.putString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    ds.putDate(Tag.InstanceCreationDate, LocalDate.of(2024, 2, 29));
    ds.putTime(Tag.InstanceCreationTime, LocalTime.of(9, 30, 15));
    ds.putString(Tag.SOPClassUID, VR.UI, CT_IMAGE_STORAGE);
    ds.putString(Tag.SOPInstanceUID, VR.UI, CT_INSTANCE);
    ds.putDate(Tag.StudyDate, LocalDate.of(2024, 2, 29));
    ds.putDate(Tag.SeriesDate, LocalDate.of(2024, 2, 29));
    ds.putDate(Tag.ContentDate, LocalDate.of(2024, 2, 29));
    ds.putTime(Tag.StudyTime, LocalTime.of(9, 12));
    ds.putTime(Tag.SeriesTime, LocalTime.of(9, 14));
    ds.putTime(Tag.ContentTime, LocalTime.of(9, 15, 2, 250_000_000));
    ds.putString(Tag.AccessionNumber, VR.SH, "A0001");
    ds.putString(Tag.Modality, VR.CS, "CT");
    ds.putString(Tag.Manufacturer, VR.LO, "dicomsql");
    ds.putString(Tag.InstitutionName, VR.LO, "Test Hospital");
    ds.putString(Tag.ReferringPhysicianName, VR.PN, "");
    ds.putString(Tag.StationName, VR.SH, "CT01");
    ds.putString(Tag.StudyDescription, VR.LO, "CT THORAX");
    ds.putString(Tag.SeriesDescription, VR.LO, "Thorax 1.0 B30f");
    ds.putString(Tag.ManufacturerModelName, VR.LO, "Synthetic");
    ds.putString(Tag.PatientName, VR.PN, "Doe^Jane");
    ds.putString(Tag.PatientID, VR.LO, "PAT-001");
    ds.putDate(Tag.PatientBirthDate, LocalDate.of(1970, 1, 1));
    ds.putString(Tag.PatientSex, VR.CS, "F");
    ds.putString(Tag.BodyPartExamined, VR.CS, "CHEST");
    ds.putDouble(Tag.SliceThickness, VR.DS, 1.0);
    ds.putDouble(Tag.KVP, VR.DS, 120);
    ds.putString(Tag.SoftwareVersions, VR.LO, "0.1");
    ds.putString(Tag.ConvolutionKernel, VR.SH, "B30f");
    ds.putString(Tag.PatientPosition, VR.CS, "HFS");
    ds.putString(Tag.StudyInstanceUID, VR.UI, STUDY);
    ds.putString(Tag.SeriesInstanceUID, VR.UI, CT_SERIES);
    ds.putString(Tag.StudyID, VR.SH, "1");
    ds.putInt(Tag.SeriesNumber, VR.IS, 2);
    ds.putInt(Tag.AcquisitionNumber, VR.IS, 1);
    ds.putInt(Tag.InstanceNumber, VR.IS, 1);
    ds.putDouble(Tag.ImagePositionPatient, VR.DS, -250, -250, -100.5);
    ds.putDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
    ds.putString(Tag.FrameOfReferenceUID, VR.UI, FRAME_OF_REFERENCE);
    ds.putString(Tag.PositionReferenceIndicator, VR.LO, "");
    ds.putDouble(Tag.SliceLocation, VR.DS, -100.5);
    ds.putInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.putInt(Tag.Rows, VR.US, size);
    ds.putInt(Tag.Columns, VR.US, size);
    ds.putDouble(Tag.PixelSpacing, VR.DS, 500.0 / size, 500.0 / size);
    ds.putInt(Tag.BitsAllocated, VR.US, 16);
    ds.putInt(Tag.BitsStored, VR.US, 16);
    ds.putInt(Tag.HighBit, VR.US, 15);
    ds.putInt(Tag.PixelRepresentation, VR.US, 1);
    ds.putInt(DataDictionary.tag("SmallestImagePixelValue"), VR.SS, -1024);
    ds.putInt(DataDictionary.tag("LargestImagePixelValue"), VR.SS, 2000);
    ds.putDouble(Tag.WindowCenter, VR.DS, 40);
    ds.putDouble(Tag.WindowWidth, VR.DS, 400);
    ds.putDouble(Tag.RescaleIntercept, VR.DS, -1024);
    ds.putDouble(Tag.RescaleSlope, VR.DS, 1);
    ds.putString(Tag.RescaleType, VR.LO, "HU");
    DataSet source = ds.addItem(DataDictionary.tag("SourceImageSequence"));
    source.putString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE_STORAGE);
    source.putString(Tag.ReferencedSOPInstanceUID, VR.UI, CT_SERIES + ".0");
    ds.putString(Tag.of(0x0029, 0x0010), VR.LO, "DICOMSQL TEST");
    ds.putString(Tag.of(0x0029, 0x1001), VR.LO, "private value");
    DataSet privateItem = ds.addItem(Tag.of(0x0029, 0x1002));
    privateItem.putString(Tag.of(0x0029, 0x0010), VR.LO, "DICOMSQL TEST");
    privateItem.putDouble(Tag.of(0x0029, 0x1003), VR.FD, 1.5, -0.25);
    int[] pixels = new int[size * size];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i * 37) % 3000 - 1024;
    }
    ds.putInt(Tag.PixelData, VR.OW, pixels);
    return ds;
  }

  /** An RT Structure Set with {@code rois} ROIs of one contour each on the CT of {@link #ct}. */
  static DataSet rtStructureSet(int rois) {
    DataSet ds = new DataSet();
    ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    ds.putDate(Tag.InstanceCreationDate, LocalDate.of(2024, 3, 1));
    ds.putTime(Tag.InstanceCreationTime, LocalTime.of(14, 0));
    ds.putString(Tag.SOPClassUID, VR.UI, RT_STRUCTURE_SET_STORAGE);
    ds.putString(Tag.SOPInstanceUID, VR.UI, STUDY + ".2.1");
    ds.putDate(Tag.StudyDate, LocalDate.of(2024, 2, 29));
    ds.putTime(Tag.StudyTime, LocalTime.of(9, 12));
    ds.putString(Tag.AccessionNumber, VR.SH, "A0001");
    ds.putString(Tag.Modality, VR.CS, "RTSTRUCT");
    ds.putString(Tag.Manufacturer, VR.LO, "dicomsql");
    ds.putString(Tag.ReferringPhysicianName, VR.PN, "");
    ds.putString(DataDictionary.tag("OperatorsName"), VR.PN, "");
    ds.putString(Tag.PatientName, VR.PN, "Doe^Jane");
    ds.putString(Tag.PatientID, VR.LO, "PAT-001");
    ds.putDate(Tag.PatientBirthDate, LocalDate.of(1970, 1, 1));
    ds.putString(Tag.PatientSex, VR.CS, "F");
    ds.putString(Tag.StudyInstanceUID, VR.UI, STUDY);
    ds.putString(Tag.SeriesInstanceUID, VR.UI, STUDY + ".2");
    ds.putString(Tag.StudyID, VR.SH, "1");
    ds.putInt(Tag.SeriesNumber, VR.IS, 3);
    ds.putInt(Tag.InstanceNumber, VR.IS, 1);
    ds.putString(Tag.FrameOfReferenceUID, VR.UI, FRAME_OF_REFERENCE);
    ds.putString(Tag.PositionReferenceIndicator, VR.LO, "");
    ds.putString(Tag.StructureSetLabel, VR.SH, "Thorax");
    ds.putString(Tag.StructureSetName, VR.LO, "Thorax contours");
    ds.putDate(Tag.StructureSetDate, LocalDate.of(2024, 3, 1));
    ds.putTime(Tag.StructureSetTime, LocalTime.of(14, 0));

    DataSet frame = ds.addItem(Tag.ReferencedFrameOfReferenceSequence);
    frame.putString(Tag.FrameOfReferenceUID, VR.UI, FRAME_OF_REFERENCE);
    DataSet study = frame.addItem(Tag.RTReferencedStudySequence);
    study.putString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.3.1.2.3.1");
    study.putString(Tag.ReferencedSOPInstanceUID, VR.UI, STUDY);
    DataSet series = study.addItem(Tag.RTReferencedSeriesSequence);
    series.putString(Tag.SeriesInstanceUID, VR.UI, CT_SERIES);
    referenceCt(series.addItem(Tag.ContourImageSequence));

    for (int roi = 1; roi <= rois; roi++) {
      DataSet structure = ds.addItem(Tag.StructureSetROISequence);
      structure.putInt(Tag.ROINumber, VR.IS, roi);
      structure.putString(Tag.ReferencedFrameOfReferenceUID, VR.UI, FRAME_OF_REFERENCE);
      structure.putString(Tag.ROIName, VR.LO, roi == 1 ? "BODY" : "GTV_" + roi);
      structure.putString(Tag.ROIGenerationAlgorithm, VR.CS, "MANUAL");

      DataSet contours = ds.addItem(Tag.ROIContourSequence);
      contours.putInt(Tag.ROIDisplayColor, VR.IS, 255, 40 * roi % 256, 0);
      DataSet contour = contours.addItem(Tag.ContourSequence);
      referenceCt(contour.addItem(Tag.ContourImageSequence));
      contour.putString(Tag.ContourGeometricType, VR.CS, "CLOSED_PLANAR");
      contour.putInt(Tag.NumberOfContourPoints, VR.IS, 4);
      contour.putInt(Tag.ContourNumber, VR.IS, 1);
      double half = 10.0 * roi;
      contour.putDouble(Tag.ContourData, VR.DS, -half, -half, -100.5, half, -half, -100.5,
          half, half, -100.5, -half, half, -100.5);
      contours.putInt(Tag.ReferencedROINumber, VR.IS, roi);

      DataSet observation = ds.addItem(Tag.RTROIObservationsSequence);
      observation.putInt(Tag.ObservationNumber, VR.IS, roi);
      observation.putInt(Tag.ReferencedROINumber, VR.IS, roi);
      observation.putString(Tag.RTROIInterpretedType, VR.CS, roi == 1 ? "EXTERNAL" : "GTV");
      observation.putString(Tag.ROIInterpreter, VR.PN, "");
    }
    return ds;
  }

  private static void referenceCt(DataSet item) {
    item.putString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE_STORAGE);
    item.putString(Tag.ReferencedSOPInstanceUID, VR.UI, CT_INSTANCE);
  }
}
