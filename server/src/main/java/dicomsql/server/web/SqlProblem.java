package dicomsql.server.web;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed statement as the console shows it: the driver's one-line message and SQLState, and
 * where in the statement it went wrong when the message says (the driver keeps the parser's
 * and validator's "line L, column C to line L2, column C2").
 */
record SqlProblem(String message, String sqlState, int[] position) {
  private static final Pattern POSITION = Pattern.compile(
      "line (\\d+), column (\\d+)(?: to line (\\d+), column (\\d+))?");

  static SqlProblem of(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    Matcher where = POSITION.matcher(line);
    int[] position = null;
    if (where.find()) {
      int startLine = Integer.parseInt(where.group(1));
      int startColumn = Integer.parseInt(where.group(2));
      position = where.group(3) == null ? new int[] {startLine, startColumn, startLine,
          startColumn} : new int[] {startLine, startColumn, Integer.parseInt(where.group(3)),
          Integer.parseInt(where.group(4))};
    }
    return new SqlProblem(line, e.getSQLState(), position);
  }
}
