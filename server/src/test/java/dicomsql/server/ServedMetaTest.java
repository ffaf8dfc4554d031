package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import dicomsql.jdbc.DicomDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedMetaTest {
  /**
   * Reads the pixels of every image each ROI touches, on its own series and the others of its
   * frame of reference (null on series of other frames).
   */
  private static final String RASTER = "SELECT r.rtss_uid, r.roi_number, s.series_uid, "
      + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'mean'), "
      + "roi_hu_stat(r.rtss_uid, r.roi_number, s.series_uid, 'p90') FROM rois r, series s "
      + "WHERE s.modality = 'CT' ORDER BY 1, 2, 3";
  private static final int CONNECTIONS = 4;

  @TempDir
  Path temp;

  /**
   * Every connection the server opens keeps raster values in the server's one set of caches:
   * however many connections run raster functions, the caches stay within their budget, and
   * the answers are those of a connection with a cache of its own that drops nothing.
   */
  @Test
  void connectionsShareOneRasterBudget() throws Exception {
    Path data = temp.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 7, 64, 0, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    String url = "jdbc:dicom:" + data + ";index=" + temp.resolve("index");
    long budget = 32 << 10;
    RasterCaches roomy = new RasterCaches(1L << 30);
    Properties own = new Properties();
    own.put(DicomDriver.RASTER_CACHES, roomy);
    List<String> expected;
    try (Connection alone = DriverManager.getConnection(url, own)) {
      expected = rows(alone);
    }
    // Unbounded, one connection alone would keep more than the budget.
    assertThat(roomy.heldBytes()).isGreaterThan(budget);
    RasterCaches shared = new RasterCaches(budget);
    ServedMeta meta = new ServedMeta(url, new Properties(),
        new StatementLimits(Duration.ZERO, 0), shared);
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        connections.add(meta.createConnection(url, new Properties()));
      }
      for (Connection connection : connections) {
        assertThat(rows(connection)).isEqualTo(expected);
        assertThat(shared.heldBytes()).isPositive().isLessThanOrEqualTo(budget);
      }
    } finally {
      for (Connection connection : connections) {
        connection.close();
      }
      meta.close();
    }
    assertThat(expected.stream().filter(row -> !row.endsWith("null"))).hasSizeGreaterThan(1);
  }

  /**
   * A connection no request used for the idle time is closed by the server's periodic sweep
   * (DicomServer schedules {@link ServedMeta#expireIdle}), without waiting for a request; its
   * client then gets Avatica's "no such connection" and must reconnect.
   */
  @Test
  void closesConnectionsLeftIdle() throws Exception {
    Path data = temp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 7, 16, 2, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    Properties settings = new Properties();
    settings.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_DURATION.key(), "1");
    settings.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_UNIT.key(), "SECONDS");
    ServedMeta meta = new ServedMeta("jdbc:dicom:" + data + ";index=" + temp.resolve("index"),
        settings, new StatementLimits(Duration.ZERO, 0), new RasterCaches(1 << 20));
    try {
      Meta.ConnectionHandle idle = new Meta.ConnectionHandle("idle");
      meta.openConnection(idle, Map.of());
      Meta.ConnectionProperties unchanged = new ConnectionPropertiesImpl();
      meta.connectionSync(idle, unchanged);
      Thread.sleep(1500);
      meta.expireIdle();
      assertThatThrownBy(() -> meta.connectionSync(idle, unchanged))
          .isInstanceOf(NoSuchConnectionException.class);
    } finally {
      meta.close();
    }
  }

  /**
   * Every run of a prepared statement, whatever its parameters, answers with the signature the
   * server made when it prepared it (its protobuf form built once), not with the copy the
   * client sent, which a client may leave out or get wrong; and the rows are those of the
   * embedded driver for each value.
   */
  @Test
  void answersEveryRunWithTheSignatureItPrepared() throws Exception {
    Path data = temp.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 7, 16, 2, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    String url = "jdbc:dicom:" + data + ";index=" + temp.resolve("index");
    String lookup = "SELECT series_uid, patient_id, modality, instance_count FROM series "
        + "WHERE series_uid = ?";
    Map<String, List<Object>> expected = new LinkedHashMap<>();
    try (Connection embedded = DriverManager.getConnection(url);
        Statement statement = embedded.createStatement();
        ResultSet series = statement.executeQuery("SELECT series_uid, patient_id, modality, "
            + "instance_count FROM series")) {
      while (series.next()) {
        expected.put(series.getString(1), List.of(series.getString(1), series.getString(2),
            series.getString(3), series.getInt(4)));
      }
    }
    assertThat(expected).hasSizeGreaterThan(2);
    ServedMeta meta = new ServedMeta(url, new Properties(), new StatementLimits(Duration.ZERO,
        0), new RasterCaches(1 << 20));
    try {
      Meta.ConnectionHandle client = new Meta.ConnectionHandle("client");
      meta.openConnection(client, Map.of());
      Meta.StatementHandle prepared = meta.prepare(client, lookup, -1);
      assertThat(prepared.signature.columns).extracting(column -> column.columnName)
          .containsExactly("series_uid", "patient_id", "modality", "instance_count");
      assertThat(prepared.signature.parameters).hasSize(1);
      Meta.Signature other = meta.prepare(client, "SELECT 1", -1).signature;
      int run = 0;
      for (Map.Entry<String, List<Object>> series : expected.entrySet()) {
        Meta.Signature sent = List.of(prepared.signature, other).get(run++ % 2);
        Meta.StatementHandle request = new Meta.StatementHandle(client.id, prepared.id,
            run % 3 == 0 ? null : sent);
        Service.ResultSetResponse answer = ServedAnswers.run(meta, request,
            List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, series.getKey())));
        assertThat(answer.signature).isSameAs(prepared.signature);
        assertThat(ServedAnswers.rows(meta, request,
            List.of(TypedValue.ofLocal(ColumnMetaData.Rep.STRING, series.getKey()))))
            .containsExactly(series.getValue());
      }
      assertThat(prepared.signature.toProto()).isSameAs(prepared.signature.toProto());
    } finally {
      meta.close();
    }
  }

  private static List<String> rows(Connection connection) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(RASTER)) {
      while (result.next()) {
        rows.add(result.getString(1) + " " + result.getInt(2) + " " + result.getString(3) + " "
            + result.getString(4) + " " + result.getString(5));
      }
    }
    return rows;
  }
}
