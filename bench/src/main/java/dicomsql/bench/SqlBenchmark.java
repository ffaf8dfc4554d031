package dicomsql.bench;

import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same SQL on dicomsql and on DuckDB (in-process, loaded from a CSV export of our tables)
 * at the seed's full scale (or over {@code --data DIR}): each query sent as text (planned each
 * time, as a shell or BI tool sends it) and prepared once, run once to warm up and then
 * {@code --runs} times; the median time of a run (execute and read every row) is reported, and
 * the two engines' rows are checked equal.
 */
final class SqlBenchmark {
  private static final List<String> TABLES = List.of("patients", "studies", "series",
      "instances", "structure_sets", "rois", "contours", "contour_points");

  /**
   * A query of the suite; {@code compared} are the columns (0-based) whose values both engines
   * must give alike, the rest being open where a LIMIT cuts rows of equal sort values.
   */
  private record Query(String name, String sql, int... compared) {}

  private final int cases;
  private final int runs;
  private final Path root;
  private final Path data;

  SqlBenchmark(BenchOptions options) {
    this.cases = options.integer("cases", 2646);
    this.runs = options.integer("runs", 5);
    this.root = options.root();
    this.data = options.path("data");
  }

  void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Path data = this.data != null ? this.data
        : BenchData.dataset(root, new SynthOptions(cases, 1, 64, 0, cores));
    Path index = root.resolve("index-" + data.getFileName());
    String url = "jdbc:dicom:" + data + ";index=" + index;
    try (Connection warm = DriverManager.getConnection(url);
        Statement statement = warm.createStatement()) {
      statement.executeQuery("SELECT COUNT(*) FROM instances").close();
    }
    double first = firstQuery(url);
    Path csv = root.resolve("csv-" + data.getFileName());
    try (Connection ours = DriverManager.getConnection(url);
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      load(ours, duck, csv);
      List<Query> queries = queries(ours);
      System.out.printf(Locale.ROOT, "%s: first query on a fresh connection to the built index: "
          + "%.0f ms; medians of %d runs after one warm-up%n%n", data.getFileName(), first,
          runs);
      System.out.println("| query | rows | dicomsql text ms | DuckDB text ms | text ratio "
          + "| dicomsql prepared ms | DuckDB prepared ms | prepared ratio |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      for (Query query : queries) {
        Timed oursText = timeText(ours, query.sql());
        Timed duckText = timeText(duck, query.sql());
        Timed oursPrepared = timePrepared(ours, query.sql());
        Timed duckPrepared = timePrepared(duck, query.sql());
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f× | %.2f | %.2f | %.2f× |%n",
            query.name(), oursText.rows().size(), oursText.millis(), duckText.millis(),
            oursText.millis() / duckText.millis(), oursPrepared.millis(),
            duckPrepared.millis(), oursPrepared.millis() / duckPrepared.millis());
        checkEqual(query, oursText.rows(), duckText.rows());
        checkEqual(query, oursPrepared.rows(), duckText.rows());
      }
    }
  }

  private static double firstQuery(String url) throws SQLException {
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT roi_name, phase FROM rois "
            + "WHERE phase = 'A'")) {
      while (rows.next()) {
        rows.getString(1);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private List<Query> queries(Connection ours) throws SQLException {
    String sop;
    try (Statement statement = ours.createStatement();
        ResultSet rows = statement.executeQuery("SELECT sop_uid FROM instances "
            + "WHERE path LIKE 'HCC_0" + String.format("%03d", Math.min(cases, 500) / 2)
            + "/%' LIMIT 1")) {
      rows.next();
      sop = rows.getString(1);
    }
    return List.of(
        new Query("COUNT(*) FROM instances", "SELECT COUNT(*) FROM instances"),
        new Query("point lookup by SOP UID", "SELECT * FROM instances WHERE sop_uid = '"
            + sop + "'"),
        new Query("path ORDER BY path LIMIT 3",
            "SELECT path FROM instances ORDER BY path LIMIT 3"),
        // Explicit NULLS LAST: Calcite puts nulls first in a descending sort, DuckDB last.
        new Query("ORDER BY position_z DESC LIMIT 3", "SELECT path, position_z FROM instances "
            + "ORDER BY position_z DESC NULLS LAST LIMIT 3", 1),
        new Query("AVG(slice_thickness), MAX(rows) FROM instances",
            "SELECT AVG(slice_thickness), MAX(\"rows\") FROM instances"),
        new Query("COUNT(*) FROM contour_points", "SELECT COUNT(*) FROM contour_points"),
        new Query("AVG(x), MIN(y), MAX(z) FROM contour_points",
            "SELECT AVG(x), MIN(y), MAX(z) FROM contour_points"),
        // The cast: Calcite's AVG of integers is an integer, DuckDB's a double.
        new Query("series GROUP BY phase, AVG(instance_count)",
            "SELECT phase, AVG(CAST(instance_count AS DOUBLE)) FROM series GROUP BY phase"),
        new Query("rois WHERE phase = 'A'", "SELECT * FROM rois WHERE phase = 'A'"),
        new Query("patients ⋈ series, HAVING COUNT(DISTINCT phase) = 4",
            "SELECT p.patient_id FROM patients p JOIN series s ON s.patient_id = p.patient_id "
            + "GROUP BY p.patient_id HAVING COUNT(DISTINCT s.phase) = 4"),
        new Query("instances ⋈ series WHERE phase = 'A', COUNT(*)",
            "SELECT COUNT(*) FROM instances i JOIN series s ON i.series_uid = s.series_uid "
            + "WHERE s.phase = 'A'"),
        new Query("rois ⋈ contour_points GROUP BY roi_name",
            "SELECT r.roi_name, COUNT(*) FROM rois r JOIN contour_points c "
            + "ON c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number GROUP BY r.roi_name"),
        new Query("instances GROUP BY modality, transfer syntax, SUM(file_size)",
            "SELECT modality, transfer_syntax_uid, SUM(file_size) FROM instances "
            + "GROUP BY modality, transfer_syntax_uid"),
        new Query("4-table join, arterial ROIs", "SELECT p.patient_name, st.study_date, "
            + "s.series_description, r.roi_name FROM patients p "
            + "JOIN studies st ON st.patient_id = p.patient_id "
            + "JOIN series s ON s.study_uid = st.study_uid "
            + "JOIN rois r ON r.referenced_series_uid = s.series_uid WHERE r.phase = 'A'"),
        new Query("range on study_date", "SELECT study_uid, study_date FROM studies "
            + "WHERE study_date BETWEEN DATE '2010-01-01' AND DATE '2011-12-31'"),
        new Query("series of one study by UID join", "SELECT s.series_uid, s.phase "
            + "FROM studies st JOIN series s ON s.study_uid = st.study_uid "
            + "WHERE st.accession_number = (SELECT accession_number FROM studies "
            + "WHERE study_uid = (SELECT MIN(study_uid) FROM studies))"),
        // Shapes a researcher sends that the ones above do not cover.
        new Query("studies since 2012 GROUP BY series_count (not indexed)",
            "SELECT series_count, COUNT(*), AVG(CAST(instance_count AS DOUBLE)) FROM studies "
            + "WHERE study_date >= DATE '2012-01-01' GROUP BY series_count"),
        new Query("CT instances GROUP BY instance_number, AVG(position_z)",
            "SELECT instance_number, COUNT(*), AVG(position_z) FROM instances "
            + "WHERE modality = 'CT' GROUP BY instance_number"),
        // Many files share a size: only the sizes are compared.
        new Query("ORDER BY file_size (not indexed) DESC LIMIT 10",
            "SELECT path, file_size FROM instances ORDER BY file_size DESC LIMIT 10", 1),
        new Query("COUNT(DISTINCT series_uid) of CT instances",
            "SELECT COUNT(DISTINCT series_uid) FROM instances WHERE modality = 'CT'"),
        new Query("series LEFT JOIN rois, arterial series",
            "SELECT s.series_uid, r.roi_name FROM series s LEFT JOIN rois r "
            + "ON r.referenced_series_uid = s.series_uid WHERE s.phase = 'A'"),
        new Query("series WHERE z_max BETWEEN 100 AND 120 (not indexed)",
            "SELECT series_uid, z_min, z_max FROM series WHERE z_max BETWEEN 100 AND 120"),
        new Query("SELECT * FROM series WHERE series_description LIKE '%ART%'",
            "SELECT * FROM series WHERE series_description LIKE '%ART%'"),
        new Query("contour_points GROUP BY rtss_uid, roi_number, MIN(z), MAX(z)",
            "SELECT rtss_uid, roi_number, COUNT(*), MIN(z), MAX(z) FROM contour_points "
            + "GROUP BY rtss_uid, roi_number"),
        new Query("instances GROUP BY image_type, SUM(file_size)",
            "SELECT image_type, COUNT(*), SUM(file_size) FROM instances GROUP BY image_type"),
        new Query("instances GROUP BY series_uid, MAX(instance_number)",
            "SELECT series_uid, COUNT(*), MAX(instance_number) FROM instances "
            + "GROUP BY series_uid"),
        new Query("CT instances ORDER BY file_size, path LIMIT 5",
            "SELECT path, file_size FROM instances WHERE modality = 'CT' "
            + "ORDER BY file_size, path LIMIT 5"),
        new Query("rois JOIN contour_points GROUP BY roi_name, AVG(z)",
            "SELECT r.roi_name, COUNT(*), AVG(p.z) FROM rois r JOIN contour_points p "
            + "ON p.rtss_uid = r.rtss_uid AND p.roi_number = r.roi_number "
            + "GROUP BY r.roi_name"));
  }

  /** The median milliseconds of a run, and the rows of the last. */
  private record Timed(double millis, List<String> rows) {}

  /** Each run sends the text, as a shell does. */
  private Timed timeText(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return time(() -> statement.executeQuery(sql));
    }
  }

  private Timed timePrepared(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      return time(statement::executeQuery);
    }
  }

  private interface Execution {
    ResultSet run() throws SQLException;
  }

  private Timed time(Execution execution) throws SQLException {
    List<String> rows = drain(execution.run());
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      rows = drain(execution.run());
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    return new Timed(times[runs / 2], rows);
  }

  /** Every row as a line of its values (fractions to 9 significant digits, times hh:mm:ss). */
  private static List<String> drain(ResultSet result) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (result) {
      int width = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          Object value = result.getObject(i);
          // DuckDB gives times as LocalTime, whose text drops seconds that are zero.
          values.add(value instanceof Double || value instanceof Float
              || value instanceof java.math.BigDecimal ? String.format(Locale.ROOT, "%.9g",
                  ((Number) value).doubleValue())
              : value instanceof LocalTime time ? time.format(DateTimeFormatter.ISO_LOCAL_TIME)
              : String.valueOf(value));
        }
        rows.add(String.join("\t", values));
      }
    }
    return rows;
  }

  /** Both engines' rows alike, in any order, in the compared columns (all when none named). */
  private static void checkEqual(Query query, List<String> ours, List<String> theirs) {
    List<String> a = comparable(query, ours);
    List<String> b = comparable(query, theirs);
    if (!a.equals(b)) {
      throw new IllegalStateException(query.name() + ": dicomsql gave " + a + ", DuckDB " + b);
    }
  }

  private static List<String> comparable(Query query, List<String> rows) {
    List<String> kept = new ArrayList<>();
    for (String row : rows) {
      if (query.compared().length == 0) {
        kept.add(row);
      } else {
        String[] values = row.split("\t", -1);
        List<String> picked = new ArrayList<>();
        for (int column : query.compared()) {
          picked.add(values[column]);
        }
        kept.add(String.join("\t", picked));
      }
    }
    kept.sort(null);
    return kept;
  }

  /** Exports our tables to CSV and loads them into DuckDB. */
  private static void load(Connection ours, Connection duck, Path folder)
      throws SQLException, IOException {
    Files.createDirectories(folder);
    for (String table : TABLES) {
      Path file = folder.resolve(table + ".csv");
      List<String> types = new ArrayList<>();
      List<String> names = new ArrayList<>();
      try (Statement statement = ours.createStatement();
          ResultSet rows = statement.executeQuery("SELECT * FROM " + table);
          Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        ResultSetMetaData meta = rows.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          names.add(meta.getColumnLabel(i));
          types.add(duckType(meta.getColumnType(i)));
        }
        out.write(String.join(",", names));
        out.write('\n');
        while (rows.next()) {
          for (int i = 1; i <= names.size(); i++) {
            if (i > 1) {
              out.write(',');
            }
            String value = rows.getString(i);
            out.write(value == null ? "\\N" : "\"" + value.replace("\"", "\"\"") + "\"");
          }
          out.write('\n');
        }
      }
      StringBuilder columns = new StringBuilder();
      for (int i = 0; i < names.size(); i++) {
        columns.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append("': '")
            .append(types.get(i)).append('\'');
      }
      try (Statement statement = duck.createStatement()) {
        statement.execute("CREATE TABLE " + table + " AS SELECT * FROM read_csv('" + file
            + "', header = true, nullstr = '\\N', columns = {" + columns + "})");
      }
    }
  }

  private static String duckType(int sqlType) {
    return switch (sqlType) {
      case java.sql.Types.INTEGER -> "INTEGER";
      case java.sql.Types.BIGINT -> "BIGINT";
      case java.sql.Types.DOUBLE -> "DOUBLE";
      case java.sql.Types.DATE -> "DATE";
      case java.sql.Types.TIME -> "TIME";
      default -> "VARCHAR";
    };
  }
}
