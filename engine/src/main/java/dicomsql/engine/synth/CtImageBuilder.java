package dicomsql.engine.synth;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.VR;
import java.time.LocalDate;

/**
 * The data set of one CT slice as the release has them: a Siemens header de-identified by
 * DCMTK (names replaced by the case number, IDs hashed, dates on January 1, no institution or
 * private tags, an Accession Number too long for its VR).
 */
final class CtImageBuilder {
  static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  static final String STUDY_DESCRIPTION = "CT SCAN- UPPER ABDOMEN";
  private static final String[] IMAGE_TYPE = {"DERIVED", "PRIMARY", "AXIAL", "CT_SOM5 SPI"};
  private static final String[] CONTRAST_AGENTS = {"OMNIPAQUE 350", "IV CONTRAST", "ULTRAVIST 370"};

  private CtImageBuilder() {}

  static DataSet build(CasePlan plan, SeriesPlan series, int slice, byte[] pixels) {
    LocalDate studyDate = LocalDate.of(plan.studyYear(), 1, 1);
    DataSet ds = new DataSet();
    ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.putString(Tag.ImageType, VR.CS, IMAGE_TYPE);
    ds.putDate(Tag.InstanceCreationDate, studyDate);
    ds.putTime(Tag.InstanceCreationTime, series.acquisitionTime());
    ds.putString(Tag.SOPClassUID, VR.UI, CT_IMAGE_STORAGE);
    ds.putString(Tag.SOPInstanceUID, VR.UI, series.sopUids().get(slice));
    ds.putDate(Tag.StudyDate, studyDate);
    ds.putDate(Tag.SeriesDate, studyDate);
    ds.putDate(Tag.AcquisitionDate, studyDate);
    ds.putDate(Tag.ContentDate, studyDate);
    ds.putTime(Tag.StudyTime, plan.studyTime());
    ds.putTime(Tag.SeriesTime, series.acquisitionTime());
    ds.putTime(Tag.AcquisitionTime, series.acquisitionTime());
    ds.putTime(Tag.ContentTime, series.acquisitionTime().plusSeconds(slice / 8));
    ds.putString(Tag.AccessionNumber, VR.SH, plan.accessionNumber());
    ds.putString(Tag.Modality, VR.CS, "CT");
    ds.putString(Tag.Manufacturer, VR.LO, "SIEMENS");
    ds.putString(Tag.ReferringPhysicianName, VR.PN);
    ds.putString(Tag.StudyDescription, VR.LO, STUDY_DESCRIPTION);
    ds.putString(Tag.SeriesDescription, VR.LO, series.description());
    ds.putString(Tag.ManufacturerModelName, VR.LO, plan.model());
    DataSet topogram = ds.addItem(Tag.ReferencedImageSequence);
    topogram.putString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE_STORAGE);
    topogram.putString(Tag.ReferencedSOPInstanceUID, VR.UI, plan.topogramUid());
    PatientModule.put(ds, plan);
    if (series.contrast()) {
      int agent = (int) Math.floorMod(plan.caseNumber(), CONTRAST_AGENTS.length);
      ds.putString(Tag.ContrastBolusAgent, VR.LO, CONTRAST_AGENTS[agent]);
    }
    ds.putString(Tag.BodyPartExamined, VR.CS, "ABDOMEN");
    ds.putDouble(Tag.SliceThickness, VR.DS, series.spacing());
    ds.putDouble(Tag.KVP, VR.DS, 120);
    ds.putString(Tag.SoftwareVersions, VR.LO, "VB10B");
    ds.putString(Tag.ConvolutionKernel, VR.SH, "B31f");
    ds.putString(Tag.PatientPosition, VR.CS, "FFS");
    ds.putString(Tag.StudyInstanceUID, VR.UI, plan.studyUid());
    ds.putString(Tag.SeriesInstanceUID, VR.UI, series.seriesUid());
    ds.putString(Tag.StudyID, VR.SH);
    ds.putInt(Tag.SeriesNumber, VR.IS, series.seriesNumber());
    ds.putInt(Tag.AcquisitionNumber, VR.IS, 1);
    ds.putInt(Tag.InstanceNumber, VR.IS, slice + 1);
    ds.putDouble(Tag.ImagePositionPatient, VR.DS, plan.x0(), plan.y0(), series.z(slice));
    ds.putDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
    ds.putString(Tag.FrameOfReferenceUID, VR.UI, plan.frameOfReferenceUid());
    ds.putString(Tag.PositionReferenceIndicator, VR.LO);
    ds.putDouble(Tag.SliceLocation, VR.DS, series.z(slice));
    if (series.contrast()) {
      ds.putString(Tag.ImageComments, VR.LT, "IV contrast");
    }
    ds.putInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.putInt(Tag.Rows, VR.US, plan.matrix());
    ds.putInt(Tag.Columns, VR.US, plan.matrix());
    ds.putDouble(Tag.PixelSpacing, VR.DS, plan.pixelSpacing(), plan.pixelSpacing());
    ds.putInt(Tag.BitsAllocated, VR.US, 16);
    ds.putInt(Tag.BitsStored, VR.US, 12);
    ds.putInt(Tag.HighBit, VR.US, 11);
    ds.putInt(Tag.PixelRepresentation, VR.US, 0);
    ds.putDouble(Tag.WindowCenter, VR.DS, 40);
    ds.putDouble(Tag.WindowWidth, VR.DS, 400);
    ds.putDouble(Tag.RescaleIntercept, VR.DS, AbdomenPhantom.RESCALE_INTERCEPT);
    ds.putDouble(Tag.RescaleSlope, VR.DS, 1);
    ds.putString(Tag.RescaleType, VR.LO, "HU");
    ds.putBytes(Tag.PixelData, VR.OW, pixels);
    return ds;
  }
}
