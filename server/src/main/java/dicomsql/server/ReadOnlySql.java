package dicomsql.server;

import dicomsql.jdbc.DicomParser;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Which statements a read-only server runs: queries (SELECT, WITH, VALUES, set operations,
 * ORDER BY), EXPLAIN and DESCRIBE, decided from the parsed statement rather than its first word
 * (a comment or a parenthesis comes first, and INSERT can hide behind WITH only as a query).
 * Everything else, DDL and DML alike, is refused.
 */
public final class ReadOnlySql {
  private static final Set<SqlKind> ALLOWED = EnumSet.of(SqlKind.EXPLAIN,
      SqlKind.DESCRIBE_TABLE, SqlKind.DESCRIBE_SCHEMA);
  /** The driver's parser settings (see DicomDriver): the same text parses the same way. */
  private static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(DicomParser.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withConformance(SqlConformanceEnum.LENIENT);

  /** First words of statements that write or change settings, in SQL and its dialects. */
  private static final Set<String> WRITING_WORDS = Set.of("ALTER", "ANALYZE", "CALL",
      "COMMENT", "COPY", "CREATE", "DELETE", "DROP", "GRANT", "INSERT", "LOAD", "MERGE",
      "RENAME", "REPLACE", "RESET", "REVOKE", "SET", "TRUNCATE", "UPDATE", "UPSERT", "VACUUM");
  private static final Pattern LEADING = Pattern.compile(
      "(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/|\\()*([A-Za-z]*)", Pattern.DOTALL);

  private ReadOnlySql() {}

  /** The statement's first word in upper case, after blanks, comments and parentheses. */
  private static String firstWord(String sql) {
    Matcher matcher = LEADING.matcher(sql);
    return matcher.lookingAt() ? matcher.group(1).toUpperCase(Locale.ROOT) : "";
  }

  /**
   * The kind of statement to refuse (e.g. "INSERT"), or null when the statement only reads, or
   * does not parse and does not start with a word that changes things (the driver's parser
   * knows no DDL, so {@code DROP TABLE} does not parse): the driver then reports the syntax
   * error as it does for any client.
   */
  public static String refused(String sql) {
    SqlNode statement;
    try {
      statement = SqlParser.create(sql, CONFIG).parseStmt();
    } catch (SqlParseException e) {
      String first = firstWord(sql);
      return WRITING_WORDS.contains(first) ? first : null;
    }
    SqlKind kind = statement.getKind();
    if (kind.belongsTo(SqlKind.QUERY) || ALLOWED.contains(kind)) {
      return null;
    }
    return kind.name().replace('_', ' ').toUpperCase(Locale.ROOT);
  }
}
