package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomsql serve} as its own process, queried through Avatica's thin driver alone (see
 * {@link ThinClient}), every answer compared with the embedded driver's over the same files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeIT {
  /** Never ends in a test's time (instances to the fourth power), unless cancelled. */
  private static final String ENDLESS = "SELECT COUNT(*) FROM instances a, instances b, "
      + "instances c, instances d";
  private static final int MAX_ROWS = 5000;
  private static final int TIMEOUT_SECONDS = 3;

  @TempDir
  static Path temp;
  private Path data;
  private ServeProcess serve;
  private Connection embedded;

  @BeforeAll
  void generateAndServe() throws Exception {
    data = temp.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 7, 64, 0, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    serve = ServeProcess.start(temp, data.toString(), "--index", temp.resolve("served")
        .toString(), "--max-rows", Integer.toString(MAX_ROWS), "--statement-timeout",
        Integer.toString(TIMEOUT_SECONDS), "--grace", "1");
    embedded = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + temp.resolve("embedded"));
  }

  @AfterAll
  void stop() throws SQLException {
    embedded.close();
    serve.close();
  }

  @Test
  void theClientSeesNoClassOfOurs() throws Exception {
    ClassLoader loader = ThinClient.loader();
    assertThatThrownBy(() -> loader.loadClass("dicomsql.jdbc.DicomDriver"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> loader.loadClass("org.apache.calcite.jdbc.Driver"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void answersMetadataAndEveryTableAsTheEmbeddedDriverDoes() throws Exception {
    List<String> tables = tableNames(embedded.getMetaData());
    assertThat(tables).contains("patients", "studies", "series", "instances",
        "structure_sets", "rois", "contours", "contour_points", "attributes", "scan_errors");
    try (Connection remote = ThinClient.connect(serve.url())) {
      DatabaseMetaData metaData = remote.getMetaData();
      assertThat(tableNames(metaData)).isEqualTo(tables);
      assertThat(columns(metaData, "series")).isEqualTo(columns(embedded.getMetaData(),
          "series"));
      for (String table : tables) {
        if (table.equals("index_status")) {
          continue;
        }
        List<String> local = rows(embedded, "SELECT * FROM " + table);
        List<String> served = rows(remote, "SELECT * FROM " + table);
        if (local.size() > MAX_ROWS) {
          assertThat(served).as(table + ", cut at --max-rows").hasSize(MAX_ROWS);
          assertThat(local).as(table).containsAll(served);
        } else {
          assertThat(served).as(table).isEqualTo(local);
        }
      }
      int lesions = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE)).size();
      assertThat(rows(remote, "SELECT COUNT(*) FROM rois")).containsExactly(
          Integer.toString(lesions));
    }
  }

  /**
   * Through Avatica's thin driver and through the project's (whose runs leave the signature
   * out, for the server's own).
   */
  @Test
  void bindsParametersOfPreparedStatements() throws Exception {
    try (Connection thin = ThinClient.connect(serve.url());
        Connection project = DriverManager.getConnection("jdbc:dicom:remote:" + serve.http())) {
      for (Connection remote : List.of(thin, project)) {
        assertBindsParameters(remote);
      }
    }
  }

  private void assertBindsParameters(Connection remote) throws SQLException {
    String sql = "SELECT sop_uid, instance_number FROM instances WHERE modality = ? "
        + "AND instance_number BETWEEN ? AND ? ORDER BY sop_uid";
    try (PreparedStatement served = remote.prepareStatement(sql);
        PreparedStatement local = embedded.prepareStatement(sql)) {
      for (int[] range : new int[][] {{1, 5}, {10, 12}}) {
        for (PreparedStatement statement : List.of(served, local)) {
          statement.setString(1, "CT");
          statement.setInt(2, range[0]);
          statement.setInt(3, range[1]);
        }
        List<String> answer = rows(served.executeQuery());
        assertThat(answer).isNotEmpty().isEqualTo(rows(local.executeQuery()));
      }
    }
  }

  @Test
  void measuresRoisWithTheRasterFunctions() throws Exception {
    String sql = "SELECT rtss_uid, roi_number, roi_volume_cc(rtss_uid, roi_number), "
        + "roi_voxel_count(rtss_uid, roi_number) FROM rois ORDER BY rtss_uid, roi_number";
    try (Connection remote = ThinClient.connect(serve.url())) {
      List<String> served = rows(remote, sql);
      assertThat(served).isNotEmpty().isEqualTo(rows(embedded, sql));
      assertThat(served).allSatisfy(row -> assertThat(row).doesNotContain("null"));
    }
  }

  @Test
  void refusesWritesWithSqlState25006AndLogsThem() throws Exception {
    try (Connection remote = ThinClient.connect(serve.url());
        Statement statement = remote.createStatement()) {
      for (String sql : new String[] {"INSERT INTO patients (patient_id) VALUES ('x')",
          "/* cleanup */ DROP TABLE series", "DELETE FROM rois"}) {
        assertThatThrownBy(() -> statement.executeQuery(sql)).as(sql)
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("25006"))
            .hasMessageContaining("this server is read-only");
      }
      assertThat(rows(remote, "SELECT COUNT(*) FROM patients")).containsExactly("2");
    }
    assertThat(serve.log()).anyMatch(line -> line.contains("connection ")
        && line.contains(" opened by -@127.0.0.1"));
    assertThat(serve.log()).anyMatch(line -> line.contains("statement failed on connection")
        && line.contains("[25006]") && line.contains("DELETE FROM rois"));
  }

  @Test
  void cancelsAStatementThatRunsOutOfTimeAndGoesOn() throws Exception {
    try (Connection remote = ThinClient.connect(serve.url());
        Statement statement = remote.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery(ENDLESS))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("HYT00"))
          .hasMessageContaining("ran longer than " + TIMEOUT_SECONDS + " s");
      assertThat(rows(statement.executeQuery("SELECT COUNT(*) FROM patients")))
          .containsExactly("2");
    }
  }

  /**
   * Avatica's protocol has no cancel message: the thin driver's cancel() marks the statement
   * on the client, and the server's statement timeout ends the work there. The client is
   * released with an error, and its connection goes on.
   */
  @Test
  void aCancelledStatementEndsAndTheConnectionGoesOn() throws Exception {
    try (Connection remote = ThinClient.connect(serve.url())) {
      Statement statement = remote.createStatement();
      CompletableFuture<List<String>> running = CompletableFuture.supplyAsync(() -> {
        try {
          return rows(statement.executeQuery(ENDLESS));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(500);
      statement.cancel();
      assertThatThrownBy(() -> running.get(2, TimeUnit.MINUTES))
          .hasCauseInstanceOf(IllegalStateException.class);
      assertThat(rows(remote, "SELECT COUNT(*) FROM studies")).containsExactly(
          rows(embedded, "SELECT COUNT(*) FROM studies").get(0));
    }
  }

  /**
   * The project's driver sends Statement.cancel() to the server, which stops the statement
   * (no statement timeout here: only the cancel can end the endless query). Plain and prepared
   * statements alike fail with 57014, and the connection goes on.
   */
  @Test
  void theProjectDriverCancelsARunningStatementOnTheServer() throws Exception {
    try (ServeProcess untimed = ServeProcess.start(temp, data.toString(), "--index",
        temp.resolve("served").toString(), "--statement-timeout", "0");
        Connection remote = DriverManager.getConnection("jdbc:dicom:remote:" + untimed.http())) {
      assertCancelled(remote.createStatement(), untimed, 1);
      assertCancelled(remote.prepareStatement(ENDLESS), untimed, 2);
      assertThat(rows(remote, "SELECT COUNT(*) FROM studies")).containsExactly(
          rows(embedded, "SELECT COUNT(*) FROM studies").get(0));
    }
  }

  /**
   * Runs the endless query and cancels it until the server says it did (a cancel that comes
   * before the query reaches the server finds nothing to stop); the query fails with 57014.
   */
  private static void assertCancelled(Statement statement, ServeProcess server, int cancels)
      throws Exception {
    CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> {
      try {
        return statement instanceof PreparedStatement prepared ? prepared.execute()
            : statement.execute(ENDLESS);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    while (server.log().stream().filter(line -> line.contains(" cancelled by -@127.0.0.1"))
        .count() < cancels) {
      statement.cancel();
      Thread.sleep(100);
    }
    ExecutionException failed = catchThrowableOfType(() -> running.get(2, TimeUnit.MINUTES),
        ExecutionException.class);
    assertThat(failed.getCause()).hasCauseInstanceOf(SQLException.class);
    SQLException cancelled = (SQLException) failed.getCause().getCause();
    assertThat(cancelled.getSQLState()).isEqualTo("57014");
    assertThat(cancelled.getMessage()).contains("the query was cancelled by the client");
    statement.close();
  }

  @Test
  void answersHealthChecksWithoutCredentials() throws Exception {
    HttpURLConnection http = (HttpURLConnection) URI.create(serve.http() + "/health").toURL()
        .openConnection();
    assertThat(http.getResponseCode()).isEqualTo(200);
    assertThat(new String(http.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("ok\n");
  }

  @Test
  void letsInOnlyUsersOfTheUsersFile() throws Exception {
    Path users = temp.resolve("users");
    ServeProcess.Finished added = ServeProcess.run(temp, "correct horse\n", "--add-user",
        "alice", "--users", users.toString());
    assertThat(added.status()).as(added.output()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(users)).contains("alice:pbkdf2-sha256:")
        .doesNotContain("correct horse");
    try (ServeProcess secured = ServeProcess.start(temp, data.toString(), "--index",
        temp.resolve("served").toString(), "--users", users.toString())) {
      try (Connection remote = ThinClient.connect(secured.url(), "alice", "correct horse")) {
        assertThat(rows(remote, "SELECT COUNT(*) FROM patients")).containsExactly("2");
      }
      // The thin driver lets a failure of its first request escape DriverManager as the
      // RuntimeException it is (AvaticaClientRuntimeException), carrying the SQLState.
      assertThatThrownBy(() -> ThinClient.connect(secured.url(), "alice", "wrong"))
          .isInstanceOfSatisfying(RuntimeException.class,
              e -> assertThat(sqlState(e)).isEqualTo("28000"))
          .hasMessageContaining("authentication failed for user 'alice'");
      assertThatThrownBy(() -> ThinClient.connect(secured.url()))
          .hasMessageContaining("HTTP/401");
      // The project's driver reports both as the SQLException JDBC promises.
      String url = "jdbc:dicom:remote:" + secured.http();
      try (Connection remote = DriverManager.getConnection(url, "alice", "correct horse")) {
        assertThat(rows(remote, "SELECT COUNT(*) FROM patients")).containsExactly("2");
      }
      assertThatThrownBy(() -> DriverManager.getConnection(url, "alice", "wrong"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("28000"))
          .hasMessageContaining("authentication failed for user 'alice'");
      assertThatThrownBy(() -> DriverManager.getConnection(url))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("28000"))
          .hasMessageContaining("wants a user name and password");
      assertThat(secured.log()).anyMatch(line -> line.contains("opened by alice@127.0.0.1"))
          .anyMatch(line -> line.contains("authentication failed for user 'alice'"));
    }
  }

  @Test
  void servesOverTlsWithTheKeystoreGiven() throws Exception {
    Path keystore = temp.resolve("server.p12");
    String password = "keystore-secret";
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-keyalg", "RSA", "-keysize", "2048",
        "-alias", "dicomsql", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", password).redirectErrorStream(true).start();
    String made = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(made).isZero();
    try (ServeProcess tls = ServeProcess.start(temp,
        Map.of("DICOMSQL_KEYSTORE_PASSWORD", password), data.toString(), "--index",
        temp.resolve("served").toString(), "--keystore", keystore.toString())) {
      assertThat(tls.url()).startsWith("jdbc:avatica:remote:url=https://127.0.0.1:");
      String url = tls.url() + ";truststore=" + keystore + ";truststore_password=" + password;
      try (Connection remote = ThinClient.connect(url)) {
        assertThat(rows(remote, "SELECT COUNT(*) FROM patients")).containsExactly("2");
      }
    }
  }

  @Test
  void refreshesInTheBackgroundWhileAClientIsConnected() throws Exception {
    Path growing = temp.resolve("growing");
    new DatasetGenerator(new SynthOptions(1, 11, 64, 0, 1)).generate(growing,
        DatasetGenerator.Listener.NONE);
    try (ServeProcess refreshing = ServeProcess.start(temp, growing.toString(), "--index",
        temp.resolve("growing-index").toString(), "--refresh-interval", "1");
        Connection before = ThinClient.connect(refreshing.url())) {
      String count = "SELECT COUNT(*) FROM instances";
      long instances = Long.parseLong(rows(before, count).get(0));
      try (var files = Files.walk(growing)) {
        Path slice = files.filter(f -> f.toString().endsWith(".dcm")).findFirst().orElseThrow();
        Files.copy(slice, growing.resolve("extra.dcm"));
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (refreshing.log().stream().noneMatch(line -> line.contains("refreshed in"))) {
        assertThat(System.nanoTime()).as(String.join("\n", refreshing.log()))
            .isLessThan(deadline);
        Thread.sleep(100);
      }
      try (Connection after = ThinClient.connect(refreshing.url())) {
        assertThat(rows(after, count)).containsExactly(Long.toString(instances + 1));
      }
      // The connection held open keeps the version it opened: its answers agree.
      assertThat(rows(before, count)).containsExactly(Long.toString(instances));
    }
  }

  @Test
  void refusesToListenBeyondLoopbackWithoutUsers() throws Exception {
    ServeProcess.Finished refused = ServeProcess.run(temp, "", data.toString(), "--bind",
        "0.0.0.0");
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.output()).startsWith("dicomsql: refusing to serve on 0.0.0.0 without "
        + "authentication").doesNotContain("Exception");
  }

  @Test
  void takesTheRasterCacheItIsGiven() throws Exception {
    for (String wrong : new String[] {"lots", "0MB", "64TB"}) {
      ServeProcess.Finished refused = ServeProcess.run(temp, "", data.toString(),
          "--raster-cache", wrong);
      assertThat(refused.status()).as(wrong).isEqualTo(2);
      assertThat(refused.output()).as(wrong).startsWith("dicomsql: --raster-cache ")
          .doesNotContain("Exception").hasLineCount(1);
    }
    try (ServeProcess sized = ServeProcess.start(temp, data.toString(), "--index",
        temp.resolve("served").toString(), "--raster-cache", "96MB")) {
      assertThat(sized.log()).anyMatch(line -> line.contains(" on " + sized.url())
          && line.endsWith("; raster cache 96MB"));
    }
  }

  @Test
  void drainsARunningStatementOnSigtermAndExitsZero() throws Exception {
    String finite = "SELECT COUNT(*) FROM instances a, instances b, instances c";
    long instances = Long.parseLong(rows(embedded, "SELECT COUNT(*) FROM instances").get(0));
    ServeProcess stopping = ServeProcess.start(temp, data.toString(), "--index",
        temp.resolve("served").toString(), "--grace", "600");
    try (Connection remote = ThinClient.connect(stopping.url())) {
      Statement statement = remote.createStatement();
      CompletableFuture<List<String>> running = CompletableFuture.supplyAsync(() -> {
        // Not closed: the server is gone by then.
        try {
          return rows(statement.executeQuery(finite));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(1000);
      assertThat(stopping.terminate()).as(String.join("\n", stopping.log())).isZero();
      assertThat(running.get(1, TimeUnit.MINUTES)).containsExactly(
          Long.toString(instances * instances * instances));
    } catch (SQLException e) {
      // Closing the connection after the server is gone fails; the answer came before.
      assertThat(e.getMessage()).contains("closing");
    } finally {
      stopping.close();
    }
    assertThat(stopping.log()).anyMatch(line -> line.contains("stopping: waiting up to 600 s"))
        .anyMatch(line -> line.endsWith(" stopped"));
  }

  private static String sqlState(Throwable e) {
    try {
      return (String) e.getClass().getMethod("getSqlState").invoke(e);
    } catch (ReflectiveOperationException missing) {
      return "(no SQLState on " + e.getClass().getName() + ")";
    }
  }

  private static List<String> tableNames(DatabaseMetaData metaData) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet tables = metaData.getTables(null, "dicom", "%", null)) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
    }
    Collections.sort(names);
    return names;
  }

  private static List<String> columns(DatabaseMetaData metaData, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rows = metaData.getColumns(null, "dicom", table, "%")) {
      while (rows.next()) {
        columns.add(rows.getString("COLUMN_NAME") + " " + rows.getString("TYPE_NAME"));
      }
    }
    return columns;
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return rows(statement.executeQuery(sql));
    }
  }

  private static List<String> rows(ResultSet rows) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (rows) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        StringBuilder line = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          line.append(c > 1 ? " | " : "").append(rows.getString(c));
        }
        lines.add(line.toString());
      }
    }
    return lines;
  }
}
