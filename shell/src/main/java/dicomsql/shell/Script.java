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
    StringBuilder pending = new StringBuilder();
    int pendingLine = 1;
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
      }
      pending.append(line).append('\n');
      Outcome outcome = statements(pending, pendingLine, n + 1 == lines.length);
      if (outcome.failed()) {
        return outcome;
      }
    }
    return Outcome.DONE;
  }

  /**
   * Runs the complete statements in {@code pending} (at the end of the script, the last one
   * even without its semicolon) and leaves the rest.
   */
  private Outcome statements(StringBuilder pending, int firstLine, boolean last) {
    String text = pending.toString();
    Statements.Split split = Statements.split(text);
    for (Statements.Statement statement : split.statements()) {
      Outcome outcome = statement(text, statement, firstLine);
      if (outcome.failed()) {
        return outcome;
      }
    }
    pending.setLength(0);
    if (Statements.isBlank(split.rest())) {
      return Outcome.DONE;
    }
    if (!last) {
      pending.append(split.rest());
      return Outcome.DONE;
    }
    int leading = split.rest().length() - split.rest().stripLeading().length();
    int start = text.length() - split.rest().length() + leading;
    return statement(text, new Statements.Statement(split.rest().strip(), start), firstLine);
  }

  private Outcome statement(String text, Statements.Statement statement, int firstLine) {
    try {
      session.run(statement.sql(), commands.results());
      return Outcome.DONE;
    } catch (SQLException e) {
      int line = firstLine;
      int lineStart = 0;
      for (int i = 0; i < statement.start(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new Outcome(located(e.getMessage(), line, statement.start() - lineStart), e);
    }
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
