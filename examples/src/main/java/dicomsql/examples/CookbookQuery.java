package dicomsql.examples;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A query of the cookbook, read from the class path ({@code queries/NAME.sql}), so that a program
 * runs the very text users copy into the shell and there is one copy of each query.
 */
public final class CookbookQuery {
  /** The cookbook's folder on the class path. */
  public static final String FOLDER = "queries/";

  private CookbookQuery() {}

  /**
   * The text of {@code queries/NAME.sql}, comments kept, without the closing semicolon: the
   * shell needs it to end a statement, JDBC takes one statement without it.
   *
   * @throws FileNotFoundException when the cookbook has no such query
   */
  public static String load(String name) throws IOException {
    String resource = FOLDER + name + ".sql";
    try (InputStream in = CookbookQuery.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new FileNotFoundException("the cookbook has no query " + resource);
      }
      return withoutSemicolon(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static String withoutSemicolon(String sql) {
    String text = sql.strip();
    return text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
  }
}
