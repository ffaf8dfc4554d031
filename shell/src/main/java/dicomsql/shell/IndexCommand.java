package dicomsql.shell;

import dicomsql.engine.index.IndexProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dicomsql index}: builds or refreshes the index of a data folder, with progress,
 * through the JDBC driver like every other command ({@code index_status} says what happened).
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Build the index of DATA_DIR, or bring it up to date: new and changed files "
        + "(by size and modification time) are read, deleted ones dropped. Queries do this by "
        + "themselves; run it ahead of time to pay the cost up front. DATA_DIR is only read.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dicomsql index ~/data/hcc",
        "  dicomsql index ~/data/hcc --rebuild --index /fast/disk/hcc-index"})
final class IndexCommand implements Callable<Integer> {
  /** The tables whose sizes a run reports, with their names in the report. */
  private static final String[][] COUNTED = {{"instances", "instances"}, {"series", "series"},
      {"studies", "studies"}, {"patients", "patients"},
      {"structure_sets", "structure sets"}, {"rois", "ROIs"}, {"scan_errors", "scan errors"}};

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA_DIR", description = "Folder of DICOM files.")
  private Path data;

  @Option(names = "--rebuild", description = "Read every file again into a new index.")
  private boolean rebuild;

  @Option(names = "--index", paramLabel = "DIR",
      description = "Where the index lives (default: a folder per DATA_DIR in the user cache).")
  private Path folder;

  @Option(names = "--phase-rules", paramLabel = "FILE",
      description = "Phase keyword rules to use instead of the built-in ones (see README).")
  private Path phaseRules;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads reading files (default: one per core).")
  private Integer threads;

  @Override
  public Integer call() throws SQLException {
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
    }
    try (SqlSession session = new SqlSession(data, folder, rebuild ? "rebuild" : "auto",
        phaseRules, threads, ResultFormat.TABLE);
        Statement statement = session.connection().createStatement()) {
      String what;
      String where;
      try (ResultSet status = statement.executeQuery("SELECT last_update, seconds, "
          + "files_changed, note, index_folder FROM index_status")) {
        status.next();
        what = describe(status, session.filesRead());
        where = status.getString("index_folder");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(what);
      out.println(counts(statement));
      out.println("Index: " + where);
      out.flush();
    }
    return 0;
  }

  /** Progress of reading files as a bar over the files to read. */
  static IndexProgress listener(FileProgress progress) {
    return new IndexProgress() {
      @Override
      public void reading(long files, long bytes) {
        progress.start(files);
      }

      @Override
      public void read(long bytes, boolean failed) {
        progress.step(bytes);
      }

      @Override
      public void deriving() {}

      @Override
      public void notice(String message) {
        progress.notice(message);
      }
    };
  }

  private static String describe(ResultSet status, long filesRead) throws SQLException {
    double seconds = status.getDouble("seconds");
    return switch (status.getString("last_update")) {
      case "built" -> String.format(Locale.ROOT, "Indexed %,d files in %.1f s (%,.0f files/s)",
          filesRead, seconds, filesRead / seconds);
      case "refreshed" -> String.format(Locale.ROOT, "Refreshed: %,d files new, changed or "
          + "gone, in %.1f s", status.getInt("files_changed"), seconds);
      case "unchanged" -> String.format(Locale.ROOT, "Up to date (checked in %.1f s)", seconds);
      default -> "Not refreshed: " + status.getString("note");
    };
  }

  /** How many rows each table has: counts the index answers without reading rows. */
  private static String counts(Statement statement) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < COUNTED.length; i++) {
      sql.append(i == 0 ? "" : ", ").append("(SELECT COUNT(*) FROM ").append(COUNTED[i][0])
          .append(")");
    }
    StringBuilder text = new StringBuilder();
    try (ResultSet counts = statement.executeQuery(sql.toString())) {
      counts.next();
      for (int i = 0; i < COUNTED.length; i++) {
        text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d ",
            counts.getLong(i + 1))).append(COUNTED[i][1]);
      }
    }
    return text.toString();
  }
}
