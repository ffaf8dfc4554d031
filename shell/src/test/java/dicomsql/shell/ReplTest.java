package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell driven as a user drives it, through a terminal over streams: typed lines go in,
 * what the terminal shows comes out.
 */
class ReplTest {
  @TempDir
  static Path shared;
  @TempDir
  Path tmp;

  private static Path data;
  private SqlSession session;
  private PipedOutputStream keyboard;
  private ByteArrayOutputStream screen;
  private Thread shell;

  @BeforeAll
  static void generate() throws Exception {
    data = shared.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 5, 32, 6, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
  }

  @BeforeEach
  void start() throws Exception {
    session = new SqlSession(data, shared.resolve("index"), null, null, ResultFormat.TABLE);
    startShell(false);
  }

  private void startShell(boolean verbose) throws IOException {
    startShell(verbose, null);
  }

  private void startShell(boolean verbose, String pager) throws IOException {
    PipedInputStream in = new PipedInputStream(1 << 16);
    keyboard = new PipedOutputStream(in);
    screen = new ByteArrayOutputStream();
    ExternalTerminal terminal = new ExternalTerminal("test", "dumb", in, screen,
        StandardCharsets.UTF_8);
    terminal.setSize(new Size(100, 40));
    Repl repl = new Repl(session, tmp.resolve("history"), verbose, pager);
    shell = new Thread(() -> repl.run(terminal));
    shell.start();
  }

  @AfterEach
  void stop() throws Exception {
    keyboard.close();
    shell.join(TimeUnit.SECONDS.toMillis(20));
    session.close();
  }

