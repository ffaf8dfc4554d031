package dicomsql.jdbc;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How functions that users bring from SQLite, MySQL, SQL Server, Oracle or DuckDB, and that
 * this dialect (Calcite's standard and PostgreSQL functions) does not have, are written here.
 * docs/functions.md lists the same.
 */
final class OtherDialects {
  private static final String TIMESTAMP = "CURRENT_TIMESTAMP";
  private static final String COALESCE = "COALESCE(x, y)";
  private static final String TO_CHAR = "TO_CHAR(x, 'YYYY-MM-DD HH24:MI:SS')";
  private static final String DAYS_BETWEEN = "TIMESTAMPDIFF(DAY, start, end)";
  private static final String DAYS_ADDED = "x + INTERVAL '1' DAY, or TIMESTAMPADD(DAY, n, x)";
  private static final String STRING_AGG = "STRING_AGG(x, ',')";

  private static final Map<String, String> WRITTEN_HERE = Map.ofEntries(
      Map.entry("now", TIMESTAMP),
      Map.entry("getdate", TIMESTAMP),
      Map.entry("sysdate", TIMESTAMP),
      Map.entry("current_datetime", TIMESTAMP),
      Map.entry("datetime", TIMESTAMP + " for datetime('now'), CAST(x AS TIMESTAMP) otherwise"),
      Map.entry("today", "CURRENT_DATE"),
      Map.entry("curdate", "CURRENT_DATE"),
      Map.entry("date", "CURRENT_DATE for date('now'), CAST(x AS DATE) otherwise"),
      Map.entry("strftime", TO_CHAR),
      Map.entry("date_format", TO_CHAR),
      Map.entry("datediff", DAYS_BETWEEN),
      Map.entry("date_diff", DAYS_BETWEEN),
      Map.entry("dateadd", DAYS_ADDED),
      Map.entry("date_add", DAYS_ADDED),
      Map.entry("len", "CHAR_LENGTH(x)"),
      Map.entry("ifnull", COALESCE),
      Map.entry("nvl", COALESCE),
      Map.entry("isnull", COALESCE + ", or x IS NULL"),
      Map.entry("iif", "CASE WHEN condition THEN a ELSE b END"),
      Map.entry("instr", "STRPOS(text, part), or POSITION(part IN text)"),
      Map.entry("group_concat", STRING_AGG),
      Map.entry("listagg", STRING_AGG),
      Map.entry("lcase", "LOWER(x)"),
      Map.entry("ucase", "UPPER(x)"));

  private OtherDialects() {}

  /** How the function of this name is written here, if it is one of the others' spellings. */
  static Optional<String> writtenHere(String function) {
    return Optional.ofNullable(WRITTEN_HERE.get(function.toLowerCase(Locale.ROOT)));
  }
}
