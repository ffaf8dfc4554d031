package dicomsql.jdbc;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the errors Calcite raises into one line a user can act on: the "Error while executing
 * SQL" preamble and the parser's list of expected tokens go, the position stays, and an
 * unknown table, column or function gets the closest known name as a suggestion.
 */
final class SqlErrors {
  private static final Pattern OBJECT =
      Pattern.compile("Object '([^']+)' not found(?: within '[^']+')?");
  private static final Pattern COLUMN =
      Pattern.compile("Column '([^']+)' not found in (?:any table|table '[^']+')");
  private static final Pattern FUNCTION =
      Pattern.compile("No match found for function signature ([A-Za-z0-9_]+)\\(");
  private static final Pattern POSITION = Pattern.compile(
      "^(?:From|At) line (\\d+), column (\\d+)(?: to line \\d+, column \\d+)?: ");
  private static final String NOT_A_QUERY = "Non-query expression encountered in illegal context";
  private static final String UNABLE = "Unable to implement ";
  /** "java.io.IOException: " and the like, which wrapped causes put before their message. */
  private static final Pattern EXCEPTION_CLASS = Pattern.compile(
      "(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ");
  private static final Pattern PREAMBLE =
      Pattern.compile("^Error while executing SQL \".*?\": ", Pattern.DOTALL);

  /** What a name could have been meant as. */
  interface Names {
    Collection<String> tables();

    Collection<String> columns();

    Collection<String> functions();
  }

  private SqlErrors() {}

  static SQLException clean(SQLException e, Names names) {
    String message = message(e);
    if (message.equals("null")) {
      message = internalError(e);
    }
    Matcher object = OBJECT.matcher(message);
    Matcher column = COLUMN.matcher(message);
    Matcher function = FUNCTION.matcher(message);
    if (object.find()) {
      message = message.replace(object.group(), "table '" + object.group(1) + "' not found"
          + suggestion(object.group(1), names.tables()));
    } else if (column.find()) {
      String suggestion = suggestion(column.group(1), names.columns());
      message = message.replace(column.group(), "column '" + column.group(1) + "' not found"
          + (suggestion.isEmpty() ? " (text needs single quotes: '" + column.group(1) + "')"
              : suggestion));
    } else if (function.find()) {
      message = message + suggestion(function.group(1), names.functions());
    }
    SQLException clean = new SQLException(message, e.getSQLState(), e.getErrorCode(), e);
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }

  /** The message without the preamble, the parser's expectations or a repeated position. */
  private static String message(SQLException e) {
    String text = e.getMessage();
    for (Throwable t = e; (text == null || text.isBlank()) && t != null; t = t.getCause()) {
      text = t.getMessage();
    }
    if (text == null) {
      return e.getClass().getSimpleName();
    }
    text = PREAMBLE.matcher(text).replaceFirst("");
    text = EXCEPTION_CLASS.matcher(text).replaceAll("");
    int expecting = text.indexOf("Was expecting");
    if (expecting > 0) {
      text = text.substring(0, expecting);
    }
    text = POSITION.matcher(text).replaceFirst("line $1, column $2: ");
    text = text.replace(NOT_A_QUERY, "expected a query: SELECT, WITH, VALUES or EXPLAIN");
    if (text.startsWith(UNABLE)) {
      text = unimplementable(text);
    }
    return text.replaceAll("\\s+", " ").strip();
  }

  /**
   * Calcite's "Unable to implement" comes with the whole plan; what a user needs is the one
   * thing to change. A subquery as a table function's argument is the usual cause.
   */
  private static String unimplementable(String text) {
    if (text.contains("EnumerableTableFunctionScan") && text.contains("$SCALAR_QUERY")) {
      return "a table function's arguments cannot be subqueries; join it instead, e.g. "
          + "FROM rois r, LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x";
    }
    int end = text.indexOf('(', UNABLE.length());
    return "this query cannot be run as written (Calcite could not implement "
        + text.substring(UNABLE.length(), end < 0 ? text.length() : end) + ")";
  }

  /**
   * A failure without a message is a bug of ours (a NullPointerException, say): name it and
   * where it happened, so that a report can point at it.
   */
  private static String internalError(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String where = "";
    for (StackTraceElement frame : root.getStackTrace()) {
      if (frame.getClassName().startsWith("dicomsql.")) {
        where = " at " + frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1)
            + "." + frame.getMethodName() + ":" + frame.getLineNumber();
        break;
      }
    }
    return "internal error: " + root.getClass().getSimpleName() + where
        + " (please report it, with --verbose output)";
  }

  /** What a failure that is no SQLException says: its own message, else its cause's. */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        String message = EXCEPTION_CLASS.matcher(t.getMessage()).replaceAll("");
        if (t instanceof ArithmeticException) {
          return "arithmetic error: " + message;
        }
        return t instanceof NumberFormatException ? "not a number: " + message : message;
      }
    }
    return failure.getClass().getSimpleName();
  }

  /**
   * " (did you mean 'x'?)" when a known name is within a few edits, else "". Names of one or
   * two letters are more likely a string without its quotes than a misspelling.
   */
  static String suggestion(String typed, Collection<String> known) {
    if (typed.length() < 3) {
      return "";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : known) {
      int distance = distance(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = name;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(3, typed.length() / 3));
    return best != null && bestDistance <= allowed ? " (did you mean '" + best + "'?)" : "";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
            previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
