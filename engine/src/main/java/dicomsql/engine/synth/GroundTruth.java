package dicomsql.engine.synth;

import dicomsql.engine.phase.Phase;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What the generator knows to be true, written next to the data: {@code truth.csv} with one row
 * per lesion ROI (voxel count and volume on the annotated series by the contract's rule, and the
 * lesion's designed and measured HU in each phase), and {@code truth_series.csv} with the phase
 * of every CT series.
 */
public final class GroundTruth {
  /** Per lesion ROI: voxel count, volume, designed and measured HU per phase. */
  public static final String LESIONS_FILE = "truth.csv";
  /** Per CT series: its phase. */
  public static final String SERIES_FILE = "truth_series.csv";
  private static final String LESION_HEADER = "case,patient_id,study_uid,rtss_uid,roi_number,"
      + "roi_name,pattern,annotated_phase,annotated_series_uid,contour_count,voxel_count,"
      + "volume_cc,nominal_hu_n,nominal_hu_a,nominal_hu_p,nominal_hu_d,"
      + "mean_hu_n,mean_hu_a,mean_hu_p,mean_hu_d,voxels_n,voxels_a,voxels_p,voxels_d";
  private static final String SERIES_HEADER = "case,patient_id,study_uid,series_uid,"
      + "series_number,series_description,phase,slices,contrast";

  private final List<String> lesionRows = new ArrayList<>();
  private final List<String> seriesRows = new ArrayList<>();

  /** Adds a case's rows; {@code measures[lesion][phase]} is null where the phase is absent. */
  void add(CasePlan plan, List<List<Contour>> contours, PointInPolygonTruth.Measure[][] measures) {
    SeriesPlan annotated = plan.annotatedSeries();
    for (int i = 0; i < plan.lesions().size(); i++) {
      LesionPlan lesion = plan.lesions().get(i);
      PointInPolygonTruth.Measure onAnnotated = measures[i][plan.annotatedPhase().ordinal()];
      double volume = onAnnotated.voxels() * plan.pixelSpacing() * plan.pixelSpacing()
          * annotated.spacing() / 1000;
      StringBuilder row = new StringBuilder();
      row.append(plan.caseNumber()).append(',').append(plan.patientId()).append(',')
          .append(plan.studyUid()).append(',').append(plan.rtssSopUid()).append(',')
          .append(lesion.roiNumber()).append(',').append(lesion.roiName()).append(',')
          .append(lesion.pattern().name().toLowerCase(Locale.ROOT)).append(',')
          .append(plan.annotatedPhase()).append(',').append(annotated.seriesUid()).append(',')
          .append(contours.get(i).size()).append(',').append(onAnnotated.voxels()).append(',')
          .append(number(volume));
      for (Phase phase : Phase.values()) {
        row.append(',').append(number(lesion.hu(phase)));
      }
      for (Phase phase : Phase.values()) {
        PointInPolygonTruth.Measure measure = measures[i][phase.ordinal()];
        row.append(',').append(measure == null ? "" : number(measure.meanHu()));
      }
      for (Phase phase : Phase.values()) {
        PointInPolygonTruth.Measure measure = measures[i][phase.ordinal()];
        row.append(',').append(measure == null ? "" : Long.toString(measure.voxels()));
      }
      lesionRows.add(row.toString());
    }
    for (SeriesPlan series : plan.series()) {
      seriesRows.add(plan.caseNumber() + "," + plan.patientId() + "," + plan.studyUid() + ","
          + series.seriesUid() + "," + series.seriesNumber() + "," + series.description() + ","
          + series.phase() + "," + series.sliceCount() + "," + series.contrast());
    }
  }

  void write(Path folder) throws IOException {
    write(folder.resolve(LESIONS_FILE), LESION_HEADER, lesionRows);
    write(folder.resolve(SERIES_FILE), SERIES_HEADER, seriesRows);
  }

  private static void write(Path file, String header, List<String> rows) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(header);
      out.write('\n');
      for (String row : rows) {
        out.write(row);
        out.write('\n');
      }
    }
  }

  /** The rows of a truth file as column name to text (empty where there is no value). */
  public static List<Map<String, String>> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
  }
}
