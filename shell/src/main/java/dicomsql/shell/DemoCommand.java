package dicomsql.shell;

import dicomsql.engine.index.IndexLocation;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dicomsql demo}: generates a small dataset into the user cache folder once, runs
 * example queries over it through the JDBC driver (the first one builds the index, with a
 * progress bar), then opens the shell on it, or runs the statements on standard input when
 * that is not a terminal.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a small demo dataset (8 cases, 128x128 images) into the user cache "
        + "folder the first time, run example queries over it, then open the shell on it "
        + "(or run the statements on standard input when it is not a terminal).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dicomsql demo",
        "  echo \"SELECT COUNT(*) FROM rois;\" | dicomsql demo"})
final class DemoCommand implements Callable<Integer> {
  static final SynthOptions DEMO = new SynthOptions(8, 1, 128, 0,
      Runtime.getRuntime().availableProcessors());

  @Spec
  private CommandSpec spec;
  @ParentCommand
  private DicomsqlCommand parent;

  @Override
  public Integer call() throws IOException {
    Path data = IndexLocation.cacheRoot().resolve("demo");
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.exists(data.resolve("truth.csv"))) {
      Path partial = data.resolveSibling("demo.partial-" + ProcessHandle.current().pid());
      GenerateCommand.generate(partial, DEMO, "Generating the demo dataset");
      // A dataset appears whole or not at all: an interrupted run leaves only a partial folder.
      Files.move(partial, data, StandardCopyOption.ATOMIC_MOVE);
    }
    try (SqlSession session = new SqlSession(data, null, null, null, ResultFormat.TABLE)) {
      boolean terminal = System.console() != null;
      String script = terminal ? ""
          : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      if (!Statements.isBlank(script)) {
        // Statements piped in are what was asked: their results alone, as from any script.
        return DicomsqlCommand.script(session, script, "<stdin>", out,
            spec.commandLine().getErr(), parent.verbose());
      }
      out.println("Demo dataset: " + data);
      out.println();
      for (String[] example : EXAMPLES) {
        out.println("-- " + example[0]);
        out.println(example[1] + ";");
        out.println();
        session.run(example[1], out);
        out.println();
      }
      out.println("The generator's ground truth (voxel counts, HU per phase) is in "
          + data.resolve("truth.csv"));
      if (terminal) {
        out.println("Your turn: the shell is open on the demo dataset (later: ./dicomsql "
            + data + ").");
        out.flush();
        new Repl(session, IndexLocation.cacheRoot().resolve("history"),
            parent.verbose(), Pager.command(System.getenv())).run();
        return 0;
      }
      out.println("Ask your own: ./dicomsql " + data + " -e \"SELECT * FROM rois\"");
      out.flush();
      return 0;
    } catch (SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** What the demo asks: a title and the SQL. */
  private static final String[][] EXAMPLES = {
      {"Series per contrast phase, decided from the headers alone",
          "SELECT phase, phase_source, COUNT(*) AS series FROM series WHERE modality = 'CT' "
              + "GROUP BY phase, phase_source ORDER BY phase, phase_source"},
      {"Each tumour outline, the series it was drawn on, and that series' phase",
          "SELECT p.patient_name AS case_number, r.roi_name, r.phase, s.series_description, "
              + "r.contour_count FROM rois r JOIN series s "
              + "ON s.series_uid = r.referenced_series_uid JOIN patients p "
              + "ON p.patient_id = r.patient_id ORDER BY p.patient_name, r.roi_number"},
      {"Each tumour's volume, and its mean HU inside the one outline on every phase: "
          + "arterial enhancement, then wash-out",
          "SELECT p.patient_name AS case_number, r.roi_name, "
              + "ROUND(roi_volume_cc(r.rtss_uid, r.roi_number), 1) AS volume_cc, "
              + huOnPhase("N") + ", " + huOnPhase("A") + ", " + huOnPhase("P") + ", "
              + huOnPhase("D") + " FROM rois r JOIN series s ON s.study_uid = r.study_uid "
              + "JOIN patients p ON p.patient_id = r.patient_id WHERE s.modality = 'CT' "
              + "GROUP BY p.patient_name, r.rtss_uid, r.roi_number, r.roi_name "
              + "ORDER BY p.patient_name, r.roi_number"},
      {"Cases missing a phase",
          "SELECT p.patient_name AS case_number, COUNT(*) AS phases "
              + "FROM series s JOIN patients p ON p.patient_id = s.patient_id "
              + "WHERE s.phase IS NOT NULL GROUP BY p.patient_name HAVING COUNT(*) < 4 "
              + "ORDER BY p.patient_name"}};

  private static String huOnPhase(String phase) {
    return "ROUND(MAX(CASE WHEN s.phase = '" + phase + "' THEN roi_hu_mean(r.rtss_uid, "
        + "r.roi_number, s.series_uid) END), 1) AS hu_" + phase.toLowerCase(Locale.ROOT);
  }
}
