package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLWarning;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection whose index could not be refreshed says so in {@code getWarnings()}. The refresh
 * is stopped by putting a folder where {@code index.lock} should be, so that the lock cannot be
 * taken.
 */
class IndexWarningsTest {
  @TempDir
  Path tmp;
  private Path data;
  private String url;

  @BeforeEach
  void generate() throws Exception {
    data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 3, 16, 3, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    url = "jdbc:dicom:" + data + ";index=" + tmp.resolve("index");
  }

  private static Object count(Connection connection) throws Exception {
    return QueryRows.of(connection, "SELECT COUNT(*) FROM instances").get(0).get(0);
  }

  @Test
  void aSkippedRefreshIsAWarningOnTheConnection() throws Exception {
    Object before;
    try (Connection connection = DriverManager.getConnection(url)) {
      before = count(connection);
      assertThat((Throwable) connection.getWarnings()).isNull();
    }
    Path lock = tmp.resolve("index/index.lock");
    Files.delete(lock);
    Files.createDirectory(lock);
    Files.copy(data.resolve("HCC_0001/401/001.dcm"), data.resolve("extra.dcm"));
    try (Connection connection = DriverManager.getConnection(url)) {
      assertThat((Throwable) connection.getWarnings()).isNull();
      assertThat(count(connection)).isEqualTo(before);
      SQLWarning warning = connection.getWarnings();
      assertThat((Throwable) warning).isNotNull();
      assertThat(warning.getSQLState()).isEqualTo(IndexWarnings.STALE_INDEX);
      assertThat(warning.getMessage()).startsWith("the index was not refreshed: ")
          .contains("index.lock");
      connection.clearWarnings();
      assertThat((Throwable) connection.getWarnings()).isNull();
    }
  }

  @Test
  void aConnectionWhoseIndexWasRefreshedElsewhereSaysItIsBehind() throws Exception {
    try (Connection held = DriverManager.getConnection(url)) {
      Object before = count(held);
      Files.copy(data.resolve("HCC_0001/401/001.dcm"), data.resolve("extra.dcm"));
      try (Connection other = DriverManager.getConnection(url)) {
        assertThat(count(other)).isNotEqualTo(before);
        assertThat((Throwable) other.getWarnings()).isNull();
      }
      assertThat(count(held)).isEqualTo(before);
      SQLWarning warning = held.getWarnings();
      assertThat(warning.getSQLState()).isEqualTo(DicomDriver.INDEX_SUPERSEDED);
      assertThat(warning.getMessage()).isEqualTo("the index has been refreshed since this "
          + "connection opened it, and its answers are from before; open a new connection to "
          + "see the changes");
      held.clearWarnings();
      assertThat((Throwable) held.getWarnings()).isNull();
    }
  }
}
