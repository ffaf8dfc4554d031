package dicomsql.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lets users type the contract's column {@code rows} (of {@code series} and {@code instances})
 * unquoted, although Calcite's parser reserves ROWS for window frames and FETCH: where the word
 * is used as a name it is quoted before parsing. It stays a keyword where SQL uses it as one:
 * after a count ({@code OFFSET 5 ROWS}, {@code FETCH FIRST ROWS}) or before a frame or
 * {@code ONLY} ({@code ROWS BETWEEN}, {@code ROWS 3 PRECEDING}, {@code ROWS ONLY}). Text in
 * strings, quoted names and comments is left alone.
 */
final class ReservedNames {
  private static final String NAME = "rows";
  private static final Set<String> KEYWORD_BEFORE = Set.of("first", "next");
  private static final Set<String> KEYWORD_AFTER =
      Set.of("between", "unbounded", "current", "only");

  private record Token(int start, int end, char kind) {}

  private ReservedNames() {}

  /** The arguments with the SQL text, when the first is one, passed through {@link #quote}. */
  static Object[] withNamesQuoted(Object[] args) {
    if (args == null || args.length == 0 || !(args[0] instanceof String sql)) {
      return args;
    }
    Object[] quoted = args.clone();
    quoted[0] = quote(sql);
    return quoted;
  }

  static String quote(String sql) {
    if (sql == null || !sql.toLowerCase(Locale.ROOT).contains(NAME)) {
      return sql;
    }
    List<Token> tokens = tokens(sql);
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == 'w' && text(sql, token).equalsIgnoreCase(NAME)
          && isName(sql, i == 0 ? null : tokens.get(i - 1),
              i + 1 < tokens.size() ? tokens.get(i + 1) : null)) {
        out.append(sql, copied, token.start()).append('"').append(NAME).append('"');
        copied = token.end();
      }
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  private static boolean isName(String sql, Token before, Token after) {
    if (before != null && (before.kind() == '9' || before.kind() == '?'
        || before.kind() == 'w' && KEYWORD_BEFORE.contains(lower(sql, before)))) {
      return false;
    }
    return after == null || !(after.kind() == '9' || after.kind() == '?'
        || after.kind() == 'w' && KEYWORD_AFTER.contains(lower(sql, after)));
  }

  /**
   * The significant tokens: words ('w'), numbers ('9'), parameters ('?'), quoted names and
   * strings ('q') and single punctuation characters ('.'); whitespace and comments are skipped.
   */
  private static List<Token> tokens(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = closingQuote(sql, i, c);
        tokens.add(new Token(start, i, 'q'));
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
        tokens.add(new Token(start, i, 'w'));
      } else if (Character.isDigit(c)) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new Token(start, i, '9'));
      } else {
        i++;
        tokens.add(new Token(start, i, c == '?' ? '?' : '.'));
      }
    }
    return tokens;
  }

  /** The index after the quote closing the one at {@code open}; doubled quotes escape. */
  private static int closingQuote(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static String text(String sql, Token token) {
    return sql.substring(token.start(), token.end());
  }

  private static String lower(String sql, Token token) {
    return text(sql, token).toLowerCase(Locale.ROOT);
  }
}
