package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users of PostgreSQL (psql, BI tools) expect of names and functions. */
class PostgresHabitsTest {
  @TempDir
  static Path tmp;
  private static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    connection = SmallDataset.connect(tmp);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static List<String> labels(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      labels.add(meta.getColumnLabel(i));
    }
    return labels;
  }

  @Test
  void unnamedColumnsAreNamedAsPostgresqlNamesThem() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*), AVG(roi_number), "
            + "ROUND(MAX(point_count) / 2.0, 1), CAST(roi_number AS DOUBLE), "
            + "CAST(1 + 1 AS INTEGER), roi_volume_cc(rtss_uid, roi_number), "
            + "CASE WHEN roi_number > 1 THEN 'x' END, 1 + 1, roi_name, roi_name AS n "
            + "FROM rois GROUP BY rtss_uid, roi_number, roi_name ORDER BY 1")) {
      assertThat(labels(rows)).containsExactly("count", "avg", "round", "roi_number", "integer",
          "roi_volume_cc", "case", "?column?", "roi_name", "n");
    }
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT MIN(roi_number) FROM rois WHERE roi_number > ? UNION ALL SELECT 1");
        ResultSet rows = prepared(statement)) {
      assertThat(labels(rows)).containsExactly("min");
      assertThat(rows.getStatement()).isSameAs(statement);
    }
  }

  private static ResultSet prepared(PreparedStatement statement) throws SQLException {
    statement.setInt(1, 0);
    return statement.executeQuery();
  }

  @Test
  void ilikeAndStringAggWork() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT STRING_AGG(roi_name, ',') AS names, "
            + "COUNT(*) AS n FROM rois WHERE roi_name ILIKE 'hcc%'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong("n")).isPositive();
      assertThat(rows.getString("names").split(",")).hasSize((int) rows.getLong("n"));
    }
  }

  @Test
  void anAverageOfIntegersIsAFractionAndTheirSumABigint() throws SQLException {
    long sum = 0;
    long count = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT instance_number FROM instances")) {
      while (rows.next()) {
        sum += rows.getInt(1);
        count++;
      }
    }
    double mean = (double) sum / count;
    assertThat(mean).isNotEqualTo(Math.floor(mean));
    // Answered from the index's columns, and by Calcite's own aggregate over an expression.
    for (String sql : List.of("SELECT AVG(instance_number), SUM(instance_number) FROM instances",
        "SELECT AVG(instance_number + 0), SUM(instance_number + 0) FROM instances")) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        assertThat(rows.getMetaData().getColumnType(1)).as(sql).isEqualTo(java.sql.Types.DOUBLE);
        assertThat(rows.getMetaData().getColumnType(2)).as(sql).isEqualTo(java.sql.Types.BIGINT);
        assertThat(rows.next()).isTrue();
        assertThat(rows.getDouble(1)).as(sql).isEqualTo(mean);
        assertThat(rows.getLong(2)).as(sql).isEqualTo(sum);
      }
    }
  }
}
