package dicomsql.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell: statements end with {@code ;} and may span lines; history is kept
 * across sessions; Tab completes names; Ctrl-C cancels a running query or clears the line,
 * Ctrl-D leaves. Tables show at most {@value #ROW_LIMIT} rows, each value cut to a third of the
 * terminal's width, as records when a table would be wider than the terminal, and the row
 * count and time after; backslash commands do the rest ({@link BackslashCommands}).
 */
final class Repl {
  static final int ROW_LIMIT = 1000;
  private static final String PROMPT = "dicomsql> ";
  private static final String CONTINUATION = "       -> ";

  private final SqlSession session;
  private final Path history;
  private final StringBuilder buffer = new StringBuilder();
  private Terminal terminal;
  private BackslashCommands commands;
  private boolean leaving;

  Repl(SqlSession session, Path history) {
    this.session = session;
    this.history = history;
  }

  void run() throws IOException {
    try (Terminal system = TerminalBuilder.builder().system(true).build()) {
      run(system);
    }
  }

  /** Runs on a given terminal (tests pass one over streams) until Ctrl-D or {@code \q}. */
  void run(Terminal on) {
    this.terminal = on;
    PrintWriter out = terminal.writer();
    SessionNames names = new SessionNames(session.connection());
    commands = new BackslashCommands(session, names, out, this::feed);
    // Backslashes start commands and '!' is SQL: neither is jline's escape or history mark.
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]);
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser)
        .completer(new SqlCompleter(names, buffer::toString))
        .variable(LineReader.HISTORY_FILE, history)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .build();
    terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
    session.timing(true);
    session.rowLimit(ROW_LIMIT);
    session.expanded(Layout.Expanded.AUTO);
    out.println("dicomsql: end statements with ';'. Tab completes, \\? helps, "
        + "\\q or Ctrl-D leaves.");
    try {
      while (!leaving) {
        try {
          feed(reader.readLine(buffer.length() == 0 ? PROMPT : CONTINUATION));
        } catch (UserInterruptException e) {
          buffer.setLength(0);
        } catch (EndOfFileException e) {
          return;
        }
      }
    } finally {
      commands.close();
      out.flush();
    }
  }

  /** Takes one line as typed: a backslash command, or part of a statement. */
  private void feed(String line) {
    if (buffer.length() == 0 && line.strip().startsWith("\\")) {
      leaving = !commands.run(line.strip());
      return;
    }
    buffer.append(line).append('\n');
    Statements.Split split = Statements.split(buffer.toString());
    for (String sql : split.statements()) {
      session.maxWidth(Math.max(20, terminal.getWidth() / 3));
      session.screenWidth(terminal.getWidth());
      try {
        session.run(sql, commands.results());
      } catch (SQLException e) {
        terminal.writer().println("Error: " + e.getMessage());
      }
      terminal.writer().flush();
    }
    buffer.setLength(0);
    if (!Statements.isBlank(split.rest())) {
      buffer.append(split.rest());
    }
  }
}
