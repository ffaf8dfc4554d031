package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code column = ?} of a prepared statement is answered by the index, as the same statement
 * with the value written in is: same plan node, same rows, for every value a run is given,
 * including none (NULL) and values absent from the data.
 */
class ParameterPushdownTest {
  private static final String SERIES = "SELECT series_uid, phase, instance_count FROM series "
      + "WHERE series_uid = ? ORDER BY series_uid";
  private static final String IMAGE = "SELECT sop_uid, path FROM instances "
      + "WHERE ? = series_uid AND instance_number = ? ORDER BY sop_uid";
  /** Numbers: an INTEGER and a DOUBLE column, both indexed. */
  private static final String NUMBERED = "SELECT series_uid FROM series "
      + "WHERE series_number = ? OR slice_thickness = ? ORDER BY series_uid";

  @TempDir
  static Path tmp;
  private static Connection connection;

  @BeforeAll
  static void connect() throws Exception {
    Path data = TestConnections.generate(tmp.resolve("data"), 2, 5);
    connection = TestConnections.connect(data, tmp.resolve("index"), true);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void theIndexAnswersAnEqualityWithAParameter() throws SQLException {
    assertThat(TestConnections.explain(connection, "SELECT series_uid FROM series "
        + "WHERE series_uid = ?")).contains("index=[series_uid = ?0]");
    // instance_number is not indexed: that part is checked on the rows the index gives.
    assertThat(TestConnections.explain(connection, IMAGE))
        .contains("index=[series_uid = ?0], filter=[=($2, ?1)]");
    assertThat(TestConnections.explain(connection, NUMBERED))
        .contains("index=[(series_number = ?0 OR slice_thickness = ?1)]");
  }

  @Test
  void eachRunGivesTheRowsOfItsValues() throws SQLException {
    List<List<Object>> series = TestConnections.rows(connection,
        "SELECT series_uid FROM series ORDER BY series_uid");
    assertThat(series).hasSizeGreaterThan(2);
    try (PreparedStatement lookup = connection.prepareStatement(SERIES);
        PreparedStatement image = connection.prepareStatement(IMAGE)) {
      for (List<Object> row : series) {
        String uid = (String) row.get(0);
        lookup.setString(1, uid);
        assertThat(rows(lookup)).hasSize(1).isEqualTo(TestConnections.rows(connection,
            SERIES.replace("?", "'" + uid + "'")));
        image.setString(1, uid);
        image.setLong(2, 3);
        List<List<Object>> images = rows(image);
        assertThat(images).isEqualTo(TestConnections.rows(connection,
            IMAGE.replaceFirst("\\?", "'" + uid + "'").replace("?", "3")));
        image.setObject(2, 3, Types.INTEGER);
        assertThat(rows(image)).isEqualTo(images);
      }
      lookup.setString(1, "1.2.3.absent");
      assertThat(rows(lookup)).isEmpty();
      lookup.setNull(1, Types.VARCHAR);
      assertThat(rows(lookup)).isEmpty();
    }
  }

  @Test
  void numbersAreComparedAsTheColumnHoldsThem() throws SQLException {
    List<List<Object>> numbers = TestConnections.rows(connection,
        "SELECT DISTINCT series_number, slice_thickness FROM series "
            + "WHERE series_number IS NOT NULL AND slice_thickness IS NOT NULL");
    assertThat(numbers).hasSizeGreaterThan(1);
    try (PreparedStatement numbered = connection.prepareStatement(NUMBERED)) {
      for (List<Object> row : numbers) {
        numbered.setInt(1, (Integer) row.get(0));
        numbered.setDouble(2, (Double) row.get(1));
        List<List<Object>> expected = TestConnections.rows(connection, NUMBERED
            .replaceFirst("\\?", row.get(0).toString()).replace("?", row.get(1).toString()));
        assertThat(expected).isNotEmpty();
        assertThat(rows(numbered)).isEqualTo(expected);
        numbered.setNull(2, Types.DOUBLE);
        assertThat(rows(numbered)).isEqualTo(TestConnections.rows(connection, NUMBERED
            .replaceFirst("\\?", row.get(0).toString()).replace("OR slice_thickness = ?", "")));
      }
      numbered.setInt(1, -12345);
      numbered.setNull(2, Types.DOUBLE);
      assertThat(rows(numbered)).isEmpty();
    }
  }

  @Test
  void aNegatedParameterIsLeftToCalcite() throws SQLException {
    String sql = "SELECT series_uid FROM series WHERE series_uid <> ? ORDER BY series_uid";
    assertThat(TestConnections.explain(connection, sql)).doesNotContain("index=");
    List<List<Object>> all = TestConnections.rows(connection,
        "SELECT series_uid FROM series ORDER BY series_uid");
    try (PreparedStatement others = connection.prepareStatement(sql)) {
      others.setString(1, (String) all.get(0).get(0));
      assertThat(rows(others)).isEqualTo(all.subList(1, all.size()));
      others.setNull(1, Types.VARCHAR);
      assertThat(rows(others)).isEmpty();
    }
  }

  @Test
  void aLeftJoinChecksItsConditionWithEachRunsValues() throws SQLException {
    String sql = "SELECT s.series_uid, r.roi_name FROM series s LEFT JOIN rois r "
        + "ON r.referenced_series_uid = s.series_uid AND s.series_number > ? "
        + "AND r.roi_number >= ? ORDER BY s.series_uid, r.roi_name";
    assertThat(TestConnections.explain(connection, sql))
        .contains("DicomIndexJoin(joinType=[left]");
    try (PreparedStatement joined = connection.prepareStatement(sql)) {
      for (int number : new int[] {0, 1, 2, 100}) {
        joined.setInt(1, number);
        joined.setInt(2, number);
        assertThat(rows(joined)).isEqualTo(TestConnections.rows(connection,
            sql.replace("?", String.valueOf(number))));
      }
    }
  }

  private static List<List<Object>> rows(PreparedStatement statement) throws SQLException {
    return TestConnections.rows(statement.executeQuery());
  }
}
