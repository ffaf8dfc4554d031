package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerWarmUpTest {
  @TempDir
  Path tmp;

  /** The warm-up drops its failures, so a statement of it that fails would go unnoticed. */
  @Test
  void everyStatementPlansAndRunsOverTablesWithoutRows() throws SQLException {
    try (Connection rowless = new DicomDriver().connectWithoutRows()) {
      for (String sql : PlannerWarmUp.STATEMENTS) {
        assertThat(QueryRows.of(rowless, sql)).as(sql).isEmpty();
      }
    }
  }

  @Test
  void startsOnceOnADaemonThread() throws InterruptedException {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: no warm-up");
    DicomDriver driver = new DicomDriver();
    PlannerWarmUp warmUp = new PlannerWarmUp();

    Thread thread = warmUp.startOnce(driver);

    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo(PlannerWarmUp.THREAD_NAME);
    assertThat(warmUp.startOnce(driver)).isNull();
    thread.join();
  }

  @Test
  void aThreadThatCannotStartLeavesTheConnectionAlone() {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: no warm-up");
    Thread none = new PlannerWarmUp().startOnce(new DicomDriver(), task -> {
      throw new SecurityException("no new threads here");
    });
    assertThat(none).isNull();
  }

  @Test
  void needsASecondProcessorAndCanBeSwitchedOff() {
    assertThat(PlannerWarmUp.wanted(null, 2)).isTrue();
    assertThat(PlannerWarmUp.wanted("true", 8)).isTrue();
    assertThat(PlannerWarmUp.wanted(null, 1)).isFalse();
    assertThat(PlannerWarmUp.wanted("false", 2)).isFalse();
    assertThat(PlannerWarmUp.wanted("FALSE", 2)).isFalse();
  }

  @Test
  void theSystemPropertyLeavesItOut() {
    String before = System.getProperty(PlannerWarmUp.SWITCH);
    System.setProperty(PlannerWarmUp.SWITCH, "false");
    try {
      assertThat(new PlannerWarmUp().startOnce(new DicomDriver())).isNull();
    } finally {
      if (before == null) {
        System.clearProperty(PlannerWarmUp.SWITCH);
      } else {
        System.setProperty(PlannerWarmUp.SWITCH, before);
      }
    }
  }

  @Test
  void itsFailuresAreNeitherThrownNorPrinted() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      PlannerWarmUp.run(new DicomDriver(), List.of("SELECT no_such_column FROM rois",
          "SELECT * FROM no_such_table", "SELECT * FROM index_status"));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  /** The program's answers and errors are the same with a warm-up planning beside them. */
  @Test
  void leavesTheProgramsAnswersAndErrorsAsTheyAre() throws Exception {
    List<String> statements = new ArrayList<>(PlannerWarmUp.STATEMENTS);
    statements.add("SELECT COUNT(*) FROM instances");
    statements.add("SELECT * FROM rois WHERE phase = 'A'");
    List<List<List<Object>>> alone;
    String error;
    try (Connection connection = SmallDataset.connect(tmp)) {
      alone = answers(connection, statements);
      error = errorOf(connection);
    }
    assertThat(alone.get(2).get(0).get(0)).isNotEqualTo(0L);

    // A new connection, so that its statements are planned again, not taken from its cache.
    Thread beside = new Thread(() -> PlannerWarmUp.run(new DicomDriver(), statements));
    beside.start();
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:"
        + SmallDataset.data(tmp) + ";index=" + tmp.resolve("index"))) {
      assertThat(answers(connection, statements)).isEqualTo(alone);
      assertThat(errorOf(connection)).isEqualTo(error);
    }
    beside.join();
  }

  private static List<List<List<Object>>> answers(Connection connection,
      List<String> statements) throws SQLException {
    List<List<List<Object>>> answers = new ArrayList<>();
    for (String sql : statements) {
      answers.add(QueryRows.of(connection, sql));
    }
    return answers;
  }

  private static String errorOf(Connection connection) {
    try {
      QueryRows.of(connection, "SELECT no_such_column FROM rois");
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage();
    }
    throw new AssertionError("no error");
  }
}
