package dicomsql.shell;

import dicomsql.jdbc.ClosestName;
import dicomsql.server.web.SqlFunctions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shell's backslash commands, in the shell and in scripts. What they list goes where
 * results go (the screen, standard output, or a file after {@code \o}); what they confirm goes
 * to {@code messages} (the screen in the shell, standard error in a script).
 */
final class BackslashCommands {
  static final List<String> NAMES = List.of("\\d", "\\dt", "\\df", "\\l", "\\x", "\\timing",
      "\\format", "\\pset", "\\o", "\\i", "\\png", "\\h", "\\q", "\\?");

  private final SqlSession session;
  private final SessionNames names;
  private final PrintWriter messages;
  private final PrintWriter screen;
  private PrintWriter results;
  private Path resultFile;
  private Path pngFolder;
  /** The interactive shell's pager; null in scripts, which are never paged. */
  private Pager pager;

  /**
   * @param messages where confirmations go
   * @param screen where results go until {@code \o} names a file
   */
  BackslashCommands(SqlSession session, SessionNames names, PrintWriter messages,
      PrintWriter screen) {
    this.session = session;
    this.names = names;
    this.messages = messages;
    this.screen = screen;
    this.results = screen;
  }

  /** The pager that {@code \pset pager} turns on and off. */
  void pager(Pager shellPager) {
    this.pager = shellPager;
  }

  /** Where results go: the screen, or the file {@code \o} named. */
  PrintWriter results() {
    return results;
  }

  /** Whether results go to a file rather than the screen. */
  boolean toFile() {
    return results != screen;
  }

  /** Runs a backslash command; false when it asks to leave. */
  boolean run(String line) throws CommandError, SQLException {
    String[] words = line.strip().split("\\s+", 2);
    String argument = words.length > 1 ? words[1].strip() : "";
    switch (words[0]) {
      case "\\q" -> {
        return false;
      }
      case "\\d", "\\dt" -> {
        if (argument.isEmpty()) {
          tables();
        } else {
          columns(argument);
        }
      }
      case "\\df" -> functions();
      case "\\l" -> results.println("dicom    " + session.connection().getMetaData().getURL());
      case "\\x" -> expanded(argument);
      case "\\timing" -> {
        session.timing(!session.timing());
        messages.println("Timing is " + (session.timing() ? "on." : "off."));
      }
      case "\\format" -> format(argument);
      case "\\pset" -> pset(argument);
      case "\\o" -> output(argument);
      case "\\i" -> include(argument);
      case "\\png" -> pngs(argument);
      case "\\?" -> help();
      case "\\h" -> results.println(SqlHelp.help(argument));
      default -> throw new CommandError("unknown command " + words[0] + "; \\? lists them");
    }
    results.flush();
    messages.flush();
    return true;
  }

  private void help() {
    results.println("\\d, \\dt         list the tables: type, rows, what a row is");
    results.println("\\d TABLE        list a table's columns, types, key and nullability");
    results.println("\\df             list the functions with their signatures");
    results.println("\\l              the data folder this session queries");
    results.println("\\x [on|off|auto] expanded display: one record per block (auto: when a "
        + "table is wider than the screen)");
    results.println("\\format FORMAT  table, csv, tsv or json");
    results.println("\\timing         show how long each statement takes");
    results.println("\\pset pager [on|off] show results taller or wider than the screen "
        + "through $PAGER (default: less -SRFX)");
    results.println("\\o FILE         write results to FILE (\\o alone: back to the screen)");
    results.println("\\i FILE         run the statements and commands in FILE");
    results.println("\\png QUERY      write each PNG the query returns (roi_png) to a file in "
        + "a temporary folder, and print their paths");
    results.println("\\h [STATEMENT]  the SQL statements, or the form of one");
    results.println("\\q              leave (so does Ctrl-D)");
    results.println("Tab completes keywords, tables, functions and columns (also after "
        + "an alias: r.<Tab>).");
  }

