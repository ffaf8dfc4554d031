package dicomsql.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** CSV by RFC 4180, as the shell writes it. */
class CsvTableTest {
  @Test
  void quotesOnlyWhatMustBeQuotedAndWritesNullsEmptyAndBytesAsHex() throws Exception {
    StringWriter csv = new StringWriter();
    try (Connection connection = GeneratedCases.shared().connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 'plain' AS a, 'x,y' AS \"b,c\", "
            + "'say \"hi\"' AS q, 'two\nlines' AS l, CAST(NULL AS VARCHAR) AS n, "
            + "X'0aff' AS bytes, 1.5e0 AS d, TRUE AS t")) {
      assertThat(CsvTable.write(rows, csv)).isEqualTo(1);
    }
    assertThat(csv.toString()).isEqualTo("a,\"b,c\",q,l,n,bytes,d,t\r\n"
        + "plain,\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",,0aff,1.5,true\r\n");
  }
}
