package dicomsql.jdbc;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableTableFunctionScan;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.Like;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.babel.postgres.SqlShow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Turns the errors Calcite raises into one line a user can act on, and gives each the
 * standard SQLState of its kind (PostgreSQL's codes: 42601 syntax, 42P01 unknown table, 42703
 * unknown column, 42883 unknown function, 42803 grouping, 22xxx a bad value, 0A000 what
 * Calcite cannot run, 25006 a write). The kind comes from the exception's type and where it
 * was raised, and for the validator's errors from the Calcite resource that made the message
 * ({@link CalciteMessage}); the position from the exception's fields, as
 * {@code line L, column C: }. An unknown table, column or function gets the closest known
 * name as a suggestion. Wrappers that only repeat their cause's message (Avatica's "Error
 * while executing SQL", a RuntimeException around an IOException) give way to the cause.
 */
final class SqlErrors {
  private static final Pattern NUMBER_INPUT = Pattern.compile("For input string: \"(.*)\"");
  private static final Pattern CAST = Pattern.compile(
      "class (?:[a-z0-9_]+\\.)*([A-Za-z0-9_$]+) cannot be cast to class "
          + "(?:[a-z0-9_]+\\.)*([A-Za-z0-9_$]+)");
  /**
   * The message of the IllegalStateException that the code Calcite generates for a scalar
   * subquery throws when it has several rows: Calcite's RexImpTable writes it as this text
   * and the name of the aggregate, SINGLE_VALUE; there is no resource or type of its own to
   * know it by.
   */
  private static final String SEVERAL_ROWS = "more than one value in agg "
      + SqlStdOperatorTable.SINGLE_VALUE.getName();
  static final String SYNTAX_ERROR = "42601";
  static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
  static final String UNDEFINED_TABLE = "42P01";
  static final String UNDEFINED_COLUMN = "42703";
  static final String UNDEFINED_FUNCTION = "42883";
  static final String GROUPING_ERROR = "42803";
  static final String QUERY_CANCELED = "57014";
  static final String INVALID_PARAMETER = "22023";
  static final String FEATURE_NOT_SUPPORTED = "0A000";
  static final String READ_ONLY = "25006";
  static final String INVALID_REGULAR_EXPRESSION = "2201B";
  static final String CARDINALITY_VIOLATION = "21000";
  /** The packages of Calcite that translate and plan a query. */
  private static final List<String> PLANNING = List.of("org.apache.calcite.sql2rel.",
      "org.apache.calcite.rex.", "org.apache.calcite.rel.", "org.apache.calcite.plan.");
  private static final String A_QUERY = "expected a query: SELECT, WITH, VALUES or EXPLAIN";

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

  /**
   * @param sql the statement that failed, when known: hints look at what stands at the
   *     error's position, and a refused write is named by its kind
   */
  static SQLException clean(SQLException e, Names names, String sql) {
    Problem problem = problem(e, names, sql);
    SQLException clean = new SQLException(problem.message().replaceAll("\\s+", " ").strip(),
        problem.state(), e.getErrorCode(), e);
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }

  /** What went wrong, in words, and its SQLState. */
  private record Problem(String message, String state) {}

  private static Problem problem(SQLException e, Names names, String sql) {
    Problem data = data(e);
    if (data != null) {
      return data;
    }
    SqlParseException parse = find(e, SqlParseException.class);
    if (parse != null ? isShow(sql) : parsed(sql).filter(SqlShow.class::isInstance).isPresent()) {
      return new Problem("SHOW statements are not supported: DatabaseMetaData lists the "
          + "tables and columns (in the shell: \\d, \\d TABLE)", FEATURE_NOT_SUPPORTED);
    }
    if (parse != null) {
      return new Problem(at(parse.getPos().getLineNum(), parse.getPos().getColumnNum())
          + syntax(parse), SYNTAX_ERROR);
    }
    CalciteContextException context = find(e, CalciteContextException.class);
    if (context != null) {
      return validation(context, names, sql);
    }
    Throwable origin = origin(e);
    if (origin instanceof RelOptPlanner.CannotPlanException) {
      String write = writeKind(sql);
      return write != null ? new Problem(write + " is not supported: the data is read-only",
          READ_ONLY) : new Problem("this query cannot be run as written (Calcite found no "
          + "plan for it)", FEATURE_NOT_SUPPORTED);
    }
    if (origin instanceof IllegalStateException && thrownBy(origin,
        EnumerableRelImplementor.class)) {
      return new Problem(unimplementable(origin), FEATURE_NOT_SUPPORTED);
    }
    if (origin instanceof UnsupportedOperationException || plannerLimit(origin)) {
      String write = writeKind(sql);
      return write != null ? new Problem(write + " is not supported: the data is read-only",
          READ_ONLY) : new Problem("this query cannot be run as written (Calcite cannot plan "
          + "it: " + firstLine(origin.getMessage()) + ")", FEATURE_NOT_SUPPORTED);
    }
    if (thrownBy(origin, Like.class)) {
      return new Problem(origin.getMessage(), INVALID_REGULAR_EXPRESSION);
    }
    if (origin instanceof IllegalStateException && SEVERAL_ROWS.equals(origin.getMessage())) {
      return new Problem("more than one row returned by a subquery used as a value",
          CARDINALITY_VIOLATION);
    }
    String message = origin.getMessage();
    return new Problem(message == null || message.isBlank() ? internalError(origin)
        : message, e.getSQLState());
  }

