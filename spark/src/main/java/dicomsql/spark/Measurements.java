package dicomsql.spark;

import dicomsql.engine.index.RowCodec;
import dicomsql.engine.index.ScannedFile;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Measures every ROI on the CT series of its study as a distributed job grouped by study. The
 * driver plans from the derived rows which series each ROI is measured on; executors read the
 * headers of their file lists and send each study the instance rows of the series it needs and
 * the contours of its structure sets; each study is then measured where its rows are, decoding
 * only the slices its masks touch ({@link RoiMeasurementRows}).
 */
final class Measurements {
  private static final TableDefinition S = Tables.SERIES;
  private static final TableDefinition R = Tables.ROIS;
  private static final RowCodec CODEC = RowCodec.of(Tables.INSTANCES);

  private Measurements() {}

  /** A ROI to measure, and the series rows to measure it on. */
  record RoiWork(String rtssUid, int roiNumber, String name, String studyUid, String patientId,
      String referencedSeriesUid, List<Object[]> series) implements Serializable {}

  /**
   * What one file sends a study: its instance row (in the index's encoding, which crosses the
   * shuffle faster than the row objects), or its contour rows.
   */
  private record Part(byte[] instance, List<Object[]> contours) implements Serializable {}

  static List<Object[]> run(SparkSession spark, DicomOptions options, List<FileEntry> files,
      DerivedRows derived) {
    Map<String, List<RoiWork>> work = plan(derived);
    if (work.isEmpty()) {
      return List.of();
    }
    Map<String, Set<String>> studiesOfSeries = new HashMap<>();
    Map<String, Set<String>> studiesOfSet = new HashMap<>();
    work.forEach((study, rois) -> {
      for (RoiWork roi : rois) {
        studiesOfSet.computeIfAbsent(roi.rtssUid(), s -> new HashSet<>()).add(study);
        studiesOfSeries.computeIfAbsent(roi.referencedSeriesUid(), s -> new HashSet<>())
            .add(study);
        for (Object[] series : roi.series()) {
          studiesOfSeries.computeIfAbsent((String) series[0], s -> new HashSet<>()).add(study);
        }
      }
    });
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Map<String, List<RoiWork>>> plan = context.broadcast(work);
    Broadcast<Map<String, Set<String>>> bySeries = context.broadcast(studiesOfSeries);
    Broadcast<Map<String, Set<String>>> bySet = context.broadcast(studiesOfSet);
    Broadcast<Map<String, String>> copies = context.broadcast(derived.copies());
    List<List<FileEntry>> lists = FileListing.split(files,
        options.partitionsFor(files.size(), context.defaultParallelism()));
    String root = options.root();
    try {
      return Groups.byKey(context.parallelize(lists, lists.size())
          .flatMapToPair(list -> parts(root, list, bySeries.value(), bySet.value(),
              copies.value()).iterator()), lists.size())
          .flatMap(study -> measure(root, plan.value().get(study._1()), study._2()).iterator())
          .collect();
    } finally {
      plan.destroy();
      bySeries.destroy();
      bySet.destroy();
      copies.destroy();
    }
  }

  /**
   * The ROIs of each study with a referenced series, each with the CT series of its study it
   * applies to: its referenced series, or one in that series' frame of reference.
   */
  private static Map<String, List<RoiWork>> plan(DerivedRows derived) {
    Map<String, Object[]> seriesByUid = new HashMap<>();
    Map<String, List<Object[]>> seriesOfStudy = new HashMap<>();
    for (Object[] series : derived.series()) {
      seriesByUid.putIfAbsent((String) series[0], series);
      seriesOfStudy.computeIfAbsent((String) series[S.indexOf("study_uid")],
          s -> new ArrayList<>()).add(series);
    }
    Map<String, List<RoiWork>> work = new HashMap<>();
    for (Object[] roi : derived.rois()) {
      String referenced = (String) roi[R.indexOf("referenced_series_uid")];
      String study = (String) roi[R.indexOf("study_uid")];
      if (referenced == null || roi[R.indexOf("roi_number")] == null || study == null) {
        continue;
      }
      Object[] referencedRow = seriesByUid.get(referenced);
      String frame = referencedRow == null ? null
          : (String) referencedRow[S.indexOf("frame_of_reference_uid")];
      List<Object[]> measured = new ArrayList<>();
      for (Object[] series : seriesOfStudy.getOrDefault(study, List.of())) {
        boolean applies = referenced.equals(series[0]) || frame != null
            && frame.equals(series[S.indexOf("frame_of_reference_uid")]);
        if (applies && "CT".equals(series[S.indexOf("modality")])) {
          measured.add(series);
        }
      }
      work.computeIfAbsent(study, s -> new ArrayList<>()).add(new RoiWork((String) roi[0],
          (Integer) roi[R.indexOf("roi_number")], (String) roi[R.indexOf("roi_name")], study,
          (String) roi[R.indexOf("patient_id")], referenced, measured));
    }
    return work;
  }

  /** What the files of one list send to the studies that need them. */
  private static List<Tuple2<String, Part>> parts(String root, List<FileEntry> files,
      Map<String, Set<String>> bySeries, Map<String, Set<String>> bySet,
      Map<String, String> copies) {
    Path folder = Path.of(root);
    List<Tuple2<String, Part>> parts = new ArrayList<>();
    for (FileEntry file : files) {
      if (copies.containsKey(file.path())) {
        continue;
      }
      ScannedFile scanned = FileRows.scan(folder, file);
      ScannedInstance instance = ScannedInstance.of(scanned);
      if (instance == null) {
        continue;
      }
      for (String study : bySeries.getOrDefault(instance.seriesUid(), Set.of())) {
        parts.add(new Tuple2<>(study, new Part(CODEC.encode(instance.instance()), null)));
      }
      Set<String> studies = instance.structureSet() == null ? Set.of()
          : bySet.getOrDefault(instance.sopUid(), Set.of());
      for (String study : studies) {
        parts.add(new Tuple2<>(study, new Part(null, scanned.contours())));
      }
    }
    return parts;
  }

  private static List<Object[]> measure(String root, List<RoiWork> work, Iterable<Part> parts) {
    List<Object[]> instances = new ArrayList<>();
    List<Object[]> contours = new ArrayList<>();
    for (Part part : parts) {
      if (part.instance() != null) {
        instances.add(CODEC.decode(part.instance()));
      } else {
        contours.addAll(part.contours());
      }
    }
    return RoiMeasurementRows.measure(Path.of(root), Objects.requireNonNull(work), instances,
        contours);
  }
}
