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
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark path against the embedded engine on one data root, single runs in one JVM
 * ({@code spark/bench DATA_DIR WORK_DIR [CORES,...]}): the embedded index build and
 * lesion-enhancement query, then, in local[N] for each N given (default 2,1), reading every header for {@code instances}, deriving
 * the series, and the lesion table from {@code roi_measurements}; the results are compared.
 * Not a test: run on demand.
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
    long start = System.nanoTime();
    long files;
    try (DicomIndex built = DicomIndex.open(data, IndexOptions.defaults().withFolder(index)
        .withThreads(2))) {
      files = built.table("instances").size() + built.table("scan_errors").size();
    }
    double build = seconds(start);
    report("embedded index build (2 threads)", build, files);
    start = System.nanoTime();
    List<List<Object>> lesionsEmbedded = embeddedLesions(data, index);
    report("embedded lesion-enhancement.sql (index built)", seconds(start), -1);

    for (String count : (args.length > 2 ? args[2] : "2,1").split(",")) {
      int cores = Integer.parseInt(count.strip());
      SparkSession spark = SparkSession.builder().master("local[" + cores + "]")
          .appName("dicomsql bench").config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", Integer.toString(4 * cores))
          .config("spark.sql.catalog.dicom", DicomCatalog.class.getName())
          .config("spark.sql.catalog.dicom.path", data.toString())
          .getOrCreate();
      try {
        // Spark's first query pays for starting its planner, which is not the reader's cost.
        spark.range(1000).selectExpr("sum(id)").collect();
        start = System.nanoTime();
        long instances = spark.sql("SELECT sop_uid FROM dicom.instances WHERE sop_uid IS NOT NULL")
            .count();
        report("spark local[" + cores + "] instances, every header read", seconds(start), files);
        start = System.nanoTime();
        long series = spark.sql("SELECT * FROM dicom.series").count();
        report("spark local[" + cores + "] series (derivation job)", seconds(start), files);
        start = System.nanoTime();
        List<List<Object>> lesions = LocalSpark.rows(spark.sql(LESIONS_SPARK));
        report("spark local[" + cores + "] lesion table (roi_measurements job)", seconds(start),
            files);
        System.out.printf(Locale.ROOT, "  %d instances, %d series; lesion rows %s the "
            + "embedded query's (%d rows)%n", instances, series,
            lesions.equals(lesionsEmbedded) ? "equal" : "DIFFER from", lesions.size());
      } finally {
        spark.stop();
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

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void report(String what, double seconds, long files) {
    System.out.printf(Locale.ROOT, "%-60s %8.1f s%s%n", what, seconds,
        files < 0 ? "" : String.format(Locale.ROOT, " %9.0f files/s", files / seconds));
  }
}
