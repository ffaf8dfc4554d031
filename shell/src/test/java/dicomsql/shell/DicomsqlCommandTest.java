package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DicomsqlCommandTest {
  @TempDir
  Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = DicomsqlCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void printsTheVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("dicomsql 0.");
  }

  @Test
  void helpListsTheSubcommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("generate", "demo");
  }

  @Test
  void generatesADatasetWithItsTruth() throws Exception {
    Path data = tmp.resolve("data");
    int status = run("generate", data.toString(), "--patients", "2", "--matrix", "32",
        "--slices", "4", "--seed", "5");
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Wrote 2 cases");
    assertThat(data.resolve("truth.csv")).exists();
    assertThat(Files.readAllLines(data.resolve("truth_series.csv")).size()).isGreaterThan(2);
    assertThat(data.resolve("HCC_0002/401/001.dcm")).exists();
  }

  @Test
  void badOptionValuesAreUsageErrorsWithOneLine() {
    assertThat(run("generate", tmp.resolve("x").toString(), "--patients", "0")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("dicomsql: --patients must be at least 1, not 0");
    assertThat(run("generate")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'OUT_DIR'");
  }

  @Test
  void aFolderInTheWayIsADataErrorWithOneLine() throws Exception {
    Files.writeString(tmp.resolve("keep.txt"), "mine");
    assertThat(run("generate", tmp.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("dicomsql: ").contains("not empty")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("keep.txt")).hasContent("mine");
  }

  private Path dataset() {
    Path data = tmp.resolve("sql-data");
    assertThat(run("generate", data.toString(), "--patients", "2", "--matrix", "16",
        "--slices", "3", "--seed", "9")).isZero();
    out.getBuffer().setLength(0);
    return data;
  }

  private String[] sql(Path data, String format, String statement) {
    return new String[] {data.toString(), "--index", tmp.resolve("sql-index").toString(),
        "--format", format, "-e", statement};
  }

  @Test
  void executesStatementsInEveryFormat() {
    Path data = dataset();
    String query = "SELECT roi_name, roi_number FROM rois ORDER BY rtss_uid, roi_number LIMIT 1";
    assertThat(run(sql(data, "csv", query))).as(err.toString()).isZero();
    assertThat(out.toString()).matches("roi_name,roi_number\\r\\nHCC[NAPD]\\d?,1\\r\\n");
    out.getBuffer().setLength(0);
    assertThat(run(sql(data, "tsv", query))).isZero();
    assertThat(out.toString()).matches("roi_name\\troi_number\\nHCC[NAPD]\\d?\\t1\\n");
    out.getBuffer().setLength(0);
    assertThat(run(sql(data, "json", query))).isZero();
    assertThat(out.toString()).matches("(?s)\\[\\s*\\{\"roi_name\": \"HCC[NAPD]\\d?\", "
        + "\"roi_number\": 1}\\s*]\\s*");
    out.getBuffer().setLength(0);
    assertThat(run(sql(data, "table", query + "; SELECT NULL AS nothing"))).isZero();
    assertThat(out.toString()).contains("roi_name | roi_number").contains("(1 row)")
        .contains("NULL");
  }

  @Test
  void csvQuotesWhatNeedsQuotesAndWritesBinaryAsHex() {
    Path data = dataset();
    assertThat(run(sql(data, "csv", "SELECT 'a,b' AS t, 'say \"hi\"' AS q, "
        + "X'0AFF' AS b"))).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("t,q,b\r\n\"a,b\",\"say \"\"hi\"\"\",0aff\r\n");
  }

  @Test
  void anSqlErrorIsOneLineAndExitStatusOne() {
    Path data = dataset();
    assertThat(run(sql(data, "table", "SELECT * FROM roiz"))).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo("dicomsql: line 1, column 15: table 'roiz' not found (did you mean 'rois'?)");
  }

  @Test
  void aSkippedRefreshIsAWarningOnStderr() throws Exception {
    Path data = dataset();
    assertThat(run(sql(data, "csv", "SELECT COUNT(*) AS n FROM instances"))).isZero();
    Path lock = tmp.resolve("sql-index/index.lock");
    Files.delete(lock);
    Files.createDirectory(lock);
    Files.copy(data.resolve("HCC_0002/401/001.dcm"), data.resolve("extra.dcm"));
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      assertThat(run(sql(data, "csv", "SELECT COUNT(*) AS n FROM instances"))).isZero();
    } finally {
      System.setErr(original);
    }
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .startsWith("dicomsql: the index was not refreshed: ").contains("index.lock");
  }

  @Test
  void aSessionWhoseIndexWasRefreshedElsewhereSaysSoOnStderr() throws Exception {
    Path data = dataset();
    Path index = tmp.resolve("sql-index");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    try (SqlSession held = new SqlSession(data, index, null, null, ResultFormat.CSV);
        PrintWriter rows = new PrintWriter(new StringWriter())) {
      held.run("SELECT COUNT(*) FROM instances", rows);
      Files.copy(data.resolve("HCC_0002/401/001.dcm"), data.resolve("extra.dcm"));
      assertThat(run(sql(data, "csv", "SELECT COUNT(*) AS n FROM instances"))).isZero();
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      held.run("SELECT COUNT(*) FROM instances", rows);
      held.run("SELECT COUNT(*) FROM instances", rows);
    } finally {
      System.setErr(original);
    }
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("dicomsql: the index has "
        + "been refreshed since this connection opened it, and its answers are from before; "
        + "open a new connection to see the changes" + System.lineSeparator());
  }

  @Test
  void valuesAreNeverCutWhenNotOnAScreenAndControlCharactersShowEscaped() {
    Path data = dataset();
    String uid = "1.2." + "3".repeat(120);
    assertThat(run(sql(data, "table", "SELECT '" + uid + "' AS uid, "
        + "U&'red\\001B[31m\\000Dline' AS v"))).as(err.toString()).isZero();
    assertThat(out.toString()).contains(uid + " | red\\x1b[31m\\rline").doesNotContain("…")
        .doesNotContain("\u001b");
  }

  @Test
  void aTableStreamsPastItsFirstRowsWithoutCuttingLaterValues() {
    Path data = dataset();
    String digits = "(VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)";
    assertThat(ResultTable.PREVIEW).isLessThan(2000);
    assertThat(run(sql(data, "table", "SELECT CASE WHEN i = 1999 THEN 'a much longer value "
        + "than before' ELSE 'short' END AS v FROM (SELECT d.x * 1000 + a.x * 100 + b.x * 10 "
        + "+ c.x AS i FROM (VALUES 0, 1) d(x), " + digits + " a(x), " + digits + " b(x), "
        + digits + " c(x)) ORDER BY i"))).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\na much longer value than before\n", "(2000 rows)");
  }

  @Test
  void aFailingStatementPrintsNoHeaderBeforeItsError() {
    Path data = dataset();
    assertThat(run(sql(data, "csv", "SELECT 1 / (roi_number - roi_number) AS q FROM rois")))
        .isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("by zero");
  }

  @Test
  void explainWithoutPlanForShowsThePlan() {
    Path data = dataset();
    assertThat(run(sql(data, "table", "explain SELECT roi_name FROM rois")))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("rois");
  }

  @Test
  void dashCAndDashDashCsvAreAsInPsql() {
    Path data = dataset();
    assertThat(run(data.toString(), "--index", tmp.resolve("sql-index").toString(), "--csv",
        "-c", "SELECT 7 AS seven")).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo("seven\r\n7\r\n");
  }

  @Test
  void aScriptRunsBackslashCommandsAndNamesTheLineOfItsError() throws Exception {
    Path data = dataset();
    StringWriter script = new StringWriter();
    try (SqlSession session = new SqlSession(data, tmp.resolve("sql-index"), null, null,
        ResultFormat.TABLE)) {
      int status = DicomsqlCommand.script(session, "-- a comment\n\\format csv\n"
          + "SELECT 1 AS one;\n\\d\n\nSELECT roi_number\n  FROM rois\n  WHERE bogus = 1;\n"
          + "SELECT 2 AS never;\n", "<stdin>", new PrintWriter(script), new PrintWriter(err),
          false);
      assertThat(status).isEqualTo(1);
    }
    assertThat(script.toString()).startsWith("one\r\n1\r\n").contains(" contour_points ")
        .doesNotContain("roi_number", "never");
    assertThat(err.toString()).contains("Format is csv.").contains(
        "dicomsql:<stdin>:8:9: column 'bogus' not found\n");
  }

  @Test
  void dtListsEachTableWithItsTypeRowsAndWhatARowIs() throws Exception {
    Path data = dataset();
    StringWriter script = new StringWriter();
    try (SqlSession session = new SqlSession(data, tmp.resolve("sql-index"), null, null,
        ResultFormat.CSV)) {
      assertThat(DicomsqlCommand.script(session, "\\dt\nSELECT COUNT(*) AS n FROM rois;\n"
          + "SELECT COUNT(*) AS n FROM contour_points;\n", "<stdin>",
          new PrintWriter(script), new PrintWriter(err), false)).isZero();
    }
    String[] lines = script.toString().split("\n");
    assertThat(lines[0]).matches("schema +name +type +rows +description");
    String rois = lines[lines.length - 3].strip();
    String points = lines[lines.length - 1].strip();
    assertThat(script.toString())
        .containsPattern("(?m)^dicom +rois +table +" + rois
            + "  one row per ROI of a structure set$")
        .containsPattern("(?m)^dicom +contour_points +table +" + String.format("%,d",
            Long.parseLong(points)) + "  one row per point of a contour$")
        .containsPattern("(?m)^dicom +attributes +table {3,}one row per data element of a file")
        .containsPattern("(?m)^dicom +index_status +table +1  the connection's index");
  }

  @Test
  void anErrorInTheSecondStatementOfALineNamesItsOwnLineAndColumn() throws Exception {
    Path data = dataset();
    try (SqlSession session = new SqlSession(data, tmp.resolve("sql-index"), null, null,
        ResultFormat.CSV)) {
      StringWriter script = new StringWriter();
      assertThat(DicomsqlCommand.script(session, "SELECT 1 AS a; SELECT 2 AS b, bogus FROM rois;",
          "<stdin>", new PrintWriter(script), new PrintWriter(err), false)).isEqualTo(1);
      assertThat(DicomsqlCommand.script(session, "SELECT 1 AS a;\nSELECT 2 AS b; SELECT\n"
          + "  3 AS c,\n  bogus FROM rois;", "<stdin>", new PrintWriter(script),
          new PrintWriter(err), false)).isEqualTo(1);
    }
    assertThat(err.toString()).contains("dicomsql:<stdin>:1:31: column 'bogus' not found\n",
        "dicomsql:<stdin>:4:3: column 'bogus' not found\n");
  }

  @Test
  void aSyntaxErrorInAScriptNamesItsLineAndColumn() throws Exception {
    Path data = dataset();
    try (SqlSession session = new SqlSession(data, tmp.resolve("sql-index"), null, null,
        ResultFormat.CSV)) {
      assertThat(DicomsqlCommand.script(session, "SELECT 1 AS a;\nSELECT *\n  FORM rois;\n",
          "<stdin>", new PrintWriter(new StringWriter()), new PrintWriter(err), false))
          .isEqualTo(1);
    }
    assertThat(err.toString()).contains("dicomsql:<stdin>:3:8: syntax error at or near "
        + "\"rois\"\n");
  }

  @Test
  void aMissingOrEmptyDataFolderIsAUsageError() throws Exception {
    assertThat(run(tmp.resolve("nowhere").toString(), "-e", "SELECT 1")).isEqualTo(2);
    assertThat(err.toString()).contains("dicomsql: no such folder: ");
    err.getBuffer().setLength(0);
    Path notDicom = Files.createDirectories(tmp.resolve("text"));
    Files.writeString(notDicom.resolve("notes.txt"), "not DICOM");
    assertThat(run(notDicom.toString(), "--index", tmp.resolve("i2").toString(), "-e",
        "SELECT 1")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("dicomsql: no DICOM files found in " + notDicom);
  }

  @Test
  void verboseShowsTheStackTraceOfAnSqlError() {
    Path data = dataset();
    String[] args = sql(data, "table", "SELECT * FROM roiz");
    String[] verbose = new String[args.length + 1];
    verbose[0] = "--verbose";
    System.arraycopy(args, 0, verbose, 1, args.length);
    assertThat(run(verbose)).isEqualTo(1);
    assertThat(err.toString()).startsWith("dicomsql: line 1, column 15: table 'roiz' not found")
        .contains("java.sql.SQLException", "\tat ");
  }

  @Test
  void aBadFormatOrNoDataFolderIsAUsageError() {
    assertThat(run(tmp.toString(), "--format", "xml", "-e", "SELECT 1")).isEqualTo(2);
    assertThat(err.toString()).contains("--format must be table, csv, tsv or json");
    assertThat(run()).isEqualTo(2);
  }
}
