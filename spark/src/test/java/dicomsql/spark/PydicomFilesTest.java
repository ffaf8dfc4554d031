package dicomsql.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.index.DicomIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pydicom's test files (Debian's python3-pydicom, which .ci/run installs): transfer syntaxes,
 * character sets, big-endian and damaged files that we did not write. Every table read through
 * Spark equals the embedded engine's.
 */
class PydicomFilesTest {
  private static final Path FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/"
      + "test_files");
  @TempDir
  static Path temp;
  private static DicomIndex index;

  @BeforeAll
  static void setUp() throws IOException {
    assumeTrue(Files.isDirectory(FILES), "python3-pydicom is not installed");
    index = TestData.index(FILES, temp.resolve("index"), null);
  }

  @AfterAll
  static void tearDown() {
    if (index != null) {
      index.close();
    }
  }

  private static Dataset<Row> read(String table) {
    return LocalSpark.session().read().format("dicom").option("table", table)
        .load(FILES.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"instances", "contours", "scan_errors", "series", "studies",
      "patients", "structure_sets", "rois"})
  void storedTablesEqualTheIndex(String table) {
    assertThat(LocalSpark.rows(read(table)))
        .isEqualTo(LocalSpark.sorted(TestData.rows(index, ContractTable.named(table))));
  }

  @Test
  void contourPointsAndAttributesEqualTheEmbeddedEngine() throws SQLException {
    assertThat(LocalSpark.rows(read("contour_points")))
        .isEqualTo(LocalSpark.sorted(TestData.contourPoints(index)));
    assertThat(LocalSpark.rows(read("attributes")))
        .isEqualTo(Embedded.query(FILES, temp.resolve("index"), "SELECT * FROM attributes"));
  }
}
