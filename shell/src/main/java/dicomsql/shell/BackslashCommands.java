package dicomsql.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The shell's backslash commands. Results go to the terminal, or to a file after {@code \o};
 * messages always go to the terminal.
 */
final class BackslashCommands {
  static final List<String> NAMES = List.of("\\d", "\\df", "\\x", "\\timing", "\\format",
      "\\o", "\\i", "\\png", "\\q", "\\?");
  static final String PNG_FOLDER = "dicomsql-png";

  private final SqlSession session;
  private final SessionNames names;
  private final PrintWriter terminal;
  private final Consumer<String> lines;
  private PrintWriter results;
  private Path resultFile;

  /**
   * @param lines takes each line of a script run with {@code \i}, as if typed
   */
  BackslashCommands(SqlSession session, SessionNames names, PrintWriter terminal,
      Consumer<String> lines) {
    this.session = session;
    this.names = names;
    this.terminal = terminal;
    this.lines = lines;
    this.results = terminal;
  }

  /** Where results go: the terminal, or the file {@code \o} named. */
  PrintWriter results() {
    return results;
  }

  /** Runs a backslash command; false when it asks to leave. */
  boolean run(String line) {
    String[] words = line.strip().split("\\s+", 2);
    String argument = words.length > 1 ? words[1].strip() : "";
    try {
      switch (words[0]) {
        case "\\q" -> {
          return false;
        }
        case "\\d" -> {
          if (argument.isEmpty()) {
            tables();
          } else {
            columns(argument);
          }
        }
        case "\\df" -> functions();
        case "\\x" -> expanded(argument);
        case "\\timing" -> {
          session.timing(!session.timing());
          terminal.println("Timing is " + (session.timing() ? "on." : "off."));
        }
        case "\\format" -> format(argument);
        case "\\o" -> output(argument);
        case "\\i" -> include(argument);
        case "\\png" -> pngs(argument);
        case "\\?" -> help();
        default -> terminal.println("Unknown command " + words[0] + "; \\? lists them.");
      }
    } catch (SQLException | IOException e) {
      terminal.println("Error: " + e.getMessage());
    }
    terminal.flush();
    return true;
  }

  private void help() {
    terminal.println("\\d              list the tables");
    terminal.println("\\d TABLE        list a table's columns and types");
    terminal.println("\\df             list the functions with their signatures");
    terminal.println("\\x [on|off|auto] expanded display: one record per block (auto: when a "
        + "table is wider than the screen)");
    terminal.println("\\format FORMAT  table, csv, tsv or json");
    terminal.println("\\timing         show how long each statement takes");
    terminal.println("\\o FILE         write results to FILE (\\o alone: back to the screen)");
    terminal.println("\\i FILE         run the statements and commands in FILE");
    terminal.println("\\png QUERY      write each PNG the query returns (roi_png) to a file in "
        + PNG_FOLDER + "/");
    terminal.println("\\q              leave (so does Ctrl-D)");
    terminal.println("Tab completes keywords, tables, functions and columns (also after "
        + "an alias: r.<Tab>).");
  }

  private void tables() throws SQLException {
    for (String table : names.tables().keySet()) {
      terminal.println(table);
    }
  }

  private void columns(String table) throws SQLException {
    String name = table.toLowerCase(Locale.ROOT);
    var meta = session.connection().getMetaData();
    boolean any = false;
    try (var rows = meta.getColumns(null, "dicom", name, "%")) {
      while (rows.next()) {
        terminal.printf("%-28s %s%n", rows.getString("COLUMN_NAME"),
            rows.getString("TYPE_NAME"));
        any = true;
      }
    }
    if (!any) {
      terminal.println("No table " + table + "; \\d lists them.");
    }
  }

  private void functions() throws SQLException {
    for (SessionNames.FunctionName function : names.functions()) {
      String remarks = function.remarks() == null ? function.name() : function.remarks();
      int colon = remarks.indexOf(": ");
      terminal.println(colon < 0 ? remarks : remarks.substring(0, colon));
      if (colon >= 0) {
        terminal.println("    " + remarks.substring(colon + 2));
      }
    }
  }

  /** {@code \x on|off|auto}; alone it turns expanded display on, or back to auto. */
  private void expanded(String mode) {
    Layout.Expanded next;
    if (mode.isEmpty()) {
      next = session.expanded() == Layout.Expanded.ON ? Layout.Expanded.AUTO
          : Layout.Expanded.ON;
    } else {
      try {
        next = Layout.Expanded.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        terminal.println("Error: \\x takes on, off or auto");
        return;
      }
    }
    session.expanded(next);
    terminal.println("Expanded display is " + next.name().toLowerCase(Locale.ROOT)
        + (next == Layout.Expanded.AUTO ? " (records when a table is wider than the screen)."
            : "."));
  }

  private void format(String name) {
    if (!name.isEmpty()) {
      try {
        session.format(ResultFormat.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        terminal.println("Error: the format is one of table, csv, tsv, json");
        return;
      }
    }
    terminal.println("Format is " + session.format().name().toLowerCase(Locale.ROOT) + ".");
  }

  private void output(String file) throws IOException {
    if (results != terminal) {
      results.close();
      terminal.println("Results written to " + resultFile + "; now to the screen.");
    }
    results = terminal;
    session.rowLimit(Repl.ROW_LIMIT);
    if (!file.isEmpty()) {
      resultFile = Path.of(file).toAbsolutePath();
      results = new PrintWriter(Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8));
      // A file takes every row: the cut-off is for the screen.
      session.rowLimit(0);
      terminal.println("Results go to " + resultFile + " (\\o alone: back to the screen).");
    }
  }

  private void include(String file) throws IOException {
    if (file.isEmpty()) {
      terminal.println("Usage: \\i FILE");
      return;
    }
    for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
      lines.accept(line);
    }
  }

  /** Runs a query and writes the PNGs it returns, one path per line. */
  private void pngs(String sql) throws SQLException, IOException {
    String query = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    if (query.isBlank()) {
      terminal.println("Usage: \\png SELECT x.sop_uid, roi_png('RTSS_UID', 1, x.sop_uid) "
          + "FROM TABLE(roi_slices('RTSS_UID', 1)) x");
      return;
    }
    List<Path> files = session.writePngs(query, Path.of(PNG_FOLDER));
    for (Path file : files) {
      terminal.println(file.toAbsolutePath());
    }
    terminal.println(files.size() + (files.size() == 1 ? " PNG written." : " PNGs written."));
  }

  /** Ends writing to a file, if results go to one. */
  void close() {
    if (results != terminal) {
      results.close();
    }
  }
}
