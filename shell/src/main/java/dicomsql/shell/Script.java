package dicomsql.shell;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a script as psql runs one: statements end with {@code ;} and may span lines; a line
 * that starts with a backslash between statements is a shell command. The first failure
 * stops the script with one line naming the script and the line (and column) where it
 * happened, {@code dicomsql:<stdin>:7:15: column 'bogus' not found}.
 */
final class Script {
  /** Our driver's errors start with their place in the statement. */
  private static final Pattern POSITION = Pattern.compile("^line (\\d+), column (\\d+): ");

  private final SqlSession session;
  private final BackslashCommands commands;
  private final String source;
  /** Text read but not yet run: a statement without its semicolon so far. */
  private final StringBuilder pending = new StringBuilder();
  /** Where the pending text starts in the script: its line (1-based) and column (0-based). */
  private int pendingLine = 1;
  private int pendingColumn;

  /**
   * @param source how errors name the script: {@code <stdin>} or the file as given; null
   *     for statements given on the command line, whose errors keep their own positions
   */
  Script(SqlSession session, BackslashCommands commands, String source) {
    this.session = session;
    this.commands = commands;
    this.source = source;
  }

  /** How a script ended: at its end or a {@code \q}, or at a failure (message and cause). */
  record Outcome(String error, Exception cause) {
    static final Outcome DONE = new Outcome(null, null);

    boolean failed() {
      return error != null;
    }
  }

  /** Runs the script's statements and commands in order, up to the first failure. */
  Outcome run(String text) {
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1)
          : lines[n];
      if (Statements.isBlank(pending.toString()) && line.strip().startsWith("\\")) {
        pending.setLength(0);
        try {
          if (!commands.run(line.strip())) {
            return Outcome.DONE;
          }
        } catch (CommandError | SQLException e) {
          return new Outcome(place(n + 1, 0) + e.getMessage(), e);
        }
        continue;
      }
      if (pending.length() == 0) {
        pendingLine = n + 1;
        pendingColumn = 0;
      }
      pending.append(line).append('\n');
      Outcome outcome = statements(n + 1 == lines.length);
      if (outcome.failed()) {
        return outcome;
      }
    }
    return Outcome.DONE;
  }

  /**
   * Runs the complete statements pending (at the end of the script, the last one even without
   * its semicolon) and keeps the rest, with the place where it starts.
   */
  private Outcome statements(boolean last) {
    String text = pending.toString();
    Statements.Split split = Statements.split(text);
    for (Statements.Statement statement : split.statements()) {
      Outcome outcome = statement(text, statement);
      if (outcome.failed()) {
        return outcome;
      }
    }
    int restStart = text.length() - split.rest().length();
    if (Statements.isBlank(split.rest())) {
      pending.setLength(0);
      return Outcome.DONE;
    }
    if (last) {
      int leading = split.rest().length() - split.rest().stripLeading().length();
      return statement(text, new Statements.Statement(split.rest().strip(),
          restStart + leading));
    }
    int[] place = positionOf(text, restStart);
    pendingLine = place[0];
    pendingColumn = place[1];
    pending.delete(0, restStart);
    return Outcome.DONE;
  }

  private Outcome statement(String text, Statements.Statement statement) {
    try {
      session.run(statement.sql(), commands.results());
      return Outcome.DONE;
    } catch (SQLException e) {
      int[] place = positionOf(text, statement.start());
      return new Outcome(located(e.getMessage(), place[0], place[1]), e);
    }
  }

  /** The script's line and (0-based) column of an offset in the pending text. */
  private int[] positionOf(String text, int offset) {
    int line = pendingLine;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + (line == pendingLine ? pendingColumn : 0)};
  }

  /**
   * The message with the statement's own "line L, column C" turned into the script's line and
   * column, given the statement's first line and the column it starts at (0-based).
   */
  private String located(String message, int line, int column) {
    if (source == null) {
      return message;
    }
    Matcher position = POSITION.matcher(message);
    if (!position.find()) {
      return place(line, 0) + message;
    }
    int inStatement = Integer.parseInt(position.group(1));
    int col = Integer.parseInt(position.group(2));
    return place(line + inStatement - 1, inStatement == 1 ? column + col : col)
        + message.substring(position.end());
  }

  /** {@code source:line:} or, when the column is known, {@code source:line:column:}. */
  private String place(int line, int column) {
    if (source == null) {
      return "";
    }
    return source + ":" + line + ":" + (column > 0 ? column + ":" : "") + " ";
  }

}
