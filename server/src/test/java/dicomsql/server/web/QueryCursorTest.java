package dicomsql.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.server.StatementLimits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paging within a memory budget: pages dropped from memory are read again by a new run. */
class QueryCursorTest {
  private static final String SQL = "SELECT path FROM instances ORDER BY path";

  @TempDir
  Path temp;

  @Test
  void aDroppedPageIsReadAgainAndTheRowCapHolds() throws Exception {
    try (Connection connection = connect()) {
      List<String> expected = paths(connection);
      StatementLimits none = new StatementLimits(Duration.ZERO, 0);
      try (QueryCursor cursor = new QueryCursor(connection, SQL, none, 5, 1)) {
        assertThat(firsts(cursor.page(3))).isEqualTo(expected.subList(15, 20));
        assertThat(firsts(cursor.page(0))).isEqualTo(expected.subList(0, 5));
        assertThat(firsts(cursor.page(1))).isEqualTo(expected.subList(5, 10));
      }
      StatementLimits capped = new StatementLimits(Duration.ZERO, 7);
      try (QueryCursor cursor = new QueryCursor(connection, SQL, capped, 5, 1)) {
        QueryCursor.Page second = cursor.page(1);
        assertThat(firsts(second)).isEqualTo(expected.subList(5, 7));
        assertThat(second.last()).isTrue();
        assertThat(second.read()).isEqualTo(7);
      }
      StatementLimits even = new StatementLimits(Duration.ZERO, 10);
      try (QueryCursor cursor = new QueryCursor(connection, SQL, even, 5, 1)) {
        assertThat(cursor.page(0).last()).isFalse();
        assertThat(cursor.page(1).last()).as("a page that ends where the result does").isTrue();
      }
    }
  }

  /** The embedded driver over the test folder. */
  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:dicom:" + ServedConsole.generate(temp) + ";index="
        + temp.resolve("index"));
  }

  /** What {@link #SQL} gives, read in full. */
  private static List<String> paths(Connection connection) throws SQLException {
    List<String> paths = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(SQL)) {
      while (rows.next()) {
        paths.add(rows.getString(1));
      }
    }
    return paths;
  }

  private static List<String> firsts(QueryCursor.Page page) {
    return page.rows().stream().map(row -> (String) row[0]).toList();
  }

  @Test
  void theTimeoutStopsALongReadNotALongLookAndAPageAskedAfterItRunsTheQueryAgain() throws Exception {
    try (Connection connection = connect()) {
      // Both read once first, so that neither building the index nor warming up the planner
      // is timed.
      List<String> expected = paths(connection);
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(WebConsoleTest.STREAMING)) {
        assertThat(rows.next()).isTrue();
      }
      StatementLimits threeSeconds = new StatementLimits(Duration.ofSeconds(3), 0);
      try (QueryCursor cursor = new QueryCursor(connection, WebConsoleTest.STREAMING,
          threeSeconds, 5, QueryCursor.HELD_BYTES)) {
        List<String> first = firsts(cursor.page(0));
        assertThat(first).hasSize(5);
        assertThatThrownBy(() -> cursor.page(100_000_000L)).isInstanceOf(SQLException.class)
            .hasMessageContaining("timed out")
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
        assertThat(firsts(cursor.page(0))).isEqualTo(first);

        // A read cancelled: the next page asked past it runs the query again (and so times
        // out), rather than read on from the cancelled run.
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
          try {
            Thread.sleep(500);
            cursor.cancel();
          } catch (InterruptedException | SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        assertThatThrownBy(() -> cursor.page(100_000_000L)).hasMessageContaining("cancelled");
        cancel.join();
        assertThatThrownBy(() -> cursor.page(100_000_000L)).hasMessageContaining("timed out");
      }
      try (QueryCursor cursor = new QueryCursor(connection, SQL, threeSeconds, 5,
          QueryCursor.HELD_BYTES)) {
        assertThat(firsts(cursor.page(0))).isEqualTo(expected.subList(0, 5));
        // The user reads the first page for longer than the timeout: the driver's clock
        // stood still meanwhile, so the next page reads on from the same run.
        Thread.sleep(3500);
        assertThat(firsts(cursor.page(1))).isEqualTo(expected.subList(5, 10));
      }
    }
  }
}
