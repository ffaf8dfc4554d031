package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.jdbc.CalciteConnection;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a JDBC program sees when a statement goes wrong, is cancelled or runs out of time. */
class StatementErrorsTest {
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

  private static AbstractThrowableAssert<?, ? extends Throwable> failure(String sql, String state) {
    return assertThatThrownBy(() -> {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          rows.getObject(1);
        }
      }
    }).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(state));
  }

  @Test
  void errorsCarryTheStandardSqlStateOfTheirKind() {
    failure("SELECT * FROM roiz", "42P01");
    failure("SELECT roi_nme FROM rois", "42703");
    failure("SELECT nothing_like_this(1)", "42883");
    failure("SELECT * FORM rois", "42601");
    failure("SELECT 1 / (roi_number - roi_number) FROM rois", "22012")
        .hasMessage("division by zero");
    failure("SELECT * FROM rois WHERE roi_number = '1x'", "22018")
        .hasMessage("'1x' is not a number");
  }

  @Test
  void hintsNameWhatWasMeant() {
    failure("SELECT bogus FROM rois", "42703")
        .hasMessage("line 1, column 8: column 'bogus' not found");
    failure("SELECT * FROM rois WHERE roi_name = \"HCCP\"", "42703")
        .hasMessage("line 1, column 37: column 'HCCP' not found (text needs single quotes: "
            + "'HCCP')");
    failure("SELECT series_description FROM rois", "42703")
        .hasMessage("line 1, column 8: column 'series_description' not found in the query's "
            + "tables; it is a column of series");
    failure("SELECT roi_volume_cc(rtss_uid) FROM rois", "42883")
        .hasMessage("line 1, column 8: wrong arguments for roi_volume_cc(rtss_uid, roi_number) "
            + "DOUBLE, given roi_volume_cc(<CHARACTER>)");
    failure("SHOW TABLES", "0A000").hasMessageStartingWith("SHOW statements are not supported");
    failure("show columns from rois", "0A000")
        .hasMessageStartingWith("SHOW statements are not supported");
    failure("SELECT show FROM rois", "42703").hasMessage("line 1, column 8: column 'show' not found");
    failure("SELECT NOW()", "42883").satisfies(e -> assertThat(e.getMessage())
        .doesNotContain("'new'"));
  }

  @Test
  void functionsOfOtherDialectsSayHowTheyAreWrittenHere() {
    failure("SELECT now()", "42883").hasMessage("line 1, column 8: No match found for function "
        + "signature now(); here it is written CURRENT_TIMESTAMP");
    failure("SELECT datetime('now')", "42883")
        .hasMessageEndingWith("; here it is written CURRENT_TIMESTAMP for datetime('now'), "
            + "CAST(x AS TIMESTAMP) otherwise");
    failure("SELECT len(roi_name) FROM rois", "42883")
        .hasMessageEndingWith("; here it is written CHAR_LENGTH(x)");
    failure("SELECT IFNULL(roi_name, '') FROM rois", "42883")
        .hasMessageEndingWith("; here it is written COALESCE(x, y)");
    failure("SELECT strftime('%Y', CURRENT_DATE)", "42883")
        .hasMessageEndingWith("; here it is written TO_CHAR(x, 'YYYY-MM-DD HH24:MI:SS')");
  }

  /** Each spelling the hints give runs as written. */
  @Test
  void theSpellingsTheHintsGiveRun() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT CURRENT_TIMESTAMP, CURRENT_DATE, "
            + "CAST('2020-01-02' AS DATE), TO_CHAR(DATE '2020-01-02', 'YYYY-MM-DD HH24:MI:SS'), "
            + "TIMESTAMPDIFF(DAY, DATE '2020-01-01', DATE '2020-01-03'), "
            + "DATE '2020-01-01' + INTERVAL '1' DAY, TIMESTAMPADD(DAY, 2, DATE '2020-01-01'), "
            + "CHAR_LENGTH('abc'), COALESCE(NULL, 1), CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END, "
            + "STRPOS('abc', 'b'), POSITION('b' IN 'abc'), LOWER('A'), UPPER('a'), "
            + "(SELECT STRING_AGG(roi_name, ',') FROM rois WHERE roi_name IS NULL)")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(4)).isEqualTo("2020-01-02 00:00:00");
      assertThat(rows.getInt(5)).isEqualTo(2);
      assertThat(rows.getString(6)).isEqualTo("2020-01-02");
      assertThat(rows.getString(7)).isEqualTo("2020-01-03");
      assertThat(rows.getInt(8)).isEqualTo(3);
      assertThat(rows.getInt(11)).isEqualTo(2);
      assertThat(rows.getInt(12)).isEqualTo(2);
    }
  }

  @Test
  void dicomKeywordsAndTheirSnakeCaseSpellingsPointToOurColumns() {
    failure("SELECT sop_instance_uid FROM instances", "42703")
        .hasMessage("line 1, column 8: column 'sop_instance_uid' not found (did you mean "
            + "'sop_uid'?)");
    failure("SELECT SOPInstanceUID FROM instances", "42703")
        .hasMessageEndingWith("not found (did you mean 'sop_uid'?)");
    failure("SELECT SeriesInstanceUID FROM series", "42703")
        .hasMessageEndingWith("not found (did you mean 'series_uid'?)");
    failure("SELECT PatientID FROM patients", "42703")
        .hasMessageEndingWith("not found (did you mean 'patient_id'?)");
    failure("SELECT SliceThickness FROM series", "42703")
        .hasMessageEndingWith("not found (did you mean 'slice_thickness'?)");
    failure("SELECT ImagePositionPatient FROM instances", "42703")
        .hasMessageEndingWith("not found (did you mean 'position_x', 'position_y' or "
            + "'position_z'?)");
    failure("SELECT ROIDisplayColor FROM rois", "42703")
        .hasMessageEndingWith("not found (did you mean 'color'?)");
  }

  @Test
  void errorsAreKnownByTheirCalciteResourceAndTypeNotTheirWording() {
    failure("SELECT x.roi_name FROM rois r", "42P01")
        .hasMessage("line 1, column 8: table 'x' not found");
    failure("SELECT * FORM rois", "42601")
        .hasMessage("line 1, column 15: syntax error at or near \"rois\"");
    failure("SELECT * FROM rois WHERE", "42601")
        .hasMessage("line 1, column 20: syntax error at or near \"WHERE\"");
    failure("SELECT # FROM rois", "42601")
        .hasMessage("line 1, column 8: syntax error at or near \"#\"");
    failure("SELECT roi_name, COUNT(*) FROM rois", "42803")
        .hasMessage("line 1, column 8: Expression 'roi_name' is not being grouped");
    failure("SELECT roi_name FROM rois WHERE roi_name SIMILAR TO '[\\'", "2201B");
    failure("SELECT (SELECT roi_name FROM rois)", "21000")
        .hasMessage("more than one row returned by a subquery used as a value");
  }

  @Test
  void positionsAreThoseOfTheTypedTextAroundAnUnquotedRows() {
    failure("SELECT rows, bogus FROM series", "42703")
        .hasMessage("line 1, column 14: column 'bogus' not found");
    failure("SELECT rows FROM series WHERE rows > 1 FETCH FIRST ROWS ONLY", "42601")
        .hasMessage("line 1, column 52: syntax error at or near \"ROWS\"");
  }

  @Test
  void whatCalciteCannotRunIsUnsupportedAndWritesAreRefusedAsReadOnly() {
    failure("SELECT * FROM TABLE(roi_slices((SELECT MIN(rtss_uid) FROM rois), 1))", "0A000")
        .hasMessageStartingWith("a table function's arguments cannot be subqueries");
    failure("SELECT roi_name, RANK() OVER (PARTITION BY rtss_uid ORDER BY (SELECT 1)) "
        + "FROM rois", "0A000").hasMessageStartingWith("this query cannot be run as written");
    failure("INSERT INTO rois (roi_name) VALUES ('x')", "25006")
        .hasMessage("INSERT is not supported: the data is read-only");
    failure("DELETE FROM rois", "25006")
        .hasMessage("DELETE is not supported: the data is read-only");
    failure("CREATE TABLE t (x INT)", "25006")
        .hasMessage("CREATE TABLE is not supported: the data is read-only");
  }

  @Test
  void aParameterOfTheWrongTypeIsNamedInWords() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT roi_name FROM rois WHERE roi_number = ?")) {
      statement.setString(1, "1");
      assertThatThrownBy(() -> {
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
        }
      }).isInstanceOf(SQLException.class).hasMessageStartingWith("a value of type String where a "
          + "Number is needed").satisfies(e -> assertThat(((SQLException) e).getSQLState())
          .startsWith("22"));
    }
  }

  @Test
  void aQueryTimeoutStopsTheQueryAndTheStatementRunsAgain() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      assertThat(statement.getQueryTimeout()).isEqualTo(1);
      assertThatThrownBy(() -> {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM contour_points a, "
            + "contour_points b, contour_points c, contour_points d, contour_points e")) {
          rows.next();
        }
      }).isInstanceOf(SQLException.class)
          .hasMessage("the query timed out after 1 s (setQueryTimeout)")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      try (ResultSet rows = statement.executeQuery("SELECT 42")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(42);
        assertThat(rows.getStatement()).isSameAs(statement);
      }
    }
  }

  @Test
  void aNegativeTimeoutIsAnInvalidParameter() throws SQLException {
    try (Statement statement = connection.createStatement();
        PreparedStatement prepared = connection.prepareStatement("SELECT 1")) {
      for (Statement timed : List.of(statement, prepared)) {
        timed.setQueryTimeout(3);
        assertThatThrownBy(() -> timed.setQueryTimeout(-1)).isInstanceOf(SQLException.class)
            .hasMessage("the query timeout must be 0 (none) or more seconds, not -1")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        assertThat(timed.getQueryTimeout()).isEqualTo(3);
      }
    }
  }

  /**
   * The timeout counts the time the driver works on the query, not the time the caller holds
   * the result set between reads: reading slowly for longer than the timeout is no error.
   */
  @Test
  void aCallerReadingSlowlyIsNotTimedOut() throws Exception {
    String sql = "SELECT sop_uid FROM instances WHERE rows > ?";
    try (PreparedStatement prepared = connection.prepareStatement(sql);
        Statement statement = connection.createStatement()) {
      prepared.setInt(1, 0);
      for (Statement timed : List.of(prepared, statement)) {
        timed.setQueryTimeout(1);
        try (ResultSet rows = timed == prepared ? prepared.executeQuery()
            : statement.executeQuery(sql.replace("?", "0"))) {
          for (int read = 0; read < 4; read++) {
            assertThat(rows.next()).isTrue();
            Thread.sleep(500);
          }
          while (rows.next()) {
            assertThat(rows.getString(1)).isNotEmpty();
          }
        }
      }
    }
  }

  /** A query read row by row keeps the driver working: its time adds up over the reads. */
  @Test
  void aQueryWorkingOverManyReadsTimesOut() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      assertThatThrownBy(() -> {
        try (ResultSet rows = statement.executeQuery("SELECT a.x FROM contour_points a, "
            + "contour_points b, contour_points c, contour_points d, contour_points e")) {
          while (rows.next()) {
            rows.getDouble(1);
          }
        }
      }).isInstanceOf(SQLException.class)
          .hasMessage("the query timed out after 1 s (setQueryTimeout)")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
    }
  }

  @Test
  void aCancelledStatementRunsAgain() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.cancel();
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM rois")) {
        assertThat(rows.next()).isTrue();
      }
    }
  }

  @Test
  void aCancelledPreparedStatementRunsAgainWithItsParameters() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COUNT(*) FROM rois WHERE roi_number >= ?")) {
      statement.setInt(1, 0);
      long all;
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        all = rows.getLong(1);
      }
      assertThat(all).isPositive();
      statement.cancel();
      for (int run = 0; run < 2; run++) {
        try (ResultSet rows = statement.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getLong(1)).isEqualTo(all);
        }
      }
    }
  }

  @Test
  void theConnectionIsReadOnlyAndCommitsNothingQuietly() throws SQLException {
    assertThat(connection.isReadOnly()).isTrue();
    assertThat(connection.getMetaData().isReadOnly()).isTrue();
    assertThat(connection.getMetaData().getUserName()).isEqualTo(System.getProperty("user.name"));
    connection.commit();
    connection.rollback();
  }

  /**
   * The driver's JDBC objects are Calcite's and Avatica's own classes, not proxies around
   * them: a tool that unwraps them, or compares what they hand out, gets the same objects.
   */
  @Test
  void theObjectsAreCalcitesNotProxies() throws SQLException {
    assertThat(Proxy.isProxyClass(connection.getClass())).isFalse();
    assertThat(connection.unwrap(CalciteConnection.class)).isSameAs(connection);
    assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
    try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
      assertThat(statement.unwrap(AvaticaPreparedStatement.class)).isSameAs(statement);
      assertThat(statement.getConnection()).isSameAs(connection);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(Proxy.isProxyClass(rows.getClass())).isFalse();
        assertThat(rows.getStatement()).isSameAs(statement);
      }
    }
    try (ResultSet tables = connection.getMetaData().getTables(null, "dicom", "rois", null)) {
      assertThat(tables.getStatement().getConnection()).isSameAs(connection);
    }
  }
}
