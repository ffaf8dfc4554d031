package dicomsql.engine.index;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DecimalStrings;
import dicomsql.engine.dicom.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Joins the three ROI sequences of an RT Structure Set by ROI number (Structure Set ROI,
 * ROI Contour, RT ROI Observations) into the facts the index keeps and one row per contour,
 * with each contour's points packed.
 */
final class StructureSetReader {
  static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";

  private static final TableDefinition C = Tables.CONTOURS;
  /** The first summarising column, x_sum; x_min, x_max, then y's and z's follow. */
  static final int SUMMARIES = C.indexOf("x_sum");

  private final StructureSetFacts facts;
  private final List<Object[]> contourRows = new ArrayList<>();

  static boolean isStructureSet(DataSet ds) {
    return RT_STRUCTURE_SET_STORAGE.equals(ds.getString(Tag.SOPClassUID))
        || "RTSTRUCT".equals(ds.getString(Tag.Modality));
  }

  StructureSetReader(DataSet ds) {
    String rtssUid = ds.getString(Tag.SOPInstanceUID);
    Map<Integer, DataSet> contoursByRoi = new LinkedHashMap<>();
    for (DataSet item : ds.getSequence(Tag.ROIContourSequence)) {
      contoursByRoi.putIfAbsent(item.getInt(Tag.ReferencedROINumber), item);
    }
    Map<Integer, String> typeByRoi = new LinkedHashMap<>();
    for (DataSet item : ds.getSequence(Tag.RTROIObservationsSequence)) {
      typeByRoi.putIfAbsent(item.getInt(Tag.ReferencedROINumber),
          item.getString(Tag.RTROIInterpretedType));
    }
    Map<Integer, DataSet> definitions = new LinkedHashMap<>();
    for (DataSet item : ds.getSequence(Tag.StructureSetROISequence)) {
      definitions.putIfAbsent(item.getInt(Tag.ROINumber), item);
    }
    LinkedHashSet<Integer> numbers = new LinkedHashSet<>(definitions.keySet());
    numbers.addAll(contoursByRoi.keySet());
    List<StructureSetFacts.Roi> rois = new ArrayList<>();
    for (Integer number : numbers) {
      DataSet definition = definitions.get(number);
      DataSet contourItem = contoursByRoi.get(number);
      rois.add(roi(rtssUid, number, definition, contourItem, typeByRoi.get(number)));
    }
    this.facts = new StructureSetFacts(ds.getText(Tag.StructureSetLabel),
        ds.getDate(Tag.StructureSetDate), frameOfReference(ds), referencedSeries(ds), rois);
  }

  StructureSetFacts facts() {
    return facts;
  }

  List<Object[]> contourRows() {
    return contourRows;
  }

  private StructureSetFacts.Roi roi(String rtssUid, Integer number, DataSet definition,
      DataSet contourItem, String interpretedType) {
    int contourCount = 0;
    int pointCount = 0;
    double zMin = Double.NaN;
    double zMax = Double.NaN;
    LinkedHashSet<String> images = new LinkedHashSet<>();
    String color = null;
    if (contourItem != null) {
      String[] rgb = contourItem.getStrings(Tag.ROIDisplayColor);
      color = rgb.length == 0 ? null : String.join("\\", rgb);
      List<DataSet> contours = contourItem.getSequence(Tag.ContourSequence);
      for (int index = 0; index < contours.size(); index++) {
        DataSet contour = contours.get(index);
        double[] points = points(contourData(contour));
        String image = firstImage(contour);
        if (image != null) {
          images.add(image);
        }
        Double z = meanZ(points);
        if (z != null) {
          zMin = Double.isNaN(zMin) ? z : Math.min(zMin, z);
          zMax = Double.isNaN(zMax) ? z : Math.max(zMax, z);
        }
        Object[] row = new Object[C.width()];
        row[0] = rtssUid;
        row[1] = number;
        row[2] = index;
        row[3] = contour.getString(Tag.ContourGeometricType);
        row[4] = points.length / 3;
        row[5] = image;
        row[6] = z;
        row[7] = points;
        summarise(points, row);
        contourRows.add(row);
        contourCount++;
        pointCount += points.length / 3;
      }
    }
    return new StructureSetFacts.Roi(number,
        definition == null ? null : definition.getText(Tag.ROIName),
        definition == null ? null : definition.getString(Tag.ROIGenerationAlgorithm),
        interpretedType, color, contourCount, pointCount, List.copyOf(images), zMin, zMax);
  }

