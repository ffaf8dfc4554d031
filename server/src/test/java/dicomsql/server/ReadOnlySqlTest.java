package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadOnlySqlTest {
  @Test
  void letsQueriesThrough() {
    for (String sql : new String[] {"SELECT * FROM series",
        "  -- the phases\n select phase, count(*) from series group by phase",
        "WITH s AS (SELECT * FROM series) SELECT * FROM s", "VALUES (1, 2)",
        "(SELECT 1) UNION ALL (SELECT 2)", "SELECT value, rows FROM attributes ORDER BY 1",
        "EXPLAIN PLAN FOR SELECT * FROM rois", "/* a comment */ SELECT 1",
        "SELECT FROM WHERE"}) {
      assertThat(ReadOnlySql.refused(sql)).as(sql).isNull();
    }
  }

  @Test
  void refusesWhatWritesEvenBehindCommentsAndParentheses() {
    assertThat(ReadOnlySql.refused("INSERT INTO patients VALUES ('x')")).isEqualTo("INSERT");
    assertThat(ReadOnlySql.refused("update series set phase = 'A'")).isEqualTo("UPDATE");
    assertThat(ReadOnlySql.refused("DELETE FROM rois")).isEqualTo("DELETE");
    assertThat(ReadOnlySql.refused("MERGE INTO rois r USING series s ON r.x = s.x "
        + "WHEN MATCHED THEN UPDATE SET y = 1")).isEqualTo("MERGE");
    assertThat(ReadOnlySql.refused("/* c */ -- d\n DROP TABLE series")).isEqualTo("DROP");
    assertThat(ReadOnlySql.refused("create table t (x int)")).isEqualTo("CREATE TABLE");
    assertThat(ReadOnlySql.refused("ALTER SESSION SET x = 1")).isNotNull();
    assertThat(ReadOnlySql.refused("(DELETE FROM rois)")).isEqualTo("DELETE");
  }
}