  /**
   * The tables, as psql's {@code \dt} lists them: schema, name, type, then the rows (counted by
   * the index, without reading a row; not for {@code attributes}, which would read every file)
   * and what a row is.
   */
  private void tables() throws SQLException {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"schema", "name", "type", "rows", "description"});
    try (ResultSet rows = session.connection().getMetaData().getTables(null, "dicom", "%",
        null)) {
      while (rows.next()) {
        String table = rows.getString("TABLE_NAME");
        String remarks = rows.getString("REMARKS");
        lines.add(new String[] {rows.getString("TABLE_SCHEM"), table,
            rows.getString("TABLE_TYPE").toLowerCase(Locale.ROOT),
            table.equals("attributes") ? "" : String.format(Locale.ROOT, "%,d", count(table)),
            remarks == null ? "" : remarks});
      }
    }
    aligned(lines, 3);
  }

  private long count(String table) throws SQLException {
    try (Statement statement = session.connection().createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Lines of cells in columns two spaces apart, left-aligned but for the column
   * {@code rightAligned} (-1: none), the last not padded.
   */
  private void aligned(List<String[]> lines, int rightAligned) {
    int[] widths = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        String cell = i == line.length - 1 ? line[i] : String.format(Locale.ROOT,
            "%" + (i == rightAligned ? "" : "-") + widths[i] + "s", line[i]);
        text.append(i == 0 ? "" : "  ").append(cell);
      }
      results.println(text.toString().stripTrailing());
    }
  }

  /** A table's columns with their type, whether they may be NULL and their place in the key. */
  private void columns(String table) throws SQLException, CommandError {
    String name = table.toLowerCase(Locale.ROOT);
    if (!names.tables().containsKey(name)) {
      throw new CommandError("no table " + table + ClosestName.among(name,
          names.tables().keySet()).map(known -> " (did you mean '" + known + "'?)").orElse("")
          + "; \\d lists them");
    }
    DatabaseMetaData meta = session.connection().getMetaData();
    Map<String, Integer> key = new HashMap<>();
    try (ResultSet rows = meta.getPrimaryKeys(null, "dicom", name)) {
      while (rows.next()) {
        key.put(rows.getString("COLUMN_NAME"), rows.getInt("KEY_SEQ"));
      }
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"column", "type", "nullable", "key"});
    try (ResultSet rows = meta.getColumns(null, "dicom", name, "%")) {
      while (rows.next()) {
        String column = rows.getString("COLUMN_NAME");
        lines.add(new String[] {column, rows.getString("TYPE_NAME"),
            "YES".equals(rows.getString("IS_NULLABLE")) ? "yes" : "not null",
            key.containsKey(column) ? "primary key (" + key.get(column) + ")" : ""});
      }
    }
    results.println("Table dicom." + name);
    aligned(lines, -1);
  }

  private void functions() throws SQLException {
    for (SqlFunctions.Function function : names.functions()) {
      results.println(function.signature());
      if (!function.meaning().isEmpty()) {
        results.println("    " + function.meaning());
      }
    }
  }

  /** {@code \x on|off|auto}; alone it turns expanded display on, or back to auto. */
  private void expanded(String mode) throws CommandError {
    Layout.Expanded next;
    if (mode.isEmpty()) {
      next = session.expanded() == Layout.Expanded.ON ? Layout.Expanded.AUTO
          : Layout.Expanded.ON;
    } else {
      try {
        next = Layout.Expanded.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandError("\\x takes on, off or auto, not '" + mode + "'");
      }
    }
    session.expanded(next);
    messages.println("Expanded display is " + next.name().toLowerCase(Locale.ROOT)
        + (next == Layout.Expanded.AUTO ? " (records when a table is wider than the screen)."
            : "."));
  }

  /** {@code \pset pager [on|off]}: psql's switch for the pager (no argument: toggle). */
  private void pset(String argument) throws CommandError {
    String[] words = argument.split("\\s+");
    if (!words[0].equalsIgnoreCase("pager") || words.length > 2) {
      throw new CommandError("\\pset knows only pager [on|off], not '" + argument + "'");
    }
    if (pager == null) {
      messages.println("Scripts are never paged.");
      return;
    }
    boolean wanted;
    if (words.length == 1) {
      wanted = !pager.on();
    } else if (words[1].equalsIgnoreCase("on") || words[1].equalsIgnoreCase("off")) {
      wanted = words[1].equalsIgnoreCase("on");
    } else {
      throw new CommandError("\\pset pager takes on or off, not '" + words[1] + "'");
    }
    if (!pager.on(wanted)) {
      throw new CommandError("no pager to use: $PAGER is empty");
    }
    messages.println(wanted ? "Pager is used for long output." : "Pager usage is off.");
  }

  private void format(String name) throws CommandError {
    if (!name.isEmpty()) {
      try {
        session.format(ResultFormat.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new CommandError("the format is one of table, csv, tsv, json, not '" + name
            + "'");
      }
    }
    messages.println("Format is " + session.format().name().toLowerCase(Locale.ROOT) + ".");
  }

  private void output(String file) throws CommandError {
    PrintWriter next = screen;
    Path path = null;
    if (!file.isEmpty()) {
      path = Path.of(file).toAbsolutePath();
      try {
        next = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CommandError("cannot write " + path + ": " + reason(e));
      }
    }
    if (toFile()) {
      results.close();
      messages.println("Results written to " + resultFile + (path == null
          ? "; now to the screen." : "."));
    }
    results = next;
    resultFile = path;
    if (path != null) {
      messages.println("Results go to " + path + " (\\o alone: back to the screen).");
    }
  }

  private void include(String file) throws CommandError {
    if (file.isEmpty()) {
      throw new CommandError("usage: \\i FILE");
    }
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandError("cannot read " + file + ": " + reason(e));
    }
    Script.Outcome outcome = new Script(session, this, file).run(text);
    if (outcome.failed()) {
      throw new CommandError(outcome.error());
    }
  }

  /** Why a file could not be opened, without Java's exception names. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  /**
   * Runs a query and writes the PNGs it returns into a temporary folder of this session (never
   * the working folder, which may be a checkout), one path per line.
   */
  private void pngs(String sql) throws SQLException, CommandError {
    String query = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    if (query.isBlank()) {
      throw new CommandError("usage: \\png SELECT x.sop_uid, roi_png('RTSS_UID', 1, x.sop_uid) "
          + "FROM TABLE(roi_slices('RTSS_UID', 1)) x");
    }
    try {
      if (pngFolder == null) {
        pngFolder = Files.createTempDirectory("dicomsql-png-");
      }
      PngExport.Written written = session.writePngs(query, pngFolder);
      for (Path file : written.files()) {
        results.println(file.toAbsolutePath());
      }
      if (written.files().isEmpty()) {
        messages.println(written.rows() == 0 ? "No PNG written: the query returned no rows."
            : "No PNG written: none of the " + written.rows() + " rows holds a PNG (roi_png "
                + "is NULL for an image the ROI does not touch).");
      } else {
        messages.println(written.files().size() + (written.files().size() == 1 ? " PNG" : " PNGs")
            + " written to " + pngFolder);
      }
    } catch (IOException e) {
      throw new CommandError("cannot write the PNGs: " + reason(e));
    }
  }

  /** Ends writing to a file, if results go to one. */
  void close() {
    if (toFile()) {
      results.close();
    }
  }
}
