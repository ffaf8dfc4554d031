package dicomsql.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.engine.index.IndexOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaWithoutRowsTest {
  @TempDir
  Path tmp;

  @Test
  void hasTheTablesColumnsAndFunctionsOfAFolder() throws Exception {
    Path data = Files.createDirectory(tmp.resolve("data"));
    DicomSchema folder = new DicomSchema(data, IndexOptions.defaults()
        .withFolder(tmp.resolve("index")), new RasterCaches(0));
    DicomSchema rowless = DicomSchema.withoutRows();
    JavaTypeFactory types = new JavaTypeFactoryImpl();

    assertThat(rowless.getTableNames()).isEqualTo(folder.getTableNames());
    for (String table : folder.getTableNames()) {
      assertThat(rowless.getTable(table).getRowType(types))
          .isEqualTo(folder.getTable(table).getRowType(types));
    }
    assertThat(rowless.getFunctionNames()).isEqualTo(folder.getFunctionNames());
  }

  @Test
  void everyTableIsEmptyAndNoIndexIsOpened() throws Exception {
    DicomSchema rowless = DicomSchema.withoutRows();
    try (Connection connection = connect(rowless)) {
      for (String table : rowless.getTableNames()) {
        if (!table.equals("index_status")) {
          assertThat(TestConnections.rows(connection, "SELECT * FROM " + table)).isEmpty();
        }
      }
      assertThat(TestConnections.rows(connection, "SELECT s.phase, COUNT(*) FROM series s "
          + "JOIN instances i ON i.series_uid = s.series_uid WHERE s.modality = 'CT' "
          + "GROUP BY s.phase ORDER BY 1")).isEmpty();
      assertThatThrownBy(() -> TestConnections.rows(connection, "SELECT * FROM index_status"))
          .hasStackTraceContaining("a schema without rows has no index");
    }
    assertThat(rowless.indexUpdate()).isNull();
  }

  private static Connection connect(DicomSchema schema) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("caseSensitive", "false");
    Connection connection = new Driver().withPrepareFactory(PlansComparedWithCalcites::new)
        .connect("jdbc:calcite:", properties);
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    calcite.getRootSchema().add("dicom", schema);
    calcite.setSchema("dicom");
    return connection;
  }
}
