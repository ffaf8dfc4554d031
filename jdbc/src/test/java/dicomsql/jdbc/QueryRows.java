package dicomsql.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's result as plain lists, for assertions. */
final class QueryRows {
  private QueryRows() {}

  static List<List<Object>> of(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return of(statement.executeQuery(sql));
    }
  }

  /** Every value of every row, closing the rows. */
  static List<List<Object>> of(ResultSet rows) throws SQLException {
    try (rows) {
      List<List<Object>> result = new ArrayList<>();
      int width = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          row.add(rows.getObject(i));
        }
        result.add(row);
      }
      return result;
    }
  }
}
