package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DicomParserTest {
  private static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(DicomParser.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withConformance(SqlConformanceEnum.LENIENT);

  /** The statement as Calcite's parser of the standard grammar, with quoted names, reads it. */
  private static String parsed(String sql) throws SqlParseException {
    SqlNode node = SqlParser.create(sql, CONFIG).parseStmt();
    return node.toSqlString(AnsiSqlDialect.DEFAULT).getSql().replaceAll("\\s+", " ");
  }

  private static String standard(String sql) throws SqlParseException {
    SqlNode node = SqlParser.create(sql, CONFIG.withParserFactory(SqlParserImpl.FACTORY))
        .parseStmt();
    return node.toSqlString(AnsiSqlDialect.DEFAULT).getSql().replaceAll("\\s+", " ");
  }

  @Test
  void parametersAreNumberedOnceWhenARowsIsReadAgainAsAName() throws SqlParseException {
    SqlNode node = SqlParser.create("SELECT a FROM t WHERE b = ? AND rows IS NOT NULL "
        + "AND c IN (?, ?) AND rows > ?", CONFIG).parseStmt();
    List<Integer> indexes = new ArrayList<>();
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        indexes.add(param.getIndex());
        return null;
      }
    });
    assertThat(indexes).containsExactly(0, 1, 2, 3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "SELECT rows, columns FROM series | SELECT \"rows\", columns FROM series",
      "SELECT s.ROWS FROM series s WHERE s.Rows > 256 | "
          + "SELECT s.\"ROWS\" FROM series s WHERE s.\"Rows\" > 256",
      "SELECT MAX(rows) FROM instances GROUP BY rows | "
          + "SELECT MAX(\"rows\") FROM instances GROUP BY \"rows\"",
      "SELECT * FROM series OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY | "
          + "SELECT * FROM series OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY",
      "SELECT rows FROM series FETCH FIRST 1 ROWS ONLY | "
          + "SELECT \"rows\" FROM series FETCH FIRST 1 ROWS ONLY",
      "SELECT SUM(z) OVER (ORDER BY rows ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t | "
          + "SELECT SUM(z) OVER (ORDER BY \"rows\" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
          + "FROM t",
      "SELECT SUM(rows) OVER (ORDER BY z ROWS 2 PRECEDING) FROM t | "
          + "SELECT SUM(\"rows\") OVER (ORDER BY z ROWS 2 PRECEDING) FROM t",
      "SELECT 'rows', \"rows\" FROM t -- rows | SELECT 'rows', \"rows\" FROM t",
      "SELECT /* rows */ rows_total, arrows FROM t | SELECT rows_total, arrows FROM t",
      "SELECT 'it''s rows' AS rows FROM t | SELECT 'it''s rows' AS \"rows\" FROM t",
      "SELECT x rows FROM t ORDER BY rows | SELECT x AS \"rows\" FROM t ORDER BY \"rows\"",
      "SELECT * FROM series WHERE rows IN (SELECT rows FROM instances) | "
          + "SELECT * FROM series WHERE \"rows\" IN (SELECT \"rows\" FROM instances)"})
  void rowsIsANameWhereTheKeywordCannotStand(String typed, String quoted)
      throws SqlParseException {
    assertThat(parsed(typed)).isEqualTo(standard(quoted));
  }

  @Test
  void errorPositionsAreThoseOfTheTypedText() {
    assertThatThrownBy(() -> parsed("SELECT rows,\n  rows FORM series"))
        .isInstanceOf(SqlParseException.class)
        .satisfies(e -> {
          SqlParseException parse = (SqlParseException) e;
          assertThat(parse.getPos().getLineNum()).isEqualTo(2);
          assertThat(parse.getPos().getColumnNum()).isEqualTo(13);
        });
  }

  @Test
  void aMisplacedKeywordIsStillASyntaxError() {
    assertThatThrownBy(() -> parsed("SELECT * FROM series ROWS ROWS"))
        .isInstanceOf(SqlParseException.class);
    assertThatThrownBy(() -> parsed("SELECT * FROM series FETCH FIRST ROWS ONLY"))
        .isInstanceOf(SqlParseException.class).hasMessage("syntax error at or near \"ROWS\"")
        .satisfies(e -> assertThat(((SqlParseException) e).getPos().getColumnNum())
            .isEqualTo(34));
  }
}