  /** "line L, column C: ", or "" where Calcite gave no position. */
  private static String at(int line, int column) {
    return line > 0 ? "line " + line + ", column " + column + ": " : "";
  }

  /**
   * A parse error: our parser's message names the token where it failed
   * ({@link DicomParser#normalizeException}); an expression where a statement should be gets
   * a word on what can stand there.
   */
  private static String syntax(SqlParseException parse) {
    String message = String.valueOf(parse.getMessage());
    if (CalciteMessage.of(message).map(CalciteMessage.Match::kind)
        .filter(CalciteMessage.NOT_A_QUERY::equals).isPresent()) {
      return A_QUERY;
    }
    return firstLine(message);
  }

  /** A validator's error, by the Calcite resource that raised it. */
  private static Problem validation(CalciteContextException context, Names names,
      String sql) {
    String bare = context.getCause() != null ? context.getCause().getMessage()
        : context.getMessage();
    String at = at(context.getPosLine(), context.getPosColumn());
    Optional<CalciteMessage.Match> match = CalciteMessage.of(bare);
    if (match.isEmpty()) {
      return new Problem(at + bare, SYNTAX_ERROR_OR_ACCESS_RULE);
    }
    String name = match.get().name();
    return switch (match.get().kind()) {
      case UNKNOWN_TABLE -> new Problem(at + "table '" + name + "' not found"
          + suggestion(name, names.tables()), UNDEFINED_TABLE);
      case UNKNOWN_COLUMN -> new Problem(at + "column '" + name + "' not found"
          + columnHint(name, names, sql, context), UNDEFINED_COLUMN);
      case UNKNOWN_FUNCTION -> new Problem(at + unknownFunction(name, bare, names),
          UNDEFINED_FUNCTION);
      case NOT_GROUPED -> new Problem(at + bare, GROUPING_ERROR);
      case NOT_A_QUERY -> new Problem(at + A_QUERY, SYNTAX_ERROR);
    };
  }

  /**
   * A function called as {@code called} (e.g. {@code roi_slices(<NUMERIC>)}) that matched
   * none: one of ours takes other arguments, else another dialect's function was meant (how it
   * is written here), else a function of a close name.
   */
  private static String unknownFunction(String called, String message, Names names) {
    int open = called.indexOf('(');
    String function = open < 0 ? called : called.substring(0, open);
    Optional<String> signature = names.signature(function);
    if (signature.isPresent()) {
      return "wrong arguments for " + signature.get() + ", given " + called;
    }
    Optional<String> writtenHere = OtherDialects.writtenHere(function);
    return writtenHere.isPresent() ? message + "; here it is written " + writtenHere.get()
        : message + suggestion(function, without(names.functions(), function));
  }

  /** A value the query could not compute: the message and the SQLState (class 22). */
  private static Problem data(Throwable e) {
    NumberFormatException number = find(e, NumberFormatException.class);
    if (number != null) {
      Matcher input = NUMBER_INPUT.matcher(String.valueOf(number.getMessage()));
      return new Problem(input.find() ? "'" + input.group(1) + "' is not a number"
          : "not a number: " + number.getMessage(), "22018");
    }
    ArithmeticException arithmetic = find(e, ArithmeticException.class);
    if (arithmetic != null) {
      boolean byZero = String.valueOf(arithmetic.getMessage()).contains("by zero");
      return byZero ? new Problem("division by zero", "22012")
          : new Problem("arithmetic error: " + arithmetic.getMessage(), "22003");
    }
    ClassCastException cast = find(e, ClassCastException.class);
    if (cast != null) {
      Matcher classes = CAST.matcher(String.valueOf(cast.getMessage()));
      return new Problem(classes.find() ? "a value of type " + classes.group(1) + " where a "
          + classes.group(2) + " is needed (a parameter set with the setter of another type?)"
          : "a value of the wrong type", "22005");
    }
    return null;
  }

  /**
   * After "column 'x' not found": the tables that do have it, else the columns a DICOM keyword
   * or another spelling of the name stands for, else the closest name, else, when
   * the name stands where a value would (after = or IN, or in double quotes), that text takes
   * single quotes.
   */
  private static String columnHint(String name, Names names, String sql,
      CalciteContextException where) {
    Collection<String> tables = names.tablesWith(name);
    if (!tables.isEmpty()) {
      return " in the query's tables; it is a column of " + String.join(", ", tables);
    }
    List<String> meant = KeywordColumns.meant(name, names.columns());
    if (!meant.isEmpty()) {
      return " (did you mean " + quotedList(meant) + "?)";
    }
    String suggestion = suggestion(name, names.columns());
    if (!suggestion.isEmpty()) {
      return suggestion;
    }
    return standsForAValue(sql, where.getPosLine(), where.getPosColumn())
        ? " (text needs single quotes: '" + name + "')" : "";
  }

