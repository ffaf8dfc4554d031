package dicomsql.engine.dicom;

import java.util.Locale;

/**
 * A data element tag as one {@code int} ({@code group << 16 | element}), with the tags this
 * engine reads by number and the two ways users see a tag written.
 */
public final class Tag {
  private Tag() {}

  public static final int FileMetaInformationGroupLength = 0x00020000;
  public static final int FileMetaInformationVersion = 0x00020001;
  public static final int MediaStorageSOPClassUID = 0x00020002;
  public static final int MediaStorageSOPInstanceUID = 0x00020003;
  public static final int TransferSyntaxUID = 0x00020010;
  public static final int ImplementationClassUID = 0x00020012;
  public static final int ImplementationVersionName = 0x00020013;
  public static final int SourceApplicationEntityTitle = 0x00020016;

  public static final int SpecificCharacterSet = 0x00080005;
  public static final int ImageType = 0x00080008;
  public static final int InstanceCreationDate = 0x00080012;
  public static final int InstanceCreationTime = 0x00080013;
  public static final int SOPClassUID = 0x00080016;
  public static final int SOPInstanceUID = 0x00080018;
  public static final int StudyDate = 0x00080020;
  public static final int SeriesDate = 0x00080021;
  public static final int AcquisitionDate = 0x00080022;
  public static final int ContentDate = 0x00080023;
  public static final int StudyTime = 0x00080030;
  public static final int SeriesTime = 0x00080031;
  public static final int AcquisitionTime = 0x00080032;
  public static final int ContentTime = 0x00080033;
  public static final int AccessionNumber = 0x00080050;
  public static final int Modality = 0x00080060;
  public static final int Manufacturer = 0x00080070;
  public static final int InstitutionName = 0x00080080;
  public static final int ReferringPhysicianName = 0x00080090;
  public static final int StationName = 0x00081010;
  public static final int OperatorsName = 0x00081070;
  public static final int StudyDescription = 0x00081030;
  public static final int SeriesDescription = 0x0008103E;
  public static final int ManufacturerModelName = 0x00081090;
  public static final int ReferencedSOPClassUID = 0x00081150;
  public static final int ReferencedSOPInstanceUID = 0x00081155;
  public static final int ReferencedImageSequence = 0x00081140;

  public static final int PatientName = 0x00100010;
  public static final int PatientID = 0x00100020;
  public static final int PatientBirthDate = 0x00100030;
  public static final int PatientSex = 0x00100040;
  public static final int PatientAge = 0x00101010;
  public static final int PatientIdentityRemoved = 0x00120062;
  public static final int DeidentificationMethod = 0x00120063;

  public static final int ContrastBolusAgent = 0x00180010;
  public static final int BodyPartExamined = 0x00180015;
  public static final int SliceThickness = 0x00180050;
  public static final int KVP = 0x00180060;
  public static final int SpacingBetweenSlices = 0x00180088;
  public static final int SoftwareVersions = 0x00181020;
  public static final int ProtocolName = 0x00181030;
  public static final int ConvolutionKernel = 0x00181210;
  public static final int PatientPosition = 0x00185100;

  public static final int StudyInstanceUID = 0x0020000D;
  public static final int SeriesInstanceUID = 0x0020000E;
  public static final int StudyID = 0x00200010;
  public static final int SeriesNumber = 0x00200011;
  public static final int AcquisitionNumber = 0x00200012;
  public static final int InstanceNumber = 0x00200013;
  public static final int ImagePositionPatient = 0x00200032;
  public static final int ImageOrientationPatient = 0x00200037;
  public static final int FrameOfReferenceUID = 0x00200052;
  public static final int PositionReferenceIndicator = 0x00201040;
  public static final int SliceLocation = 0x00201041;
  public static final int ImageComments = 0x00204000;
  public static final int PlanePositionSequence = 0x00209113;
  public static final int PlaneOrientationSequence = 0x00209116;