  private void type(String text) throws IOException {
    keyboard.write(text.getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  private synchronized String screen() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  /** Waits until the screen shows {@code text}, and returns it. */
  private String awaitScreen(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!screen().contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(screen()).contains(text);
    return screen();
  }

  private void leave() throws Exception {
    type("\\q\n");
    shell.join(TimeUnit.SECONDS.toMillis(20));
    assertThat(shell.isAlive()).isFalse();
  }

  @Test
  void aStatementSpansLinesAndEndsWithTheRowCountAndTime() throws Exception {
    type("SELECT roi_name\n");
    type("FROM rois WHERE roi_number = 1;\n");
    String shown = awaitScreen(" rows, ");
    assertThat(shown).contains("       -> ", "roi_name", "HCCP").containsPattern(
        "\\(\\d+ rows, \\d+\\.\\d{3} s\\)");
    leave();
  }

  @Test
  void aStatementOfSeveralLinesIsOneHistoryEntryIndentedLinesIncluded() throws Exception {
    type("SELECT roi_name\n");
    type("    FROM rois\n");
    type("    WHERE roi_number = 1;\n");
    awaitScreen(" rows, ");
    leave();
    assertThat(Files.readString(tmp.resolve("history")))
        .contains("SELECT roi_name\\n    FROM rois\\n    WHERE roi_number = 1;");
  }

  @Test
  void verboseShowsTheStackTraceAfterTheErrorLine() throws Exception {
    leave();
    startShell(true);
    type("SELECT * FROM roiz;\n");
    assertThat(awaitScreen("\tat ")).contains("Error: line 1, column 15: table 'roiz' not found");
    leave();
  }

  @Test
  void commandsSayWhatWentWrongInWords() throws Exception {
    type("\\d roiz\n");
    awaitScreen("Error: no table roiz (did you mean 'rois'?); \\d lists them");
    type("\\i " + tmp.resolve("missing.sql") + "\n");
    awaitScreen("Error: cannot read " + tmp.resolve("missing.sql") + ": no such file");
    leave();
  }

  @Test
  void pngsGoToATemporaryFolderThatIsNamed() throws Exception {
    type("\\png SELECT x.sop_uid, roi_png(r.rtss_uid, r.roi_number, x.sop_uid) FROM rois r, "
        + "LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x LIMIT 2\n");
    String shown = awaitScreen("2 PNGs written to ");
    String folder = shown.substring(shown.indexOf("2 PNGs written to ") + 18).lines()
        .findFirst().orElseThrow().strip();
    assertThat(Path.of(folder)).isDirectory().startsWith(Path.of(
        System.getProperty("java.io.tmpdir")));
    try (var files = Files.list(Path.of(folder))) {
      assertThat(files.count()).isEqualTo(2);
    }
    type("\\png SELECT roi_png(rtss_uid, roi_number, 'no such image') FROM rois LIMIT 1\n");
    awaitScreen("No PNG written: none of the 1 rows holds a PNG");
    leave();
  }

  @Test
  void backslashCommandsDescribeTheSchemaAndSwitchTheDisplay() throws Exception {
    type("\\d\n");
    awaitScreen("contour_points");
    type("\\d rois\n");
    assertThat(awaitScreen("Table dicom.rois")).containsPattern("roi_number +INTEGER");
    type("\\df\n");
    awaitScreen("roi_volume_cc(rtss_uid VARCHAR, roi_number INTEGER) DOUBLE");
    awaitScreen("roi_slices(rtss_uid VARCHAR, roi_number INTEGER) TABLE(sop_uid VARCHAR");
    type("\\x\n");
    type("SELECT roi_name, roi_number FROM rois LIMIT 1;\n");
    assertThat(awaitScreen("(1 row, ")).contains("-[ RECORD 1 ]", "roi_name   | HCCP");
    type("\\x\n\\format csv\nSELECT roi_number FROM rois LIMIT 1;\n");
    awaitScreen("Format is csv.");
    assertThat(awaitScreen("Time: ")).containsPattern("roi_number\\r*\\n1\\r*\\n");
    type("\\h select\n");
    awaitScreen("[ LIMIT count ] [ OFFSET start ]");
    type("\\nonsense\n");
    awaitScreen("Error: unknown command \\nonsense; \\? lists them");
    leave();
  }

  @Test
  void resultsGoToAFileAndScriptsRunFromOne() throws Exception {
    Path results = tmp.resolve("out.txt");
    Path script = tmp.resolve("script.sql");
    Files.writeString(script, "\\format csv\nSELECT 'from the script'\n  AS origin;\n");
    type("\\o " + results + "\n");
    type("SELECT COUNT(*) AS n FROM patients;\n");
    type("SELECT a.sop_uid FROM instances a, instances b;\n");
    type("\\o\n");
    awaitScreen("Results written to " + results);
    assertThat(Files.readString(results)).contains("n", "2", "(1 row, ")
        .containsPattern("\\([0-9]{4,} rows, ").doesNotContain("first 1,000")
        .containsPattern("\\n[0-9.]{30,}\\n");
    type("\\i " + script + "\n");
    awaitScreen("from the script");
    leave();
  }

  @Test
  void aTableWiderThanTheScreenShowsAsRecords() throws Exception {
    type("SELECT * FROM instances LIMIT 2;\n");
    String shown = awaitScreen("(2 rows, ");
    assertThat(shown).contains("-[ RECORD 2 ]", "transfer_syntax_uid");
    assertThat(shown.lines().filter(line -> line.contains(" | "))
        .mapToInt(line -> line.strip().length()).max().getAsInt()).isLessThanOrEqualTo(100);
    type("\\x off\nSELECT * FROM instances LIMIT 1;\n");
    assertThat(awaitScreen("(1 row, ")).contains("Expanded display is off.",
        "path               | file_size");
    leave();
  }

  @Test
  void aPagerThatCannotRunLeavesTheResultOnTheScreen() throws Exception {
    Path notExecutable = tmp.resolve("pager-without-x.sh");
    Files.writeString(notExecutable, "#!/bin/sh\ncat\n");
    for (String command : new String[] {tmp.resolve("no-such-pager").toString(),
        notExecutable.toString()}) {
      leave();
      startShell(false, command);
      type("SELECT a.sop_uid FROM instances a, instances b LIMIT 60;\n");
      awaitScreen("(60 rows, ");
    }
    leave();
  }

  @Test
  void resultsTallerThanTheScreenGoThroughThePagerUnlessItIsOff() throws Exception {
    leave();
    Path paged = tmp.resolve("paged.txt");
    // A command line, not a script written just now: exec of a file that another thread's fork
    // may still hold open for writing fails with "Text file busy".
    startShell(false, "cat >> '" + paged + "'");
    type("SELECT 42 AS answer;\n");
    awaitScreen("(1 row, ");
    type("SELECT a.sop_uid FROM instances a, instances b LIMIT 60;\n");
    // Its result, not the echo of what was typed, tells that the paged statement has ended.
    type("SELECT 'after' || '_pager' AS marker;\n");
    awaitScreen("after_pager");
    assertThat(Files.readString(paged)).contains("sop_uid", "(60 rows, ")
        .doesNotContain("answer", "after_pager");
    assertThat(screen()).doesNotContain("(60 rows, ");
    type("\\pset pager off\n");
    awaitScreen("Pager usage is off.");
    type("SELECT a.sop_uid FROM instances a, instances b LIMIT 60;\n");
    awaitScreen("(60 rows, ");
    type("\\pset pager\n");
    awaitScreen("Pager is used for long output.");
    type("\\pset border 2\n");
    awaitScreen("Error: \\pset knows only pager [on|off], not 'border 2'");
    leave();
    assertThat(Files.readString(paged).split("\\(60 rows, ", -1)).hasSize(2);
  }

  @Test
  void hugeResultsAreCutWithAClearMessage() throws Exception {
    type("SELECT a.sop_uid FROM instances a, instances b;\n");
    String shown = awaitScreen("(first 1,000 rows shown");
    assertThat(shown).contains("add LIMIT, or \\o FILE to write them all");
    leave();
  }

  @Test
  void ctrlCCancelsARunningQueryAndTheShellGoesOn() throws Exception {
    type("SELECT COUNT(*) FROM contour_points a, contour_points b, contour_points c, "
        + "contour_points d, contour_points e;\n");
    Thread.sleep(1500);
    type("\u0003");
    awaitScreen("Error: the query was cancelled");
    type("SELECT 42 AS answer;\n");
    awaitScreen("answer");
    leave();
  }

  @Test
  void pngsShowAsTheirSize() throws Exception {
    type("SELECT roi_png(r.rtss_uid, r.roi_number, x.sop_uid) AS png FROM rois r, "
        + "LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x LIMIT 1;\n");
    assertThat(awaitScreen("(1 row, ")).containsPattern("<PNG, [0-9,]+ bytes>");
    leave();
  }

  @Test
  void tabCompletesKeywordsTablesFunctionsAndColumnsOfTheStatementsTables() throws Exception {
    SqlCompleter completer = new SqlCompleter(new SessionNames(session.connection()));
    assertThat(complete(completer, "SEL")).contains("SELECT");
    assertThat(complete(completer, "SELECT * FROM ro")).contains("rois", "roi_volume_cc(");
    assertThat(complete(completer, "SELECT r.roi_n FROM rois r", 14))
        .contains("r.roi_name", "r.roi_number").doesNotContain("r.sop_uid");
    assertThat(complete(completer, "SELECT phase FROM series s JOIN rois r ON ", 7))
        .contains("phase", "series_description", "roi_name").doesNotContain("sop_uid");
    assertThat(complete(completer, "\\d ")).contains("contour_points", "rois");
    assertThat(complete(completer, "\\")).contains("\\df", "\\png", "\\x");
    assertThat(complete(completer, "SELECT s.\nFROM series s WHERE s.", 32))
        .contains("s.phase");
    leave();
  }

  private static List<String> complete(SqlCompleter completer, String line) {
    return complete(completer, line, line.length());
  }

  private static List<String> complete(SqlCompleter completer, String line, int cursor) {
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]);
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parser.parse(line, cursor), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }
}