  /** Whether the name at this position is double-quoted or follows a comparison. */
  private static boolean standsForAValue(String sql, int line, int column) {
    if (sql == null || line < 1) {
      return false;
    }
    String[] lines = sql.split("\n", -1);
    if (line > lines.length) {
      return false;
    }
    int offset = column - 1;
    for (int i = 0; i < line - 1; i++) {
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

  /**
   * Whether a statement that did not parse is a SHOW. Babel's parser knows PostgreSQL's
   * {@code SHOW name} (a {@link SqlShow}, refused by the validator), not MySQL's forms such as
   * {@code SHOW COLUMNS FROM t}, whose parse error says nothing of SHOW; their first word does.
   */
  private static boolean isShow(String sql) {
    return sql != null && sql.stripLeading().toUpperCase(Locale.ROOT).matches("(?s)SHOW\\b.*");
  }

  /**
   * Whether Calcite's translation or planning gave up on the query (an argument or state it
   * does not handle, raised in its relational algebra, not in the code running the query).
   */
  private static boolean plannerLimit(Throwable origin) {
    if (!(origin instanceof IllegalArgumentException || origin instanceof IllegalStateException)
        || origin.getStackTrace().length == 0) {
      return false;
    }
    String thrower = origin.getStackTrace()[0].getClassName();
    return PLANNING.stream().anyMatch(thrower::startsWith);
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** A write (INSERT, UPDATE, DELETE, MERGE) or DDL statement's kind, e.g. "CREATE TABLE". */
  private static String writeKind(String sql) {
    SqlKind kind = parsed(sql).map(SqlNode::getKind).orElse(SqlKind.OTHER);
    return kind.belongsTo(SqlKind.DML) || kind.belongsTo(SqlKind.DDL) ? kind.sql.replace('_', ' ')
        : null;
  }

  /** The statement as our parser reads it, if it is known and parses. */
  private static Optional<SqlNode> parsed(String sql) {
    if (sql == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(SqlParser.create(sql, SqlParser.config()
          .withParserFactory(DicomParser.FACTORY)).parseStmt());
    } catch (SqlParseException e) {
      return Optional.empty();
    }
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

  /**
   * The failure itself, under the wrappers that only repeat their cause's message: Avatica's
   * {@code Error while executing SQL "…": } + the cause's message, a
   * {@code new RuntimeException(cause)} whose message is the cause's class and message, one
   * without a message of its own.
   */
  static Throwable origin(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t && repeats(t, t.getCause())) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean repeats(Throwable wrapper, Throwable cause) {
    String message = wrapper.getMessage();
    return message == null || message.isBlank() || message.equals(cause.toString())
        || message.endsWith(String.valueOf(cause.getMessage()));
  }

  /** Whether the exception was raised in a method of this class. */
  private static boolean thrownBy(Throwable e, Class<?> type) {
    StackTraceElement[] frames = e.getStackTrace();
    return frames.length > 0 && frames[0].getClassName().equals(type.getName());
  }

  /** Whether one of the calls the exception was raised in is a method of this class. */
  private static boolean thrownWithin(Throwable e, Class<?> type) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().equals(type.getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Calcite's "Unable to implement" comes with the whole plan and, suppressed, the failure
   * underneath; what a user needs is the one thing to change. A subquery as a table
   * function's argument is the usual cause.
   */
  private static String unimplementable(Throwable failure) {
    for (Throwable underneath : failure.getSuppressed()) {
      if (thrownBy(underneath, RexToLixTranslator.class)
          && thrownWithin(underneath, EnumerableTableFunctionScan.class)) {
        return "a table function's arguments cannot be subqueries; join it instead, e.g. "
            + "FROM rois r, LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x";
      }
      for (StackTraceElement frame : underneath.getStackTrace()) {
        if (frame.getMethodName().equals("implement")) {
          String rel = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
          return "this query cannot be run as written (Calcite could not implement " + rel + ")";
        }
      }
    }
    return "this query cannot be run as written (Calcite could not implement its plan)";
  }

  /**
   * A failure without a message is a bug of ours (a NullPointerException, say): name it and
   * where it happened, so that a report can point at it.
   */
  private static String internalError(Throwable root) {
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

  /** "'a'", "'a' or 'b'", "'a', 'b' or 'c'". */
  private static String quotedList(List<String> names) {
    List<String> quoted = names.stream().map(name -> "'" + name + "'").toList();
    return quoted.size() == 1 ? quoted.get(0)
        : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or "
            + quoted.get(quoted.size() - 1);
  }

  /** " (did you mean 'x'?)" when a known name is close to the typed one, else "". */
  static String suggestion(String typed, Collection<String> known) {
    return ClosestName.among(typed, known).map(name -> " (did you mean '" + name + "'?)")
        .orElse("");
  }
}
