package dicomsql.bench;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DecimalStrings;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import dicomsql.engine.raster.ImagePlane;
import dicomsql.engine.raster.PlanarContour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raster workload as files: an axial CT series of {@code slices} images of
 * {@code matrix}² pixels, and an RT Structure Set whose one ROI has a 256-vertex outline on
 * every slice, its radius swelling from 40 to 120 pixels and back, its edge wavy so that it is
 * no circle; and a second ROI with the same outline around a hole (a necrotic core drawn as an
 * inner contour). Vertices are rounded to 0.01 mm as drawing tools store them.
 */
final class RasterBenchData {
  static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
  static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
  static final String ROI_NAME = "LESION";
  static final String RING_NAME = "LESION_WITH_NECROSIS";
  static final int VERTICES = 256;
  static final double PIXEL_MM = 0.78125;
  static final double SLICE_MM = 2.5;
  private static final String ROOT_UID = "2.25.4711";

  final int slices;
  final int matrix;
  final Path ct;
  final Path rtss;
  final double x0;
  final double y0;
  final List<ImagePlane> planes = new ArrayList<>();
  final List<PlanarContour> contours = new ArrayList<>();
  final List<PlanarContour> ringContours = new ArrayList<>();

  RasterBenchData(Path root, int slices, int matrix) {
    this.slices = slices;
    this.matrix = matrix;
    this.ct = root.resolve("ct");
    this.rtss = root.resolve("rtss").resolve("rtss.dcm");
    this.x0 = -matrix * PIXEL_MM / 2 + PIXEL_MM / 2;
    this.y0 = -matrix * PIXEL_MM / 2 + PIXEL_MM / 2 + 17.3;
    for (int s = 0; s < slices; s++) {
      planes.add(new ImagePlane(sopUid(s), "ct/" + file(s), matrix, matrix,
          new double[] {x0, y0, z(s)}, new double[] {1, 0, 0}, new double[] {0, 1, 0},
          PIXEL_MM, PIXEL_MM, SLICE_MM));
      contours.add(new PlanarContour(s, "CLOSED_PLANAR", sopUid(s), outline(s, 1)));
      ringContours.add(new PlanarContour(2 * s, "CLOSED_PLANAR", sopUid(s), outline(s, 1)));
      ringContours.add(new PlanarContour(2 * s + 1, "CLOSED_PLANAR", sopUid(s),
          outline(s, 0.4)));
    }
  }

  private static String file(int slice) {
    return String.format("%03d.dcm", slice + 1);
  }

  private static String sopUid(int slice) {
    return ROOT_UID + ".3." + (slice + 1);
  }

  private double z(int slice) {
    return -100 + slice * SLICE_MM;
  }

  /** The outline on a slice, {@code scale} times its size, in mm, as x, y, z triplets. */
  private double[] outline(int slice, double scale) {
    double radius = scale * (40 + 80 * Math.sin(Math.PI * (slice + 0.5) / slices));
    double cx = matrix / 2.0 + 0.3;
    double cy = matrix / 2.0 - 0.7;
    double[] points = new double[3 * VERTICES];
    for (int k = 0; k < VERTICES; k++) {
      double t = 2 * Math.PI * k / VERTICES;
      double r = radius * (1 + 0.08 * Math.sin(5 * t + slice / 7.0));
      points[3 * k] = hundredths(x0 + (cx + r * Math.cos(t)) * PIXEL_MM);
      points[3 * k + 1] = hundredths(y0 + (cy + r * Math.sin(t)) * PIXEL_MM);
      points[3 * k + 2] = DecimalStrings.asWritten(z(slice));
    }
    return points;
  }

  private static double hundredths(double value) {
    return DecimalStrings.asWritten(Math.round(value * 100) / 100.0);
  }

