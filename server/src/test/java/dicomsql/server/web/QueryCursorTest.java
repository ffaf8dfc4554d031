package dicomsql.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.server.StatementLimits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paging within a memory budget: pages dropped from memory are read again by a new run. */
class QueryCursorTest {
  private static final String SQL = "SELECT path FROM instances ORDER BY path";

  @TempDir
  Path temp;

  @Test
  void aDroppedPageIsReadAgainAndTheRowCapHolds() throws Exception {
    Path data = ServedConsole.generate(temp);
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + temp.resolve("index"))) {
      List<String> expected = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(SQL)) {
        while (rows.next()) {
          expected.add(rows.getString(1));
        }
      }
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

  private static List<String> firsts(QueryCursor.Page page) {
    return page.rows().stream().map(row -> (String) row[0]).toList();
  }
}