  /**
   * Contour Data as numbers; a value that is not one ({@code NaN}, {@code abc}) stays in its
   * place as NaN, so that the rasterizer can say which point of which contour it is, where
   * dropping the whole element would hide it. Infinities ({@code 1e999}) stay infinite.
   */
  private static double[] contourData(DataSet contour) {
    String[] texts = contour.getStrings(Tag.ContourData);
    if (texts.length == 0) {
      return contour.getDoubles(Tag.ContourData);
    }
    double[] values = new double[texts.length];
    for (int i = 0; i < texts.length; i++) {
      Double value = DecimalStrings.parseDecimal(texts[i].strip());
      values[i] = value == null ? Double.NaN : value;
    }
    return values;
  }

  /**
   * Puts in the row's summarising columns each coordinate's sum (compensated), least and
   * greatest over the points, in the order x, y, z; they stay null without points.
   */
  private static void summarise(double[] points, Object[] row) {
    if (points.length == 0) {
      return;
    }
    for (int axis = 0; axis < 3; axis++) {
      CompensatedSum sum = new CompensatedSum();
      double least = Double.POSITIVE_INFINITY;
      double greatest = Double.NEGATIVE_INFINITY;
      for (int k = axis; k < points.length; k += 3) {
        sum.add(points[k]);
        least = Math.min(least, points[k]);
        greatest = Math.max(greatest, points[k]);
      }
      row[SUMMARIES + 3 * axis] = sum.value();
      row[SUMMARIES + 3 * axis + 1] = least;
      row[SUMMARIES + 3 * axis + 2] = greatest;
    }
  }

  /** Contour Data as x, y, z triplets; a trailing partial triplet is dropped. */
  private static double[] points(double[] data) {
    if (data == null) {
      return new double[0];
    }
    int usable = data.length - data.length % 3;
    return usable == data.length ? data : Arrays.copyOf(data, usable);
  }

  /** The mean z of the points; null without points or when a z is not a finite number. */
  private static Double meanZ(double[] points) {
    if (points.length == 0) {
      return null;
    }
    double sum = 0;
    for (int k = 2; k < points.length; k += 3) {
      sum += points[k];
    }
    return Double.isFinite(sum) ? sum / (points.length / 3) : null;
  }

  private static String firstImage(DataSet contour) {
    List<DataSet> images = contour.getSequence(Tag.ContourImageSequence);
    return images.isEmpty() ? null : images.get(0).getString(Tag.ReferencedSOPInstanceUID);
  }

  private static String frameOfReference(DataSet ds) {
    for (DataSet frame : ds.getSequence(Tag.ReferencedFrameOfReferenceSequence)) {
      String uid = frame.getString(Tag.FrameOfReferenceUID);
      if (uid != null) {
        return uid;
      }
    }
    return ds.getString(Tag.FrameOfReferenceUID);
  }

  /** The first series of the RT Referenced Series Sequence, through frame and study. */
  private static String referencedSeries(DataSet ds) {
    for (DataSet frame : ds.getSequence(Tag.ReferencedFrameOfReferenceSequence)) {
      for (DataSet study : frame.getSequence(Tag.RTReferencedStudySequence)) {
        for (DataSet series : study.getSequence(Tag.RTReferencedSeriesSequence)) {
          String uid = series.getString(Tag.SeriesInstanceUID);
          if (uid != null) {
            return uid;
          }
        }
      }
    }
    return null;
  }
}
