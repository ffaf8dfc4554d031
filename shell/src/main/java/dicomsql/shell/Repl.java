package dicomsql.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell: statements end with {@code ;} and may span lines; history is kept
 * across sessions; Ctrl-C cancels a running query or clears the line, Ctrl-D leaves. A few
 * backslash commands: {@code \d}, {@code \d TABLE}, {@code \format}, {@code \timing},
 * {@code \png}, {@code \q}, {@code \?}.
 */
final class Repl {
  private static final String PROMPT = "dicomsql> ";
  private static final String CONTINUATION = "       -> ";
  private static final String PNG_FOLDER = "dicomsql-png";

  private final SqlSession session;
  private final Path history;

  Repl(SqlSession session, Path history) {
    this.session = session;
    this.history = history;
  }

  void run() throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      // Backslashes start commands and '!' is SQL: neither is jline's escape or history mark.
      DefaultParser parser = new DefaultParser();
      parser.setEscapeChars(new char[0]);
      LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser)
          .variable(LineReader.HISTORY_FILE, history)
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
      PrintWriter out = terminal.writer();
      terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
      out.println("dicomsql: SQL over DICOM. End statements with ';'. \\? for help, "
          + "\\q or Ctrl-D to leave.");
      StringBuilder buffer = new StringBuilder();
      while (true) {
        String line;
        try {
          line = reader.readLine(buffer.length() == 0 ? PROMPT : CONTINUATION);
        } catch (UserInterruptException e) {
          buffer.setLength(0);
          continue;
        } catch (EndOfFileException e) {
          return;
        }
        if (buffer.length() == 0 && line.strip().startsWith("\\")) {
          if (!command(line.strip(), out)) {
            return;
          }
          continue;
        }
        buffer.append(line).append('\n');
        Statements.Split split = Statements.split(buffer.toString());
        for (String sql : split.statements()) {
          session.maxWidth(Math.max(20, terminal.getWidth() / 3));
          try {
            session.run(sql, out);
          } catch (SQLException e) {
            out.println("Error: " + e.getMessage());
          }
        }
        buffer.setLength(0);
        if (!Statements.isBlank(split.rest())) {
          buffer.append(split.rest());
        }
      }
    }
  }

  /** Runs a backslash command; false when it asks to leave. */
  private boolean command(String line, PrintWriter out) {
    String[] words = line.split("\\s+");
    try {
      switch (words[0]) {
        case "\\q":
          return false;
        case "\\d":
          if (words.length == 1) {
            tables(out);
          } else {
            columns(words[1], out);
          }
          break;
        case "\\timing":
          session.timing(!session.timing());
          out.println("Timing is " + (session.timing() ? "on." : "off."));
          break;
        case "\\png":
          pngs(line.substring(words[0].length()).strip(), out);
          break;
        case "\\format":
          if (words.length == 2) {
            session.format(ResultFormat.valueOf(words[1].toUpperCase(Locale.ROOT)));
          }
          out.println("Format is " + session.format().name().toLowerCase(Locale.ROOT) + ".");
          break;
        case "\\?":
          out.println("\\d              list the tables");
          out.println("\\d TABLE        list a table's columns and types");
          out.println("\\format FORMAT  table, csv, tsv or json");
          out.println("\\timing         show how long each statement takes");
          out.println("\\png QUERY      write each PNG the query returns (roi_png) to a file in "
              + PNG_FOLDER + "/");
          out.println("\\q              leave (so does Ctrl-D)");
          break;
        default:
          out.println("Unknown command " + words[0] + "; \\? lists them.");
      }
    } catch (SQLException e) {
      out.println("Error: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      out.println("Error: the format is one of table, csv, tsv, json");
    } catch (IOException e) {
      out.println("Error: " + e.getMessage());
    }
    out.flush();
    return true;
  }

  /** Runs a query and writes the PNGs it returns, one path per line. */
  private void pngs(String sql, PrintWriter out) throws SQLException, IOException {
    String query = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    if (query.isBlank()) {
      out.println("Usage: \\png SELECT x.sop_uid, roi_png('RTSS_UID', 1, x.sop_uid) "
          + "FROM TABLE(roi_slices('RTSS_UID', 1)) x");
      return;
    }
    List<Path> files = session.writePngs(query, Path.of(PNG_FOLDER));
    for (Path file : files) {
      out.println(file.toAbsolutePath());
    }
    out.println(files.size() + (files.size() == 1 ? " PNG written." : " PNGs written."));
  }

  private void tables(PrintWriter out) throws SQLException {
    DatabaseMetaData meta = session.connection().getMetaData();
    try (ResultSet rows = meta.getTables(null, "dicom", "%", null)) {
      while (rows.next()) {
        out.println(rows.getString("TABLE_NAME"));
      }
    }
  }

  private void columns(String table, PrintWriter out) throws SQLException {
    DatabaseMetaData meta = session.connection().getMetaData();
    boolean any = false;
    try (ResultSet rows = meta.getColumns(null, "dicom", table.toLowerCase(Locale.ROOT), "%")) {
      while (rows.next()) {
        out.printf("%-28s %s%n", rows.getString("COLUMN_NAME"), rows.getString("TYPE_NAME"));
        any = true;
      }
    }
    if (!any) {
      out.println("No table " + table + "; \\d lists them.");
    }
  }
}