  /** Writes the files unless they are there already. */
  void write() throws IOException {
    if (Files.exists(rtss)) {
      return;
    }
    Files.createDirectories(ct);
    Files.createDirectories(rtss.getParent());
    DicomWriter writer = new DicomWriter();
    byte[] pixels = pixels();
    for (int s = 0; s < slices; s++) {
      writer.write(ct.resolve(file(s)), image(s, pixels), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
    writer.write(rtss, structureSet(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
  }

  /** Soft tissue (40 HU stored as 1064) in a disc, air around it, as 16-bit words. */
  private byte[] pixels() {
    byte[] pixels = new byte[matrix * matrix * 2];
    for (int row = 0; row < matrix; row++) {
      for (int col = 0; col < matrix; col++) {
        double d = Math.hypot(row - matrix / 2.0, col - matrix / 2.0);
        int stored = d < matrix * 0.45 ? 1064 : 24;
        int at = 2 * (row * matrix + col);
        pixels[at] = (byte) stored;
        pixels[at + 1] = (byte) (stored >> 8);
      }
    }
    return pixels;
  }

  private DataSet common(String sopClass, String sopUid, String modality, String seriesUid) {
    DataSet ds = new DataSet();
    ds.putString(Tag.SOPClassUID, VR.UI, sopClass);
    ds.putString(Tag.SOPInstanceUID, VR.UI, sopUid);
    ds.putString(Tag.Modality, VR.CS, modality);
    ds.putString(Tag.PatientName, VR.PN, "BENCH^RASTER");
    ds.putString(Tag.PatientID, VR.LO, "raster-bench");
    ds.putString(Tag.StudyInstanceUID, VR.UI, ROOT_UID + ".1");
    ds.putString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
    ds.putString(Tag.FrameOfReferenceUID, VR.UI, ROOT_UID + ".9");
    return ds;
  }

  private DataSet image(int slice, byte[] pixels) {
    DataSet ds = common(CT_IMAGE_STORAGE, sopUid(slice), "CT", ROOT_UID + ".2");
    ds.putInt(Tag.SeriesNumber, VR.IS, 2);
    ds.putInt(Tag.InstanceNumber, VR.IS, slice + 1);
    ds.putDouble(Tag.SliceThickness, VR.DS, SLICE_MM);
    ds.putDouble(Tag.ImagePositionPatient, VR.DS, x0, y0, z(slice));
    ds.putDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
    ds.putInt(Tag.SamplesPerPixel, VR.US, 1);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
    ds.putInt(Tag.Rows, VR.US, matrix);
    ds.putInt(Tag.Columns, VR.US, matrix);
    ds.putDouble(Tag.PixelSpacing, VR.DS, PIXEL_MM, PIXEL_MM);
    ds.putInt(Tag.BitsAllocated, VR.US, 16);
    ds.putInt(Tag.BitsStored, VR.US, 12);
    ds.putInt(Tag.HighBit, VR.US, 11);
    ds.putInt(Tag.PixelRepresentation, VR.US, 0);
    ds.putDouble(Tag.RescaleIntercept, VR.DS, -1024);
    ds.putDouble(Tag.RescaleSlope, VR.DS, 1);
    ds.putBytes(Tag.PixelData, VR.OW, pixels);
    return ds;
  }

  private DataSet structureSet() {
    DataSet ds = common(RT_STRUCTURE_SET_STORAGE, ROOT_UID + ".5", "RTSTRUCT", ROOT_UID + ".4");
    ds.putString(Tag.StructureSetLabel, VR.SH, "BENCH");
    DataSet frame = ds.addItem(Tag.ReferencedFrameOfReferenceSequence);
    frame.putString(Tag.FrameOfReferenceUID, VR.UI, ROOT_UID + ".9");
    DataSet study = frame.addItem(Tag.RTReferencedStudySequence);
    study.putString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.3.1.2.3.1");
    study.putString(Tag.ReferencedSOPInstanceUID, VR.UI, ROOT_UID + ".1");
    DataSet series = study.addItem(Tag.RTReferencedSeriesSequence);
    series.putString(Tag.SeriesInstanceUID, VR.UI, ROOT_UID + ".2");
    for (int s = 0; s < slices; s++) {
      imageReference(series.addItem(Tag.ContourImageSequence), sopUid(s));
    }
    roi(ds, 1, ROI_NAME, contours);
    roi(ds, 2, RING_NAME, ringContours);
    return ds;
  }

  private static void roi(DataSet ds, int number, String name, List<PlanarContour> outlines) {
    DataSet roi = ds.addItem(Tag.StructureSetROISequence);
    roi.putInt(Tag.ROINumber, VR.IS, number);
    roi.putString(Tag.ReferencedFrameOfReferenceUID, VR.UI, ROOT_UID + ".9");
    roi.putString(Tag.ROIName, VR.LO, name);
    DataSet roiContour = ds.addItem(Tag.ROIContourSequence);
    roiContour.putInt(Tag.ROIDisplayColor, VR.IS, 255, 0, 0);
    for (PlanarContour contour : outlines) {
      DataSet item = roiContour.addItem(Tag.ContourSequence);
      imageReference(item.addItem(Tag.ContourImageSequence), contour.referencedSopUid());
      item.putString(Tag.ContourGeometricType, VR.CS, contour.geometricType());
      item.putInt(Tag.NumberOfContourPoints, VR.IS, contour.points().length / 3);
      item.putDouble(Tag.ContourData, VR.DS, contour.points());
    }
    roiContour.putInt(Tag.ReferencedROINumber, VR.IS, number);
    DataSet observation = ds.addItem(Tag.RTROIObservationsSequence);
    observation.putInt(Tag.ObservationNumber, VR.IS, number);
    observation.putInt(Tag.ReferencedROINumber, VR.IS, number);
    observation.putString(Tag.RTROIInterpretedType, VR.CS, "GTV");
  }

  private static void imageReference(DataSet item, String sopUid) {
    item.putString(Tag.ReferencedSOPClassUID, VR.UI, CT_IMAGE_STORAGE);
    item.putString(Tag.ReferencedSOPInstanceUID, VR.UI, sopUid);
  }
}
