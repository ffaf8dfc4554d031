package dicomsql.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell: statements end with {@code ;} and may span lines; history is kept
 * across sessions; Tab completes names; Ctrl-C cancels a running query or clears the line,
 * Ctrl-D leaves. Tables show at most {@value #ROW_LIMIT} rows, as records when a table would be
 * wider than the terminal (values cut to fit only then), and the row count and time after;
 * results written to a file ({@code \o}) are every row in full. Results taller or wider than
 * the terminal go through the pager ({@link Pager}). Backslash commands do the rest
 * ({@link BackslashCommands}).
 */
final class Repl {
  static final int ROW_LIMIT = 1000;
  private static final String PROMPT = "dicomsql> ";
  private static final String CONTINUATION = "       -> ";
  private static final String WRITE_FAILED = "Error: could not write the results (disk full?)";

  private final SqlSession session;
  private final Path history;
  private final boolean verbose;
  private final String pagerCommand;
  private Terminal terminal;
  private Pager pager;
  private BackslashCommands commands;
  private boolean leaving;

  /**
   * @param verbose whether errors show their stack trace after their one line
   * @param pagerCommand the command that pages long results ({@link Pager#command}); null or
   *     blank: none
   */
  Repl(SqlSession session, Path history, boolean verbose, String pagerCommand) {
    this.session = session;
    this.history = history;
    this.verbose = verbose;
    this.pagerCommand = pagerCommand;
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
    commands = new BackslashCommands(session, names, out, out);
    pager = new Pager(terminal, pagerCommand);
    commands.pager(pager);
    LineReader reader = LineReaderBuilder.builder().terminal(terminal)
        .parser(new StatementParser())
        .completer(new SqlCompleter(names))
        .variable(LineReader.HISTORY_FILE, history)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        // An indented line is part of a statement, not a line to keep out of the history.
        .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
        .build();
    terminal.handle(Terminal.Signal.INT, signal -> session.cancel());
    session.timing(true);
    session.expanded(Layout.Expanded.AUTO);
    out.println("dicomsql: end statements with ';'. Tab completes, \\? helps, "
        + "\\q or Ctrl-D leaves.");
    try {
      while (!leaving) {
        try {
          feed(reader.readLine(PROMPT));
        } catch (UserInterruptException e) {
          // Ctrl-C at the prompt drops what was typed.
        } catch (EndOfFileException e) {
          return;
        }
      }
    } finally {
      commands.close();
      out.flush();
    }
  }

  /**
   * Takes what the reader accepted: a backslash command, or complete statements (the parser
   * asks for more lines until the last one ends with its semicolon).
   */
  private void feed(String text) {
    PrintWriter out = terminal.writer();
    if (text.strip().startsWith("\\")) {
      try {
        leaving = !commands.run(text.strip());
      } catch (CommandError | SQLException e) {
        error(e);
      } catch (ClosedOutput e) {
        out.println(WRITE_FAILED);
      }
      out.flush();
      return;
    }
    for (Statements.Statement statement : Statements.split(text).statements()) {
      // A file takes every row in full: the cut-off and the cutting are for the screen.
      session.screenWidth(commands.toFile() ? 0 : terminal.getWidth());
      session.rowLimit(commands.toFile() ? 0 : ROW_LIMIT);
      // What goes to the screen is held until it is complete, to see whether it fits.
      StringWriter shown = new StringWriter();
      PrintWriter results = commands.toFile() ? commands.results() : new PrintWriter(shown);
      try {
        session.run(statement.sql(), results);
        pager.show(shown.toString());
      } catch (SQLException e) {
        pager.show(shown.toString());
        error(e);
      } catch (ClosedOutput e) {
        out.println(WRITE_FAILED);
      }
      out.flush();
    }
  }

  /** Shows an error: one line, and with --verbose its stack trace. */
  private void error(Exception e) {
    PrintWriter out = terminal.writer();
    out.println("Error: " + Cells.visible(e.getMessage()));
    if (verbose) {
      e.printStackTrace(out);
    }
  }

  /**
   * jline's parser, told that a statement goes on until its semicolon: the reader then keeps
   * the lines of one statement together, to edit and to recall from the history as one.
   * Backslashes start commands and '!' is SQL: neither is an escape or a history mark.
   */
  private static final class StatementParser extends DefaultParser {
    StatementParser() {
      setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith("\\")
          && !Statements.isBlank(Statements.split(line).rest())) {
        throw new EOFError(-1, -1, "the statement goes on until ';'");
      }
      return super.parse(line, cursor, context);
    }
  }
}
