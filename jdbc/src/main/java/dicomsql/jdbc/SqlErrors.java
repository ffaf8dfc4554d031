package dicomsql.jdbc;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns the errors Calcite raises into one line a user can act on: the "Error while executing
 * SQL" preamble and the parser's list of expected tokens go, the position stays, and an
 * unknown table, column or function gets the closest known name as a suggestion; and each
 * error gets the standard SQLState of its kind (PostgreSQL's codes: 42601 syntax, 42P01
 * unknown table, 42703 unknown column, 42883 unknown function, 22xxx a bad value).
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
  private static final Pattern NUMBER_INPUT = Pattern.compile("For input string: \"(.*)\"");
  private static final Pattern CAST = Pattern.compile(
      "class (?:[a-z0-9_]+\\.)*([A-Za-z0-9_$]+) cannot be cast to class "
          + "(?:[a-z0-9_]+\\.)*([A-Za-z0-9_$]+)");
  static final String SYNTAX_ERROR = "42601";
  static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
  static final String UNDEFINED_TABLE = "42P01";
  static final String UNDEFINED_COLUMN = "42703";
  static final String UNDEFINED_FUNCTION = "42883";
  static final String QUERY_CANCELED = "57014";
  static final String FEATURE_NOT_SUPPORTED = "0A000";
  private static final Pattern PREAMBLE =
      Pattern.compile("^Error while executing SQL \".*?\": ", Pattern.DOTALL);

  /** What a name could have been meant as. */
  interface Names {
    Collection<String> tables();

    Collection<String> columns();

    Collection<String> functions();

    /** The tables that have a column of this name (case ignored). */
    Collection<String> tablesWith(String column);

    /** The signature of one of our functions, e.g. {@code roi_volume_cc(rtss_uid, roi_number)}. */
    Optional<String> signature(String function);
  }

  private SqlErrors() {}

  static SQLException clean(SQLException e, Names names) {
    String message = message(e);
    if (message.equals("null")) {
      message = internalError(e);
    }
    String state = e.getSQLState();
    Matcher object = OBJECT.matcher(message);
    Matcher column = COLUMN.matcher(message);
    Matcher function = FUNCTION.matcher(message);
    if (object.find()) {
      message = message.replace(object.group(), "table '" + object.group(1) + "' not found"
          + suggestion(object.group(1), names.tables()));
      state = UNDEFINED_TABLE;
    } else if (column.find()) {
      message = message.replace(column.group(), "column '" + column.group(1) + "' not found"
          + columnHint(column.group(1), names, find(e, CalciteContextException.class)));
      state = UNDEFINED_COLUMN;
    } else if (function.find()) {
      String name = function.group(1);
      Optional<String> signature = names.signature(name);
      message = signature.isPresent()
          ? message.replace(function.group(), "wrong arguments for " + signature.get()
              + ", given " + name + "(")
          : message + suggestion(name, without(names.functions(), name));
      state = UNDEFINED_FUNCTION;
    } else if (find(e, SqlParseException.class) != null) {
      state = SYNTAX_ERROR;
    } else if (find(e, CalciteContextException.class) != null) {
      state = SYNTAX_ERROR_OR_ACCESS_RULE;
    }
    if (isShow(e)) {
      message = "SHOW statements are not supported: DatabaseMetaData lists the tables and "
          + "columns (in the shell: \\d, \\d TABLE)";
      state = FEATURE_NOT_SUPPORTED;
    }
    Data data = data(e);
    if (data != null) {
      message = data.message();
      state = data.state();
    }
    SQLException clean = new SQLException(message, state, e.getErrorCode(), e);
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }

  /** A value the query could not compute: the message and the SQLState (class 22). */
  private record Data(String message, String state) {}

  private static Data data(Throwable e) {
    NumberFormatException number = find(e, NumberFormatException.class);
    if (number != null) {
      Matcher input = NUMBER_INPUT.matcher(String.valueOf(number.getMessage()));
      return new Data(input.find() ? "'" + input.group(1) + "' is not a number"
          : "not a number: " + number.getMessage(), "22018");
    }
    ArithmeticException arithmetic = find(e, ArithmeticException.class);
    if (arithmetic != null) {
      boolean byZero = String.valueOf(arithmetic.getMessage()).contains("by zero");
      return byZero ? new Data("division by zero", "22012")
          : new Data("arithmetic error: " + arithmetic.getMessage(), "22003");
    }
    ClassCastException cast = find(e, ClassCastException.class);
    if (cast != null) {
      Matcher classes = CAST.matcher(String.valueOf(cast.getMessage()));
      return new Data(classes.find() ? "a value of type " + classes.group(1) + " where a "
          + classes.group(2) + " is needed (a parameter set with the setter of another type?)"
          : "a value of the wrong type", "22005");
    }
    return null;
  }

  /**
   * After "column 'x' not found": the tables that do have it, else the closest name, else, when
   * the name stands where a value would (after = or IN, or in double quotes), that text takes
   * single quotes.
   */
  private static String columnHint(String name, Names names, CalciteContextException where) {
    Collection<String> tables = names.tablesWith(name);
    if (!tables.isEmpty()) {
      return " in the query's tables; it is a column of " + String.join(", ", tables);
    }
    String suggestion = suggestion(name, names.columns());
    if (!suggestion.isEmpty()) {
      return suggestion;
    }
    return where != null && standsForAValue(where) ? " (text needs single quotes: '" + name
        + "')" : "";
  }

  /** Whether the name at the error's position is double-quoted or follows a comparison. */
  private static boolean standsForAValue(CalciteContextException where) {
    String sql = where.getOriginalStatement();
    if (sql == null || where.getPosLine() < 1) {
      return false;
    }
    String[] lines = sql.split("\n", -1);
    if (where.getPosLine() > lines.length) {
      return false;
    }
    int offset = where.getPosColumn() - 1;
    for (int i = 0; i < where.getPosLine() - 1; i++) {
      offset += lines[i].length() + 1;
    }
    if (offset < 0 || offset >= sql.length()) {
      return false;
    }
    if (sql.charAt(offset) == '"') {
      return true;
    }
    String before = sql.substring(0, offset).stripTrailing().toUpperCase(Locale.ROOT);
    return before.endsWith("=") || before.endsWith(">") || before.endsWith("<")
        || before.endsWith(" IN (") || before.endsWith(" IN(") || before.endsWith(" LIKE");
  }

  /** Whether the failed statement is a SHOW, which Babel's parser reads as a column name. */
  private static boolean isShow(Throwable e) {
    CalciteContextException context = find(e, CalciteContextException.class);
    String sql = context == null ? null : context.getOriginalStatement();
    return sql != null && sql.stripLeading().toUpperCase(Locale.ROOT).matches("(?s)SHOW\\b.*");
  }

  private static Collection<String> without(Collection<String> names, String name) {
    return names.stream().filter(n -> !n.equalsIgnoreCase(name)).toList();
  }

  /** The first of the causes (the exception itself included) of the given type, or null. */
  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
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
        return EXCEPTION_CLASS.matcher(t.getMessage()).replaceAll("");
      }
    }
    return failure.getClass().getSimpleName();
  }

  /** " (did you mean 'x'?)" when a known name is close to the typed one, else "". */
  static String suggestion(String typed, Collection<String> known) {
    return ClosestName.among(typed, known).map(name -> " (did you mean '" + name + "'?)")
        .orElse("");
  }
}
