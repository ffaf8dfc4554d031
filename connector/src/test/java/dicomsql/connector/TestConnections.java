package dicomsql.connector;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;

/** Generated data and Calcite connections over it, as the JDBC driver makes them. */
final class TestConnections {
  private TestConnections() {}

  static Path generate(Path data, int patients, long seed) throws IOException {
    return generate(data, patients, seed, 6);
  }

  /** With {@code slices} images per phase. */
  static Path generate(Path data, int patients, long seed, int slices) throws IOException {
    new DatasetGenerator(new SynthOptions(patients, seed, 32, slices, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    return data;
  }

  /**
   * A connection with the dicom schema over {@code data}, pushing aggregates and sorts or not,
   * that checks each query's plan against Calcite's default planner's
   * ({@link PlansComparedWithCalcites}).
   */
  static Connection connect(Path data, Path index, boolean pushdown) throws SQLException {
    return connect(data, index, pushdown, PlansComparedWithCalcites::new);
  }

  /** The same, with statements prepared by {@code preparation}. */
  static Connection connect(Path data, Path index, boolean pushdown,
      Supplier<CalcitePrepare> preparation) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("quoting", "DOUBLE_QUOTE");
    properties.setProperty("unquotedCasing", "UNCHANGED");
    properties.setProperty("quotedCasing", "UNCHANGED");
    properties.setProperty("caseSensitive", "false");
    properties.setProperty("conformance", "LENIENT");
    properties.setProperty("typeSystem", DicomTypeSystem.class.getName() + "#INSTANCE");
    properties.setProperty("materializationsEnabled", "false");
    Connection connection = new Driver().withPrepareFactory(preparation)
        .connect("jdbc:calcite:", properties);
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    calcite.getRootSchema().add("dicom", new DicomSchema(data,
        IndexOptions.defaults().withFolder(index), pushdown,
        new RasterCaches(RasterCaches.defaultBudget())));
    calcite.setSchema("dicom");
    return connection;
  }

  /** Every row of a query, values as JDBC gives them. */
  static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return rows(statement.executeQuery(sql));
    }
  }

  /** Every row of a result, which this closes. */
  static List<List<Object>> rows(ResultSet result) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (result) {
      int width = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * Rows as alike (0) when their doubles differ by at most a relative 1e-12 and all else is
   * equal: pushed sums of doubles are compensated, Calcite's own are summed in row order. Only
   * fit for telling alike from not.
   */
  static final Comparator<List<Object>> ALIKE = (a, b) -> alike(a, b) ? 0 : 1;

  private static boolean alike(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof Double x && b.get(i) instanceof Double y) {
        if (!x.equals(y) && !(Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y)))) {
          return false;
        }
      } else if (!Objects.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The plan of a query, as EXPLAIN PLAN FOR gives it. */
  static String explain(Connection connection, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    for (List<Object> row : rows(connection, "EXPLAIN PLAN FOR " + sql)) {
      plan.append(row.get(0)).append('\n');
    }
    return plan.toString();
  }
}
