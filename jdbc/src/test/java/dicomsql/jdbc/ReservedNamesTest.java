package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReservedNamesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SELECT rows, columns FROM series | SELECT \"rows\", columns FROM series",
      "SELECT s.ROWS FROM series s WHERE s.Rows > 256 | "
          + "SELECT s.\"rows\" FROM series s WHERE s.\"rows\" > 256",
      "SELECT MAX(rows) FROM instances GROUP BY rows | "
          + "SELECT MAX(\"rows\") FROM instances GROUP BY \"rows\"",
      "SELECT * FROM series OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY | "
          + "SELECT * FROM series OFFSET 5 ROWS FETCH NEXT 3 ROWS ONLY",
      "SELECT * FROM series FETCH FIRST ROWS ONLY | SELECT * FROM series FETCH FIRST ROWS ONLY",
      "SELECT SUM(z) OVER (ORDER BY z ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t | "
          + "SELECT SUM(z) OVER (ORDER BY z ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
      "SELECT SUM(z) OVER (ORDER BY z ROWS 2 PRECEDING) FROM t | "
          + "SELECT SUM(z) OVER (ORDER BY z ROWS 2 PRECEDING) FROM t",
      "SELECT 'rows', \"rows\" FROM t -- rows | SELECT 'rows', \"rows\" FROM t -- rows",
      "SELECT /* rows */ rows_total, arrows FROM t | SELECT /* rows */ rows_total, arrows FROM t",
      "SELECT 'it''s rows' AS rows FROM t | SELECT 'it''s rows' AS \"rows\" FROM t"})
  void quotesRowsOnlyWhereItIsAName(String typed, String parsed) {
    assertThat(ReservedNames.quote(typed)).isEqualTo(parsed);
  }
}
