package dicomsql.engine.synth;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.VR;
import java.time.LocalDate;
import java.util.List;

/**
 * The RT Structure Set of a case as the release has it: one ROI per lesion named like
 * {@code HCCP}, closed planar contours each referencing the CT image it was drawn on, the
 * annotated series in the RT Referenced Series Sequence, and the real data's quirk of {@code 0}
 * as each ROI's Referenced Frame of Reference UID.
 */
final class StructureSetBuilder {
  static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
  static final int SERIES_NUMBER = 401;
  /** The (retired) Detached Study Management SOP Class that RTSS writers still reference. */
  private static final String STUDY_COMPONENT_CLASS = "1.2.840.10008.3.1.2.3.1";
  private static final int ACCESSION_LENGTH = 16;
  /**
   * ROI Display Colours in ROI order, each its own as planning systems give them (red, green,
   * blue, yellow, magenta, cyan, orange, purple), from the ROI's place alone so that the same
   * options still give the same bytes; a ninth ROI would start the list again.
   */
  private static final int[][] COLOURS = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0},
      {255, 0, 255}, {0, 255, 255}, {255, 128, 0}, {128, 0, 255}};

  private StructureSetBuilder() {}

  static DataSet build(CasePlan plan, List<List<Contour>> contoursByLesion) {
    LocalDate studyDate = LocalDate.of(plan.studyYear(), 1, 1);
    SeriesPlan annotated = plan.annotatedSeries();
    DataSet ds = new DataSet();
    ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.putDate(Tag.InstanceCreationDate, studyDate);
    ds.putTime(Tag.InstanceCreationTime, plan.studyTime().plusHours(1));
    ds.putString(Tag.SOPClassUID, VR.UI, RT_STRUCTURE_SET_STORAGE);
    ds.putString(Tag.SOPInstanceUID, VR.UI, plan.rtssSopUid());
    ds.putDate(Tag.StudyDate, studyDate);
    ds.putTime(Tag.StudyTime, plan.studyTime());
    ds.putString(Tag.AccessionNumber, VR.SH,
        plan.accessionNumber().substring(0, ACCESSION_LENGTH));
    ds.putString(Tag.Modality, VR.CS, "RTSTRUCT");
    ds.putString(Tag.Manufacturer, VR.LO);
    ds.putString(Tag.ReferringPhysicianName, VR.PN);
    ds.putString(Tag.StudyDescription, VR.LO, CtImageBuilder.STUDY_DESCRIPTION);
    ds.putString(Tag.SeriesDescription, VR.LO, "RTSTRUCT");
    ds.putString(Tag.OperatorsName, VR.PN);
    PatientModule.put(ds, plan);
    ds.putString(Tag.StudyInstanceUID, VR.UI, plan.studyUid());
    ds.putString(Tag.SeriesInstanceUID, VR.UI, plan.rtssSeriesUid());
    ds.putString(Tag.StudyID, VR.SH);
    ds.putInt(Tag.SeriesNumber, VR.IS, SERIES_NUMBER);
    ds.putInt(Tag.InstanceNumber, VR.IS, 1);
    ds.putString(Tag.FrameOfReferenceUID, VR.UI, plan.frameOfReferenceUid());
    ds.putString(Tag.PositionReferenceIndicator, VR.LO);
    ds.putString(Tag.StructureSetLabel, VR.SH, "STRUCTURE SET");
    ds.putDate(Tag.StructureSetDate, studyDate);
    ds.putTime(Tag.StructureSetTime, plan.studyTime().plusHours(1));
    referencedFrameOfReference(ds, plan, annotated);
    for (int i = 0; i < plan.lesions().size(); i++) {
      LesionPlan lesion = plan.lesions().get(i);
      DataSet roi = ds.addItem(Tag.StructureSetROISequence);
      roi.putInt(Tag.ROINumber, VR.IS, lesion.roiNumber());
      roi.putString(Tag.ReferencedFrameOfReferenceUID, VR.UI, "0");
      roi.putString(Tag.ROIName, VR.LO, lesion.roiName());
      roi.putString(Tag.ROIGenerationAlgorithm, VR.CS, "MANUAL");
      roiContour(ds.addItem(Tag.ROIContourSequence), lesion, COLOURS[i % COLOURS.length],
          contoursByLesion.get(i));
      DataSet observation = ds.addItem(Tag.RTROIObservationsSequence);
      observation.putInt(Tag.ObservationNumber, VR.IS, lesion.roiNumber());
      observation.putInt(Tag.ReferencedROINumber, VR.IS, lesion.roiNumber());
      observation.putString(Tag.RTROIInterpretedType, VR.CS, "ORGAN");
      observation.putString(Tag.ROIInterpreter, VR.PN);
    }
    return ds;
  }

  private static void referencedFrameOfReference(DataSet ds, CasePlan plan, SeriesPlan series) {
    DataSet frame = ds.addItem(Tag.ReferencedFrameOfReferenceSequence);
    frame.putString(Tag.FrameOfReferenceUID, VR.UI, plan.frameOfReferenceUid());
    DataSet study = frame.addItem(Tag.RTReferencedStudySequence);
    study.putString(Tag.ReferencedSOPClassUID, VR.UI, STUDY_COMPONENT_CLASS);
    study.putString(Tag.ReferencedSOPInstanceUID, VR.UI, plan.studyUid());
    DataSet referenced = study.addItem(Tag.RTReferencedSeriesSequence);
    referenced.putString(Tag.SeriesInstanceUID, VR.UI, series.seriesUid());
    for (String sop : series.sopUids()) {
      imageReference(referenced.addItem(Tag.ContourImageSequence), sop);
    }
  }

  private static void roiContour(DataSet item, LesionPlan lesion, int[] colour,
      List<Contour> contours) {
    item.putInt(Tag.ROIDisplayColor, VR.IS, colour);
    for (int k = 0; k < contours.size(); k++) {
      Contour contour = contours.get(k);
      DataSet c = item.addItem(Tag.ContourSequence);
      imageReference(c.addItem(Tag.ContourImageSequence), contour.sopUid());
      c.putString(Tag.ContourGeometricType, VR.CS, "CLOSED_PLANAR");
      c.putInt(Tag.NumberOfContourPoints, VR.IS, contour.pointCount());
      c.putInt(Tag.ContourNumber, VR.IS, k + 1);
      c.putDouble(Tag.ContourData, VR.DS, contour.points());
    }
    item.putInt(Tag.ReferencedROINumber, VR.IS, lesion.roiNumber());
  }

  private static void imageReference(DataSet item, String sopUid) {
    item.putString(Tag.ReferencedSOPClassUID, VR.UI, CtImageBuilder.CT_IMAGE_STORAGE);
    item.putString(Tag.ReferencedSOPInstanceUID, VR.UI, sopUid);
  }
}