  public static final int SamplesPerPixel = 0x00280002;
  public static final int PhotometricInterpretation = 0x00280004;
  public static final int PlanarConfiguration = 0x00280006;
  public static final int NumberOfFrames = 0x00280008;
  public static final int Rows = 0x00280010;
  public static final int Columns = 0x00280011;
  public static final int PixelSpacing = 0x00280030;
  public static final int BitsAllocated = 0x00280100;
  public static final int BitsStored = 0x00280101;
  public static final int HighBit = 0x00280102;
  public static final int PixelRepresentation = 0x00280103;
  public static final int WindowCenter = 0x00281050;
  public static final int WindowWidth = 0x00281051;
  public static final int RescaleIntercept = 0x00281052;
  public static final int RescaleSlope = 0x00281053;
  public static final int RescaleType = 0x00281054;
  public static final int ModalityLUTSequence = 0x00283000;
  public static final int PixelMeasuresSequence = 0x00289110;
  public static final int PixelValueTransformationSequence = 0x00289145;

  public static final int StructureSetLabel = 0x30060002;
  public static final int StructureSetName = 0x30060004;
  public static final int StructureSetDate = 0x30060008;
  public static final int StructureSetTime = 0x30060009;
  public static final int ReferencedFrameOfReferenceSequence = 0x30060010;
  public static final int RTReferencedStudySequence = 0x30060012;
  public static final int RTReferencedSeriesSequence = 0x30060014;
  public static final int ContourImageSequence = 0x30060016;
  public static final int StructureSetROISequence = 0x30060020;
  public static final int ROINumber = 0x30060022;
  public static final int ReferencedFrameOfReferenceUID = 0x30060024;
  public static final int ROIName = 0x30060026;
  public static final int ROIDescription = 0x30060028;
  public static final int ROIDisplayColor = 0x3006002A;
  public static final int ROIGenerationAlgorithm = 0x30060036;
  public static final int ROIContourSequence = 0x30060039;
  public static final int ContourSequence = 0x30060040;
  public static final int ContourGeometricType = 0x30060042;
  public static final int NumberOfContourPoints = 0x30060046;
  public static final int ContourNumber = 0x30060048;
  public static final int ContourData = 0x30060050;
  public static final int RTROIObservationsSequence = 0x30060080;
  public static final int ObservationNumber = 0x30060082;
  public static final int ReferencedROINumber = 0x30060084;
  public static final int RTROIInterpretedType = 0x300600A4;
  public static final int ROIInterpreter = 0x300600A6;

  public static final int SharedFunctionalGroupsSequence = 0x52009229;
  public static final int PerFrameFunctionalGroupsSequence = 0x52009230;

  public static final int FloatPixelData = 0x7FE00008;
  public static final int DoubleFloatPixelData = 0x7FE00009;
  public static final int PixelData = 0x7FE00010;

  public static final int Item = 0xFFFEE000;
  public static final int ItemDelimitationItem = 0xFFFEE00D;
  public static final int SequenceDelimitationItem = 0xFFFEE0DD;

  public static int group(int tag) {
    return tag >>> 16;
  }

  public static int element(int tag) {
    return tag & 0xFFFF;
  }

  public static int of(int group, int element) {
    return group << 16 | element;
  }

  /** Private tags live in odd groups; groups 1, 3, 5 and 7 are reserved, not private. */
  public static boolean isPrivate(int tag) {
    int group = group(tag);
    return (group & 1) == 1 && group > 7;
  }

  /** Private creator elements (gggg,0010-00FF) of an odd group name who owns a block. */
  public static boolean isPrivateCreator(int tag) {
    int element = element(tag);
    return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
  }

  /** {@code (GGGG,EEEE)}, as dcmtk prints tags and as error messages quote them. */
  public static String toString(int tag) {
    return "(" + hex4(group(tag)) + "," + hex4(element(tag)) + ")";
  }

  /** {@code GGGGEEEE}, the compact form of the {@code attributes.tag} column. */
  public static String toHex(int tag) {
    return hex4(group(tag)) + hex4(element(tag));
  }

  /** Parses {@code GGGGEEEE}, {@code (GGGG,EEEE)} or {@code GGGG,EEEE}; -1 when it is none. */
  public static long parse(String text) {
    String digits = text.strip().replace("(", "").replace(")", "").replace(",", "");
    if (digits.length() != 8) {
      return -1;
    }
    try {
      return Long.parseLong(digits, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String hex4(int value) {
    String hex = Integer.toHexString(value).toUpperCase(Locale.ROOT);
    return "0000".substring(hex.length()) + hex;
  }
}
