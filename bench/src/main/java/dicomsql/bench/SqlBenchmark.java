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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same SQL on dicomsql and on DuckDB (in-process, loaded from a CSV export of our tables)
 * at the seed's full scale: each query prepared once and run until its time is steady; the
 * median time of a run (execute and read every row) is reported.
 */
final class SqlBenchmark {
  private static final List<String> TABLES = List.of("patients", "studies", "series",
      "instances", "structure_sets", "rois", "contours");

  private final int cases;
  private final int runs;
  private final Path root;

  SqlBenchmark(BenchOptions options) {
    this.cases = options.integer("cases", 2646);
    this.runs = options.integer("runs", 30);
    this.root = options.root();
  }

  void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Path data = BenchData.dataset(root, new SynthOptions(cases, 1, 64, 0, cores));
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
      Map<String, String> queries = queries(ours);
      System.out.printf(Locale.ROOT, "%s: %d cases; first query on a fresh connection to the "
          + "built index: %.0f ms%n%n", data.getFileName(), cases, first);
      System.out.println("| query | rows | dicomsql ms | DuckDB ms | dicomsql / DuckDB |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (Map.Entry<String, String> query : queries.entrySet()) {
        double[] oursTime = time(ours, query.getValue());
        double[] duckTime = time(duck, query.getValue());
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f× |%n", query.getKey(),
            (long) oursTime[1], oursTime[0], duckTime[0], oursTime[0] / duckTime[0]);
        if (oursTime[1] != duckTime[1]) {
          throw new IllegalStateException(query.getKey() + ": dicomsql gave " + oursTime[1]
              + " rows, DuckDB " + duckTime[1]);
        }
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

  private Map<String, String> queries(Connection ours) throws SQLException {
    String sop;
    try (Statement statement = ours.createStatement();
        ResultSet rows = statement.executeQuery("SELECT sop_uid FROM instances "
            + "WHERE path LIKE 'HCC_0" + String.format("%03d", Math.min(cases, 500) / 2)
            + "/%' LIMIT 1")) {
      rows.next();
      sop = rows.getString(1);
    }
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("point lookup by SOP UID", "SELECT * FROM instances WHERE sop_uid = '" + sop
        + "'");
    queries.put("rois WHERE phase = 'A'", "SELECT * FROM rois WHERE phase = 'A'");
    queries.put("series GROUP BY phase", "SELECT phase, COUNT(*) FROM series GROUP BY phase");
    queries.put("4-table join, arterial ROIs", "SELECT p.patient_name, st.study_date, "
        + "s.series_description, r.roi_name FROM patients p "
        + "JOIN studies st ON st.patient_id = p.patient_id "
        + "JOIN series s ON s.study_uid = st.study_uid "
        + "JOIN rois r ON r.referenced_series_uid = s.series_uid WHERE r.phase = 'A'");
    queries.put("range on study_date", "SELECT study_uid, study_date FROM studies "
        + "WHERE study_date BETWEEN DATE '2010-01-01' AND DATE '2011-12-31'");
    queries.put("instances GROUP BY modality (full scan)", "SELECT modality, COUNT(*) "
        + "FROM instances GROUP BY modality");
    queries.put("series of one study by UID join", "SELECT s.series_uid, s.phase "
        + "FROM studies st JOIN series s ON s.study_uid = st.study_uid "
        + "WHERE st.accession_number = (SELECT accession_number FROM studies "
        + "WHERE study_uid = (SELECT MIN(study_uid) FROM studies))");
    return queries;
  }

  /** Median milliseconds of a run, and the rows a run gives. */
  private double[] time(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      long rowCount = 0;
      double[] times = new double[runs];
      for (int warmup = 0; warmup < Math.max(5, runs / 3); warmup++) {
        rowCount = drain(statement);
      }
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        rowCount = drain(statement);
        times[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(times);
      return new double[] {times[runs / 2], rowCount};
    }
  }

  private static long drain(PreparedStatement statement) throws SQLException {
    long count = 0;
    try (ResultSet rows = statement.executeQuery()) {
      int width = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= width; i++) {
          rows.getObject(i);
        }
        count++;
      }
    }
    return count;
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
