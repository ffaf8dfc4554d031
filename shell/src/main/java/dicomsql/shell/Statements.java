package dicomsql.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are not inside quotes or comments, and
 * tells whether a piece of text still lacks its closing semicolon.
 */
final class Statements {
  private Statements() {}

  /** A statement (without its semicolon) and where it starts in the text. */
  record Statement(String sql, int start) {}

  /** The complete statements of the text, and any rest. */
  record Split(List<Statement> statements, String rest) {}

  static Split split(String text) {
    List<Statement> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        while (close >= 0 && close + 1 < text.length() && text.charAt(close + 1) == c) {
          close = text.indexOf(c, close + 2);
        }
        i = close < 0 ? text.length() : close + 1;
      } else if (c == '-' && text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end + 1;
      } else if (c == '/' && text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else if (c == ';') {
        String statement = text.substring(start, i);
        if (!isBlank(statement)) {
          int leading = statement.length() - statement.stripLeading().length();
          statements.add(new Statement(statement.strip(), start + leading));
        }
        start = ++i;
      } else {
        i++;
      }
    }
    return new Split(statements, text.substring(start));
  }

  /** Whether a piece of SQL holds nothing but spaces and comments. */
  static boolean isBlank(String sql) {
    String rest = sql;
    while (true) {
      rest = rest.strip();
      if (rest.startsWith("--")) {
        int end = rest.indexOf('\n');
        rest = end < 0 ? "" : rest.substring(end + 1);
      } else if (rest.startsWith("/*")) {
        int end = rest.indexOf("*/");
        rest = end < 0 ? "" : rest.substring(end + 2);
      } else {
        return rest.isEmpty();
      }
    }
  }
}
