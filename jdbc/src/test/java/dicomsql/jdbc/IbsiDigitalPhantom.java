package dicomsql.jdbc;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The IBSI 1 digital phantom (test resources {@code ibsi1-digital-phantom/}, the IBSI's own
 * NIfTI files) written as DICOM: a CT series of one image per NIfTI slice (column = NIfTI i,
 * row = j, slice = k, spaced as the NIfTI's pixdim) and an RT Structure Set whose one ROI
 * outlines every run of mask voxels along a row with a rectangle on the voxel boundaries, so
 * that the even-odd fill of the contours gives back exactly the mask's voxels.
 */
final class IbsiDigitalPhantom {
  static final String ROOT = "1.2.826.0.1.3680043.10.1048";
  static final String STUDY_UID = ROOT + ".1";
  static final String SERIES_UID = ROOT + ".2";
  static final String FRAME_UID = ROOT + ".3";
  static final String RTSS_UID = ROOT + ".4.1";
  static final int ROI_NUMBER = 1;
  private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  private static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";

  /** A NIfTI-1 volume: voxel (i, j, k) is {@code values[i + nx * (j + ny * k)]}. */
  record Volume(int nx, int ny, int nz, double[] spacing, float[] values) {
    float at(int i, int j, int k) {
      return values[i + nx * (j + ny * k)];
    }
  }

  private IbsiDigitalPhantom() {}

  static Volume image() throws IOException {
    return read("phantom.nii.gz");
  }

  static Volume mask() throws IOException {
    return read("mask.nii.gz");
  }

  static String sopUid(int slice) {
    return ROOT + ".5." + (slice + 1);
  }

  /** Writes the CT images and the structure set into the folder. */
  static void write(Path folder) throws IOException {
    Volume image = image();
    Volume mask = mask();
    Files.createDirectories(folder);
    DicomWriter writer = new DicomWriter();
    for (int k = 0; k < image.nz(); k++) {
      writer.write(folder.resolve("ct" + k + ".dcm"), ctSlice(image, k),
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
    writer.write(folder.resolve("rtss.dcm"), structureSet(mask),
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
  }

  private static DataSet ctSlice(Volume image, int k) {
    DataSet ds = common(CT_IMAGE_STORAGE, sopUid(k), "CT");
    ds.putString(Tag.SeriesInstanceUID, VR.UI, SERIES_UID);
    ds.putInt(Tag.SeriesNumber, VR.IS, 1);
    ds.putInt(Tag.InstanceNumber, VR.IS, k + 1);
    ds.putDouble(Tag.SliceThickness, VR.DS, image.spacing()[2]);
    ds.putDouble(Tag.ImagePositionPatient, VR.DS, 0, 0, k * image.spacing()[2]);
    ds.putDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
    ds.putInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.putInt(Tag.Rows, VR.US, image.ny());
    ds.putInt(Tag.Columns, VR.US, image.nx());
    ds.putDouble(Tag.PixelSpacing, VR.DS, image.spacing()[1], image.spacing()[0]);
    ds.putInt(Tag.BitsAllocated, VR.US, 16);
    ds.putInt(Tag.BitsStored, VR.US, 16);
    ds.putInt(Tag.HighBit, VR.US, 15);
    ds.putInt(Tag.PixelRepresentation, VR.US, 1);
    ds.putDouble(Tag.RescaleIntercept, VR.DS, 0);
    ds.putDouble(Tag.RescaleSlope, VR.DS, 1);
    ByteBuffer pixels = ByteBuffer.allocate(2 * image.nx() * image.ny())
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < image.ny(); j++) {
      for (int i = 0; i < image.nx(); i++) {
        pixels.putShort((short) Math.round(image.at(i, j, k)));
      }
    }
    ds.putBytes(Tag.PixelData, VR.OW, pixels.array());
    return ds;
  }

  private static DataSet structureSet(Volume mask) {
    DataSet ds = common(RT_STRUCTURE_SET_STORAGE, RTSS_UID, "RTSTRUCT");
    ds.putString(Tag.SeriesInstanceUID, VR.UI, ROOT + ".4");
    ds.putInt(Tag.SeriesNumber, VR.IS, 2);
    ds.putString(Tag.StructureSetLabel, VR.SH, "IBSI");
    DataSet frame = ds.addItem(Tag.ReferencedFrameOfReferenceSequence);
    frame.putString(Tag.FrameOfReferenceUID, VR.UI, FRAME_UID);
    DataSet study = frame.addItem(Tag.RTReferencedStudySequence);
    study.putString(Tag.ReferencedSOPInstanceUID, VR.UI, STUDY_UID);
    DataSet series = study.addItem(Tag.RTReferencedSeriesSequence);
    series.putString(Tag.SeriesInstanceUID, VR.UI, SERIES_UID);
    for (int k = 0; k < mask.nz(); k++) {
      imageReference(series.addItem(Tag.ContourImageSequence), k);
    }
    DataSet roi = ds.addItem(Tag.StructureSetROISequence);
    roi.putInt(Tag.ROINumber, VR.IS, ROI_NUMBER);
    roi.putString(Tag.ReferencedFrameOfReferenceUID, VR.UI, FRAME_UID);
    roi.putString(Tag.ROIName, VR.LO, "mask");
    DataSet roiContour = ds.addItem(Tag.ROIContourSequence);
    roiContour.putInt(Tag.ReferencedROINumber, VR.IS, ROI_NUMBER);
    for (double[] points : runOutlines(mask)) {
      DataSet contour = roiContour.addItem(Tag.ContourSequence);
      imageReference(contour.addItem(Tag.ContourImageSequence),
          (int) Math.round(points[2] / mask.spacing()[2]));
      contour.putString(Tag.ContourGeometricType, VR.CS, "CLOSED_PLANAR");
      contour.putInt(Tag.NumberOfContourPoints, VR.IS, points.length / 3);
      contour.putDouble(Tag.ContourData, VR.DS, points);
    }
    return ds;
  }

  /** A rectangle on the voxel boundaries around each run of mask voxels along a row. */
  private static List<double[]> runOutlines(Volume mask) {
    double dx = mask.spacing()[0];
    double dy = mask.spacing()[1];
    List<double[]> outlines = new ArrayList<>();
    for (int k = 0; k < mask.nz(); k++) {
      double z = k * mask.spacing()[2];
      for (int j = 0; j < mask.ny(); j++) {
        int i = 0;
        while (i < mask.nx()) {
          if (mask.at(i, j, k) == 0) {
            i++;
            continue;
          }
          int start = i;
          while (i < mask.nx() && mask.at(i, j, k) != 0) {
            i++;
          }
          double left = (start - 0.5) * dx;
          double right = (i - 0.5) * dx;
          double top = (j - 0.5) * dy;
          double bottom = (j + 0.5) * dy;
          outlines.add(new double[] {left, top, z, right, top, z, right, bottom, z, left,
              bottom, z});
        }
      }
    }
    return outlines;
  }

  private static DataSet common(String sopClass, String sopUid, String modality) {
    DataSet ds = new DataSet();
    ds.putString(Tag.SOPClassUID, VR.UI, sopClass);
    ds.putString(Tag.SOPInstanceUID, VR.UI, sopUid);
    ds.putString(Tag.Modality, VR.CS, modality);
    ds.putString(Tag.PatientName, VR.PN, "IBSI^Digital phantom");
    ds.putString(Tag.PatientID, VR.LO, "IBSI1");
    ds.putString(Tag.StudyInstanceUID, VR.UI, STUDY_UID);
    ds.putString(Tag.FrameOfReferenceUID, VR.UI, FRAME_UID);
    return ds;
  }

  private static void imageReference(DataSet item, int slice) {
    item.putString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE_STORAGE);
    item.putString(Tag.ReferencedSOPInstanceUID, VR.UI, sopUid(slice));
  }

  /**
   * A little-endian NIfTI-1 file of int16, uint8 or float32 voxels: the header's dim (40),
   * datatype (70), pixdim (76), vox_offset (108) and scl_slope/scl_inter (112/116).
   */
  private static Volume read(String name) throws IOException {
    byte[] bytes;
    try (InputStream in = new GZIPInputStream(IbsiDigitalPhantom.class.getResourceAsStream(
        "/ibsi1-digital-phantom/" + name))) {
      bytes = in.readAllBytes();
    }
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (header.getInt(0) != 348) {
      throw new IOException(name + " is not a little-endian NIfTI-1 file");
    }
    int nx = header.getShort(42);
    int ny = header.getShort(44);
    int nz = header.getShort(46);
    int datatype = header.getShort(70);
    double[] spacing = {header.getFloat(80), header.getFloat(84), header.getFloat(88)};
    int offset = (int) header.getFloat(108);
    float slope = header.getFloat(112);
    float intercept = header.getFloat(116);
    float[] values = new float[nx * ny * nz];
    for (int v = 0; v < values.length; v++) {
      float raw = switch (datatype) {
        case 2 -> bytes[offset + v] & 0xff;
        case 4 -> header.getShort(offset + 2 * v);
        case 16 -> header.getFloat(offset + 4 * v);
        default -> throw new IOException(name + ": NIfTI datatype " + datatype);
      };
      values[v] = slope == 0 ? raw : raw * slope + intercept;
    }
    return new Volume(nx, ny, nz, spacing, values);
  }
}
