package dicomsql.shell;

import dicomsql.server.web.SqlFunctions;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the shell: SQL keywords, table names, function names, and the columns of
 * the tables the statement names, also after an alias ({@code r.} offers the columns of
 * {@code rois r}); backslash commands, and table names after {@code \d}.
 */
final class SqlCompleter implements Completer {
  static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY",
      "ORDER BY", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT JOIN", "INNER JOIN", "CROSS JOIN",
      "ON", "AS", "AND", "OR", "NOT", "IN", "IS NULL", "IS NOT NULL", "LIKE", "BETWEEN", "CASE",
      "WHEN", "THEN", "ELSE", "END", "DISTINCT", "COUNT", "SUM", "AVG", "MIN", "MAX", "ROUND",
      "CAST", "COALESCE", "UNION ALL", "EXISTS", "LATERAL TABLE", "EXPLAIN PLAN FOR", "WITH",
      "ASC", "DESC", "VALUES", "TRUE", "FALSE", "DATE", "TIME", "TIMESTAMP", "INTERVAL");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final SessionNames names;

  /** Completes from the names of a session; a statement of several lines is one buffer. */
  SqlCompleter(SessionNames names) {
    this.names = names;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    try {
      if (line.line().stripLeading().startsWith("\\")) {
        backslash(line, candidates);
        return;
      }
      String statement = line.line();
      Map<String, String> aliases = new HashMap<>();
      Set<String> mentioned = tablesIn(statement, aliases);
      String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
      int dot = word.lastIndexOf('.');
      if (dot > 0) {
        String qualifier = word.substring(0, dot);
        String table = aliases.getOrDefault(qualifier.toLowerCase(Locale.ROOT),
            qualifier.toLowerCase(Locale.ROOT));
        // An alias not given yet (SELECT r.| before FROM rois r): any table's columns.
        Set<String> columns = new TreeSet<>();
        for (Map.Entry<String, List<String>> entry : names.tables().entrySet()) {
          if (entry.getKey().equals(table) || !names.tables().containsKey(table)) {
            columns.addAll(entry.getValue());
          }
        }
        for (String column : columns) {
          candidates.add(new Candidate(qualifier + "." + column, column, null, null, null,
              null, true));
        }
        return;
      }
      for (String keyword : KEYWORDS) {
        candidates.add(new Candidate(keyword, keyword, "keyword", null, null, null, true));
      }
      for (String table : names.tables().keySet()) {
        candidates.add(new Candidate(table, table, "table", null, null, null, true));
      }
      for (SqlFunctions.Function function : names.functions()) {
        candidates.add(new Candidate(function.name() + "(", function.name(), "function",
            null, null, null, false));
      }
      for (String table : mentioned) {
        for (String column : names.tables().get(table)) {
          candidates.add(new Candidate(column, column, table, null, null, null, true));
        }
      }
    } catch (SQLException e) {
      // No names to offer while the connection cannot give them; typing goes on.
    }
  }

  private void backslash(ParsedLine line, List<Candidate> candidates) throws SQLException {
    if (line.wordIndex() == 0) {
      for (String command : BackslashCommands.NAMES) {
        candidates.add(new Candidate(command, command, null, null, null, null, true));
      }
    } else if (line.words().get(0).equals("\\d")) {
      for (String table : names.tables().keySet()) {
        candidates.add(new Candidate(table, table, "table", null, null, null, true));
      }
    }
  }

  /**
   * The tables a statement names, and the aliases given them: a table's name followed by a
   * word that is not a keyword is that table's alias.
   */
  private Set<String> tablesIn(String statement, Map<String, String> aliases)
      throws SQLException {
    Set<String> tables = new LinkedHashSet<>();
    Matcher word = WORD.matcher(statement);
    String table = null;
    int previousEnd = 0;
    while (word.find()) {
      String name = word.group().toLowerCase(Locale.ROOT);
      boolean adjacent = statement.substring(previousEnd, word.start()).isBlank();
      previousEnd = word.end();
      if (table != null && adjacent && name.equals("as")) {
        continue;
      }
      if (table != null && adjacent && !isKeyword(name)) {
        aliases.put(name, table);
      }
      table = names.tables().containsKey(name) ? name : null;
      if (table != null) {
        tables.add(table);
      }
    }
    return tables;
  }

  private static boolean isKeyword(String word) {
    for (String keyword : KEYWORDS) {
      if (keyword.split(" ")[0].equalsIgnoreCase(word)) {
        return true;
      }
    }
    return word.equals("natural") || word.equals("full") || word.equals("right")
        || word.equals("outer") || word.equals("using");
  }
}
