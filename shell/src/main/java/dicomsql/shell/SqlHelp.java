package dicomsql.shell;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The shell's {@code \h}: the forms of the SQL statements dicomsql runs, as psql's \h shows. */
final class SqlHelp {
  private static final Map<String, String> STATEMENTS = new TreeMap<>(Map.of(
      "SELECT", """
          SELECT [ DISTINCT ] expression [ [ AS ] name ] [, ...]
              [ FROM table [ [ AS ] alias ] [ [ LEFT | RIGHT | FULL ] JOIN table ON condition ]
                     [, LATERAL TABLE(function(arguments)) [ AS ] alias ] ]
              [ WHERE condition ]
              [ GROUP BY expression [, ...] ] [ HAVING condition ]
              [ { UNION | INTERSECT | EXCEPT } [ ALL ] select ]
              [ ORDER BY expression [ ASC | DESC ] [ NULLS { FIRST | LAST } ] [, ...] ]
              [ LIMIT count ] [ OFFSET start ]""",
      "WITH", "WITH name [ ( column [, ...] ) ] AS ( select ) [, ...] select",
      "VALUES", "VALUES ( expression [, ...] ) [, ...]",
      "EXPLAIN", """
          EXPLAIN [ PLAN FOR ] select
              (shows what the index answers, index=[...], and what is checked per row,
              filter=[...])"""));

  private SqlHelp() {}

  /** The list of statements, or the form of one. */
  static String help(String statement) {
    if (statement.isEmpty()) {
      return "Statements: " + String.join(", ", STATEMENTS.keySet()) + " (queries only: the "
          + "data folder is never written). \\h SELECT shows one.";
    }
    String form = STATEMENTS.get(statement.strip().toUpperCase(Locale.ROOT));
    return form != null ? form : "No help for " + statement + ": dicomsql runs "
        + String.join(", ", STATEMENTS.keySet()) + ".";
  }
}
