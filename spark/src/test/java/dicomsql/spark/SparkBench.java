package dicomsql.spark;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark path against the embedded engine on one data root, single runs in one JVM
 * ({@code spark/bench DATA_DIR WORK_DIR [CORES,...]}): the embedded index build and
 * lesion-enhancement query, then, in local[N] for each N given (default 2,1), reading every header for {@code instances}, deriving
 * the series, and the lesion table from {@code roi_measurements}; the results are compared, each
 * step printed with the load average at its start and end, then the ratios to the embedded
 * peer measured in the same run and the speed-up from 1 to 2 cores. Not a test: run on demand.
 */
public final class SparkBench {
  private static final String LESIONS_SPARK = """
      SELECT p.patient_name AS case_name, r.rtss_uid, r.roi_number, r.roi_name,
             r.phase AS drawn_on,
             AVG(CASE WHEN m.phase = 'N' THEN m.hu_mean END) AS hu_n,
             AVG(CASE WHEN m.phase = 'A' THEN m.hu_mean END) AS hu_a,
             AVG(CASE WHEN m.phase = 'P' THEN m.hu_mean END) AS hu_p,
             AVG(CASE WHEN m.phase = 'D' THEN m.hu_mean END) AS hu_d
      FROM dicom.rois r
      JOIN dicom.patients p ON p.patient_id = r.patient_id
      LEFT JOIN dicom.roi_measurements m
        ON m.rtss_uid = r.rtss_uid AND m.roi_number = r.roi_number
      GROUP BY p.patient_name, r.rtss_uid, r.roi_number, r.roi_name, r.phase""";

  private SparkBench() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createDirectories(Path.of(args[1]));
    Path index = work.resolve("index");
    // A build, not a refresh of the last run's index: each run starts from no index.
    deleteTree(index);
    Step build = new Step("embedded index build (2 threads)");
    long files;
    try (DicomIndex built = DicomIndex.open(data, IndexOptions.defaults().withFolder(index)
        .withThreads(2))) {
      files = built.table("instances").size() + built.table("scan_errors").size();
    }
    build.done(files);
    Step lesionQuery = new Step("embedded lesion-enhancement.sql (index built)");
    List<List<Object>> lesionsEmbedded = embeddedLesions(data, index);
    lesionQuery.done(-1);

    Map<Integer, Step[]> spark = new LinkedHashMap<>();
    boolean equal = true;
    for (String count : (args.length > 2 ? args[2] : "2,1").split(",")) {
      int cores = Integer.parseInt(count.strip());
      SparkSession session = SparkSession.builder().master("local[" + cores + "]")
          .appName("dicomsql bench").config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", Integer.toString(4 * cores))
          .config("spark.sql.catalog.dicom", DicomCatalog.class.getName())
          .config("spark.sql.catalog.dicom.path", data.toString())
          // Nothing rewrites the folder during the bench: one walk serves each session's steps.
          .config("spark.sql.catalog.dicom.listing", "reuse")
          .getOrCreate();
      try {
        // Spark's first query pays for starting its planner, which is not the reader's cost.
        session.range(1000).selectExpr("sum(id)").collect();
        String local = "spark local[" + cores + "] ";
        Step read = new Step(local + "instances, every header read");
        long instances = session.sql(
            "SELECT sop_uid FROM dicom.instances WHERE sop_uid IS NOT NULL").count();
        read.done(files);
        Step derive = new Step(local + "series (derivation job)");
        long series = session.sql("SELECT * FROM dicom.series").count();
        derive.done(files);
        Step measure = new Step(local + "lesion table (roi_measurements job)");
        List<List<Object>> lesions = LocalSpark.rows(session.sql(LESIONS_SPARK));
        measure.done(files);
        boolean same = lesions.equals(lesionsEmbedded);
        equal &= same;
        System.out.printf(Locale.ROOT, "  %d instances, %d series; lesion rows %s the "
            + "embedded query's (%d rows)%n", instances, series,
            same ? "equal" : "DIFFER from", lesions.size());
        spark.put(cores, new Step[] {read, derive, measure});
      } finally {
        session.stop();
      }
    }
    System.out.println("ratios:");
    spark.forEach((cores, steps) -> {
      String local = "  local[" + cores + "] ";
      ratio(local + "header read files/s / index build files/s", build.seconds
          / steps[0].seconds);
      ratio(local + "derivation time / index build time", steps[1].seconds / build.seconds);
      ratio(local + "lesion table time / embedded lesion query time", steps[2].seconds
          / lesionQuery.seconds);
    });
    if (spark.containsKey(1) && spark.containsKey(2)) {
      String[] names = {"header read", "derivation", "lesion table"};
      for (int k = 0; k < names.length; k++) {
        ratio("  local[2] speed-up over local[1], " + names[k], spark.get(1)[k].seconds
            / spark.get(2)[k].seconds);
      }
    }
    System.out.println(equal ? "results: equal in every run" : "results: DIFFER");
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static void ratio(String what, double value) {
    System.out.printf(Locale.ROOT, "%-66s %6.2fx%n", what, value);
  }

  /** A timed step, printed with the load average at its start and end. */
  private static final class Step {
    private final String what;
    private final String loadBefore = load();
    private final long start = System.nanoTime();
    private double seconds;

    Step(String what) {
      this.what = what;
    }

    void done(long files) {
      seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%-60s %8.1f s%s  (load %s -> %s)%n", what, seconds,
          files < 0 ? "" : String.format(Locale.ROOT, " %9.0f files/s", files / seconds),
          loadBefore, load());
    }

    /** The one-minute load average, from /proc/loadavg where there is one. */
    private static String load() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      } catch (IOException e) {
        return "?";
      }
    }
  }

  /** The cookbook's query, its rows (case, ROI, drawn-on phase and the four means) sorted. */
  private static List<List<Object>> embeddedLesions(Path data, Path index)
      throws SQLException, IOException {
    String sql = Files.readString(Path.of("examples/src/main/resources/queries/"
        + "lesion-enhancement.sql"));
    sql = sql.substring(0, sql.lastIndexOf(';'));
    List<List<Object>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + index); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (String column : List.of("case_name", "rtss_uid", "roi_number", "roi_name",
            "drawn_on", "hu_n", "hu_a", "hu_p", "hu_d")) {
          row.add(result.getObject(column));
        }
        rows.add(row);
      }
    }
    return LocalSpark.sorted(rows);
  }
}
