package dicomsql.spark;

import dicomsql.engine.index.DerivedTables;
import dicomsql.engine.index.RowCodec;
import dicomsql.engine.index.SeriesAccumulator;
import dicomsql.engine.index.StructureSetFacts;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import dicomsql.engine.phase.PhaseRules;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Derives series (with their phases), studies, patients, structure sets and ROIs from a data
 * root as a distributed job, with the index's own derivation code ({@link SeriesAccumulator},
 * {@link DerivedTables}): executors read the headers of their file lists; SOP Instance UIDs
 * shared by several files are settled (the smallest path is the instance, the others copies);
 * the instance rows are grouped by series and each series row derived where its instances
 * are, then the series rows by study, where each study's phases and study row are decided. What is left is small and is finished on the driver: patients from the
 * series rows, and each structure set's ROIs linked to the series they were drawn on.
 */
final class Derivation {
  private static final TableDefinition I = Tables.INSTANCES;
  private static final RowCodec CODEC = RowCodec.of(I);
  private static final int PATH = I.indexOf("path");
  private static final int STUDY_UID = Tables.SERIES.indexOf("study_uid");
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private Derivation() {}

  /** One study's series rows (phases decided) and its study row. */
  private record StudyRows(List<Object[]> series, Object[] study) implements Serializable {}

  static DerivedRows run(SparkSession spark, DicomOptions options, List<FileEntry> files) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<FileEntry>> lists = FileListing.split(files,
        options.partitionsFor(files.size(), context.defaultParallelism()));
    String root = options.root();
    // Kept as objects: the job passes over them several times, and deserializing each time cost
    // more than reading the headers did (140 us a row with Java serialization, measured). One
    // element per partition, the list of its instances: Spark estimates the size of what it
    // keeps by walking the objects, which row by row cost a third of the job at seed scale
    // (measured); a list it estimates from a sample.
    JavaRDD<List<ScannedInstance>> scanned = context.parallelize(lists, lists.size())
        .map(list -> scan(root, list))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return derive(context, scanned.flatMap(List::iterator), options.rules(), lists.size());
    } finally {
      scanned.unpersist(false);
    }
  }

  private static List<ScannedInstance> scan(String root, List<FileEntry> files) {
    Path folder = Path.of(root);
    List<ScannedInstance> instances = new ArrayList<>(files.size());
    for (FileEntry file : files) {
      ScannedInstance instance = ScannedInstance.of(FileRows.scan(folder, file));
      if (instance != null) {
        instances.add(instance);
      }
    }
    return instances;
  }

  private static DerivedRows derive(JavaSparkContext context, JavaRDD<ScannedInstance> scanned,
      PhaseRules rules, int partitions) {
    // The smallest path of each SOP Instance UID that more than one file has.
    Map<String, String> firstOfShared = new HashMap<>(Groups.byKey(scanned
            .filter(file -> file.sopUid() != null)
            .mapToPair(file -> new Tuple2<>(file.sopUid(), file.path())), partitions)
        .filter(shared -> shared._2().size() > 1)
        .mapToPair(shared -> new Tuple2<>(shared._1(), Collections.min(shared._2())))
        .collectAsMap());
    Broadcast<Map<String, String>> first = context.broadcast(firstOfShared);
    Map<String, String> copies = new HashMap<>(scanned
        .filter(file -> isCopy(file, first.value()))
        .mapToPair(file -> new Tuple2<>(file.path(), first.value().get(file.sopUid())))
        .collectAsMap());
    JavaRDD<ScannedInstance> instances = scanned.filter(file -> !isCopy(file, first.value()));

    // Rows cross the shuffle in the index's own encoding: Java serialization of the row
    // objects cost more than deriving the series from them (measured).
    JavaRDD<Object[]> seriesRows = Groups.byKey(instances
        .mapToPair(file -> new Tuple2<>(file.seriesUid(), CODEC.encode(file.instance()))),
            partitions)
        .map(Derivation::series);
    List<StudyRows> studies = Groups.byKey(seriesRows.keyBy(row -> (String) row[STUDY_UID]),
            partitions)
        .map(study -> study(study._2(), rules))
        .collect();
    TreeMap<String, Object[]> series = new TreeMap<>(NULLS_FIRST);
    List<Object[]> studyRows = new ArrayList<>();
    for (StudyRows study : studies) {
      for (Object[] row : study.series()) {
        series.put((String) row[0], row);
      }
      studyRows.add(study.study());
    }
    List<Object[]> patients = DerivedTables.patients(series.values());

    List<ScannedInstance> sets = new ArrayList<>(instances
        .filter(file -> file.structureSet() != null).collect());
    sets.sort(Comparator.comparing((ScannedInstance set) -> set.sopUid(), NULLS_FIRST)
        .thenComparing(ScannedInstance::path));
    List<StructureSetFacts> facts = new ArrayList<>();
    Set<String> referenced = new HashSet<>();
    for (ScannedInstance set : sets) {
      StructureSetFacts decoded = StructureSetFacts.decode(set.structureSet());
      facts.add(decoded);
      for (StructureSetFacts.Roi roi : decoded.rois()) {
        referenced.addAll(roi.referencedSopUids());
      }
    }
    Broadcast<Set<String>> wanted = context.broadcast(referenced);
    Map<String, String> seriesOfSop = new HashMap<>(instances
        .filter(file -> file.seriesUid() != null && wanted.value().contains(file.sopUid()))
        .mapToPair(file -> new Tuple2<>(file.sopUid(), file.seriesUid()))
        .collectAsMap());
    List<Object[]> structureSets = new ArrayList<>();
    List<Object[]> rois = new ArrayList<>();
    for (int k = 0; k < sets.size(); k++) {
      Object[] instance = sets.get(k).instance();
      String rtssUid = sets.get(k).sopUid();
      structureSets.add(DerivedTables.structureSetRow(rtssUid, instance, facts.get(k)));
      for (StructureSetFacts.Roi roi : facts.get(k).rois()) {
        String[] link = DerivedTables.link(roi, facts.get(k), series, seriesOfSop);
        rois.add(DerivedTables.roiRow(rtssUid, instance, roi, link, series));
      }
    }
    first.destroy();
    wanted.destroy();
    return new DerivedRows(Map.copyOf(copies), List.copyOf(series.values()),
        List.copyOf(studyRows), List.copyOf(patients), List.copyOf(structureSets),
        List.copyOf(rois));
  }

  private static boolean isCopy(ScannedInstance file, Map<String, String> firstOfShared) {
    String first = file.sopUid() == null ? null : firstOfShared.get(file.sopUid());
    return first != null && !first.equals(file.path());
  }

  /** A series row from its instances, added in path order as the index adds them. */
  private static Object[] series(Tuple2<String, List<byte[]>> series) {
    List<Object[]> rows = new ArrayList<>(series._2().size());
    for (byte[] encoded : series._2()) {
      rows.add(CODEC.decode(encoded));
    }
    rows.sort(Comparator.comparing(row -> (String) row[PATH]));
    SeriesAccumulator accumulator = new SeriesAccumulator();
    rows.forEach(accumulator::add);
    return accumulator.row();
  }

  /**
   * The phases of one study's series, decided with the series in UID order as the index
   * orders them; then the study's row.
   */
  private static StudyRows study(List<Object[]> series, PhaseRules rules) {
    series.sort(Comparator.comparing(row -> (String) row[0], NULLS_FIRST));
    DerivedTables.decidePhases(series, rules);
    return new StudyRows(series, DerivedTables.studies(series).get(0));
  }
}
