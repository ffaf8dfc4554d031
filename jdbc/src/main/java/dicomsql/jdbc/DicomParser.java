package dicomsql.jdbc;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.babel.ParseException;
import org.apache.calcite.sql.parser.babel.SimpleCharStream;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImplTokenManager;
import org.apache.calcite.sql.parser.babel.Token;
import org.apache.calcite.sql.parser.babel.TokenMgrError;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's Babel parser, which lets the contract's column {@code rows} (of {@code series}
 * and {@code instances}) be typed unquoted although the grammar reserves ROWS for window
 * frames and FETCH. The grammar itself decides: a statement is parsed as written, and when
 * the parser fails where it has read a ROWS it could not take (the failing token, or one its
 * lookahead went over), that ROWS cannot be the keyword there, so it is read as a name and the
 * statement parsed again. {@code ROWS BETWEEN}, {@code OFFSET 5 ROWS} and the like
 * stay keywords because they parse as such. The text is never changed, so error positions are
 * those of what was typed. Its syntax errors say, as PostgreSQL's do, the token where the
 * parse failed ({@code syntax error at or near "FORM"}), at the position of that token. Given
 * to Calcite as {@code parserFactory=…DicomParser#FACTORY}.
 */
public final class DicomParser extends SqlBabelParserImpl {
  /** Makes a parser for one statement (or list of statements). */
  public static final SqlParserImplFactory FACTORY = DicomParser::new;

  private final String sql;
  /** Where ROWS is a name: "line:column" of each such token. */
  private final Set<String> names = new HashSet<>();
  private int tabSize = 1;
  private LexicalState state = LexicalState.DEFAULT;

  private DicomParser(Reader reader) {
    this(text(reader));
  }

  private DicomParser(String sql) {
    super(new Tokens(sql, 1, Set.of()));
    this.sql = sql;
    setOriginalSql(sql);
  }

  private static String text(Reader reader) {
    if (reader instanceof SourceStringReader source) {
      return source.getSourceString();
    }
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[4096];
    try {
      for (int n; (n = reader.read(buffer)) >= 0; ) {
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  @Override
  public void setTabSize(int tabSize) {
    this.tabSize = tabSize;
    restart();
  }

  @Override
  public void switchTo(LexicalState state) {
    this.state = state;
    super.switchTo(state);
  }

  @Override
  public SqlNode parseSqlStmtEof() throws Exception {
    return retrying(this::SqlStmtEof);
  }

  @Override
  public SqlNodeList parseSqlStmtList() throws Exception {
    return retrying(this::SqlStmtList);
  }

  @Override
  public SqlNode parseSqlExpressionEof() throws Exception {
    return retrying(this::SqlExpressionEof);
  }

  @Override
  public SqlParseException normalizeException(Throwable failure) {
    SqlParseException calcite = super.normalizeException(failure);
    String near = null;
    if (failure instanceof ParseException grammar && grammar.currentToken != null
        && grammar.currentToken.next != null) {
      Token token = grammar.currentToken.next;
      near = token.kind == EOF ? "syntax error at end of input"
          : "syntax error at or near \"" + token.image + "\"";
    } else if (failure instanceof TokenMgrError && calcite.getPos() != null) {
      int offset = offset(calcite.getPos().getLineNum(), calcite.getPos().getColumnNum());
      near = offset < 0 || offset >= sql.length() ? "syntax error at end of input"
          : "syntax error at or near \"" + sql.charAt(offset) + "\"";
    }
    return near == null ? calcite : new SqlParseException(near, calcite.getPos(),
        calcite.getExpectedTokenSequences(), calcite.getTokenImages(), calcite.getCause());
  }

  /** The index in the text of a line and column (both from 1), or -1. */
  private int offset(int line, int column) {
    int at = 0;
    for (int i = 1; i < line; i++) {
      at = sql.indexOf('\n', at) + 1;
      if (at == 0) {
        return -1;
      }
    }
    return column < 1 ? -1 : at + column - 1;
  }

  /** A parse of the whole text. */
  private interface Parse<T> {
    T run() throws ParseException;
  }

  /**
   * Runs the parse again, each time it fails with a ROWS among the tokens read past the last
   * one it took, with that ROWS as a name. Each round names one more token, so it ends; when
   * no ROWS is left to name, the error is that of the last round, whose text is the closest
   * to what was meant.
   */
  private <T> T retrying(Parse<T> parse) throws ParseException {
    while (true) {
      try {
        return parse.run();
      } catch (ParseException e) {
        Token keyword = firstRows(e.currentToken);
        if (keyword == null || !names.add(Tokens.at(keyword))) {
          throw e;
        }
        restart();
      }
    }
  }

  /** The first ROWS keyword the lexer has read after the last token the parser took. */
  private static Token firstRows(Token taken) {
    for (Token token = taken == null ? null : taken.next; token != null; token = token.next) {
      if (token.kind == ROWS) {
        return token;
      }
    }
    return null;
  }

  /**
   * Back to the text's start, with a lexer that knows the names found so far. The parameter
   * count and warnings of a failed round go too: ReInit keeps them, and a ? counted twice would
   * be bound to the wrong value.
   */
  private void restart() {
    nDynamicParams = 0;
    warnings.clear();
    ReInit(new Tokens(sql, tabSize, Set.copyOf(names)));
    super.switchTo(state);
  }

  /** Babel's lexer, with ROWS made an identifier at the given places. */
  private static final class Tokens extends SqlBabelParserImplTokenManager {
    private final Set<String> names;

    Tokens(String sql, int tabSize, Set<String> names) {
      super(new Text(sql, tabSize));
      this.names = names;
    }

    static String at(Token token) {
      return token.beginLine + ":" + token.beginColumn;
    }

    @Override
    public Token getNextToken() {
      Token token = super.getNextToken();
      if (token.kind == ROWS && names.contains(at(token))) {
        token.kind = IDENTIFIER;
      }
      return token;
    }
  }

  /** The statement's characters, columns counted with the parser's tab size. */
  private static final class Text extends SimpleCharStream {
    Text(String sql, int tabSize) {
      super(new StringReader(sql), 1, 1, Math.max(sql.length(), 1));
      setTabSize(tabSize);
    }
  }
}
