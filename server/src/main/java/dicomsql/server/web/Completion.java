package dicomsql.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may come at the cursor of a statement being typed: after {@code name.}, the columns of
 * the table that name is or stands for ({@code FROM rois r}); elsewhere the columns of the
 * tables the statement names, then tables, functions and keywords, each starting with the word
 * typed so far.
 */
final class Completion {
  /** A candidate: the text to insert, its kind and a short description. */
  record Candidate(String text, String kind, String detail) {}

  static final List<String> KEYWORDS = List.of("SELECT", "FROM", "WHERE", "GROUP BY",
      "ORDER BY", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT JOIN", "ON", "USING", "AS", "AND",
      "OR", "NOT", "IN", "IS NULL", "IS NOT NULL", "LIKE", "BETWEEN", "DISTINCT", "COUNT",
      "CASE", "WHEN", "THEN", "ELSE", "END", "UNION", "WITH", "EXPLAIN PLAN FOR", "DESC",
      "ASC", "CAST", "NULLS LAST");
  private static final Pattern WORD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?"
      + "([A-Za-z_][A-Za-z0-9_]*)?$");
  private static final Pattern NAMED = Pattern.compile(
      "(?i)\\b(?:from|join)\\s+([A-Za-z_][A-Za-z0-9_]*)(?:\\s+(?:as\\s+)?([A-Za-z_][A-Za-z0-9_]*))?");
  /** Words that may follow a table's name without being its alias. */
  private static final Set<String> NOT_ALIASES = Set.of("where", "group", "order", "join",
      "left", "right", "inner", "full", "cross", "natural", "on", "using", "limit", "offset",
      "union", "having", "window", "fetch");
  private static final int MOST = 50;

  private Completion() {}

  /** The word being typed at {@code cursor} and what may complete it. */
  record Result(int from, List<Candidate> candidates) {}

  static Result at(SchemaCatalog schema, String text, int cursor) {
    String before = text.substring(0, Math.max(0, Math.min(cursor, text.length())));
    Matcher word = WORD.matcher(before);
    word.find();
    String qualifier = word.group(1);
    String prefix = word.group(2) == null ? "" : word.group(2);
    int from = before.length() - prefix.length();
    Map<String, String> named = tablesNamed(schema, text);
    List<Candidate> found = new ArrayList<>();
    if (qualifier != null) {
      String table = named.get(lower(qualifier.substring(0, qualifier.length() - 1)));
      if (table != null) {
        columns(schema.table(table), prefix, found);
      }
      return new Result(from, found);
    }
    for (String table : named.values()) {
      columns(schema.table(table), prefix, found);
    }
    for (SchemaCatalog.Table table : schema.tables()) {
      add(found, prefix, table.name(), "table", table.remarks());
    }
    for (SqlFunctions.Function function : schema.functions()) {
      add(found, prefix, function.name(), "function", function.signature());
    }
    for (String keyword : KEYWORDS) {
      add(found, prefix, keyword, "keyword", "");
    }
    return new Result(from, found.size() > MOST ? found.subList(0, MOST) : found);
  }

  /** The tables the statement names, by their name and by their alias (lower case). */
  private static Map<String, String> tablesNamed(SchemaCatalog schema, String text) {
    Map<String, String> named = new LinkedHashMap<>();
    Matcher matcher = NAMED.matcher(text);
    while (matcher.find()) {
      SchemaCatalog.Table table = schema.table(matcher.group(1));
      if (table == null) {
        continue;
      }
      named.put(lower(table.name()), table.name());
      String alias = matcher.group(2);
      if (alias != null && !NOT_ALIASES.contains(lower(alias))) {
        named.put(lower(alias), table.name());
      }
    }
    return named;
  }

  private static void columns(SchemaCatalog.Table table, String prefix, List<Candidate> found) {
    for (SchemaCatalog.Column column : table.columns()) {
      add(found, prefix, column.name(), "column", table.name() + " · " + column.type());
    }
  }

  private static void add(List<Candidate> found, String prefix, String text, String kind,
      String detail) {
    if (text.regionMatches(true, 0, prefix, 0, prefix.length())
        && found.stream().noneMatch(c -> c.text().equals(text))) {
      found.add(new Candidate(text, kind, detail));
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
