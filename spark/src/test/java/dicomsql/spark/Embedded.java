package dicomsql.spark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The embedded engine's answer to a query, through its JDBC driver, as rows of values. */
final class Embedded {
  private Embedded() {}

  static List<List<Object>> query(Path data, Path index, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(
            "jdbc:dicom:" + data + ";index=" + index);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int k = 1; k <= columns; k++) {
          row.add(result.getObject(k));
        }
        rows.add(row);
      }
      return LocalSpark.sorted(rows);
    }
  }
}
