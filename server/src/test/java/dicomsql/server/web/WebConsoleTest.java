package dicomsql.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dicomsql.engine.raster.Window;
import dicomsql.server.UsersFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * The console's endpoints over HTTP, as a browser reaches them: the CSRF rule, authentication,
 * no CORS, paging, cancel, errors, downloads, schema and completion, and the viewer's pictures
 * checked against {@code roi_mask} from SQL on the embedded driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConsoleTest {
  /** Never ends in a test's time (instances to the fourth power), unless cancelled. */
  static final String ENDLESS = "SELECT COUNT(*) FROM instances a, instances b, "
      + "instances c, instances d";

  @TempDir
  static Path temp;
  private ServedConsole console;
  private Connection embedded;

  @BeforeAll
  void serve() throws Exception {
    Path data = ServedConsole.generate(temp);
    console = ServedConsole.start(temp.resolve("open"), data, null, null, null, Duration.ZERO);
    embedded = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + temp.resolve("embedded"));
  }

  @AfterAll
  void stop() throws Exception {
    embedded.close();
    console.close();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }

  private static String sqlBody(String sql) throws Exception {
    return Json.MAPPER.writeValueAsString(java.util.Map.of("sql", sql, "pageSize", 10));
  }

  @Test
  void theViewerMovesToTheIndexVersionABackgroundRefreshMade() throws Exception {
    Path data = temp.resolve("changing");
    try (Stream<Path> files = Files.walk(console.data)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, data.resolve(console.data.relativize(file).toString()));
      }
    }
    String uid;
    List<Path> slices = new ArrayList<>();
    try (Connection copy = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + temp.resolve("changing-embedded"));
        Statement statement = copy.createStatement();
        ResultSet rows = statement.executeQuery("SELECT s.series_uid, i.path FROM series s "
            + "JOIN instances i ON i.series_uid = s.series_uid WHERE s.modality = 'CT' "
            + "AND s.series_uid = (SELECT MIN(series_uid) FROM series WHERE modality = 'CT')")) {
      rows.next();
      uid = rows.getString(1);
      do {
        slices.add(data.resolve(rows.getString(2)));
      } while (rows.next());
    }
    try (ServedConsole changing = ServedConsole.start(temp.resolve("changing-served"), data,
        null, null, null, Duration.ZERO, Duration.ofMillis(200))) {
      assertThat(changing.get("/api/series?series=" + uid).statusCode()).isEqualTo(200);
      for (Path slice : slices) {
        Files.delete(slice);
      }
      HttpResponse<String> answer = changing.get("/api/series?series=" + uid);
      for (int tries = 0; answer.statusCode() == 200 && tries < 600; tries++) {
        Thread.sleep(100);
        answer = changing.get("/api/series?series=" + uid);
      }
      assertThat(json(answer).at("/error/message").asText()).contains("no series " + uid);
    }
  }

  @Test
  void everyApiRequestNeedsThePagesToken() throws Exception {
    HttpResponse<String> none = console.http.send(console.request("/api/query")
        .POST(HttpRequest.BodyPublishers.ofString(sqlBody("SELECT 1"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(json(none).at("/error/message").asText()).contains("X-CSRF-Token");
    HttpResponse<String> wrong = console.http.send(console.request("/api/schema")
        .header(WebSessions.HEADER, "not-a-token").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(console.post("/api/query", sqlBody("SELECT 1")).statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongPasswordIsChallengedAndTheRightOneServed() throws Exception {
    Path users = temp.resolve("users");
    UsersFile.put(users, "alice", "secret".toCharArray(), 1000);
    try (ServedConsole guarded = ServedConsole.start(temp.resolve("guarded"), console.data,
        users, "alice", "secret", Duration.ZERO)) {
      HttpResponse<String> wrong = guarded.http.send(HttpRequest.newBuilder(
          java.net.URI.create(guarded.base() + "/")).header("Authorization", "Basic "
              + java.util.Base64.getEncoder().encodeToString("alice:wrong".getBytes()))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).get().asString()
          .startsWith("Basic");
      HttpResponse<String> anonymous = console.http.send(HttpRequest.newBuilder(
          java.net.URI.create(guarded.base() + "/api/schema")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(guarded.post("/api/query", sqlBody("SELECT 1 AS one")).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void noResponseCarriesCorsHeadersAndPreflightIsRefused() throws Exception {
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (String path : List.of("/", "/web/console.js", "/api/schema", "/api/query")) {
      responses.add(console.http.send(console.request(path).header("Origin",
          "https://evil.example").header(WebSessions.HEADER, console.token).GET().build(),
          HttpResponse.BodyHandlers.ofString()));
      responses.add(console.http.send(console.request(path)
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", "https://evil.example")
          .header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "x-csrf-token, content-type").build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (HttpResponse<String> response : responses) {
      assertThat(response.headers().map().keySet())
          .as(response.request().method() + " " + response.uri())
          .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }
    assertThat(responses.get(1).statusCode()).isEqualTo(405);
  }

  @Test
  void pagesThroughAResultAsTheDriverReadsIt() throws Exception {
    String sql = "SELECT path, file_size FROM instances ORDER BY path";
    List<String> expected = new ArrayList<>();
    try (Statement statement = embedded.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        expected.add(rows.getString(1));
      }
    }
    JsonNode first = json(console.post("/api/query", sqlBody(sql)));
    assertThat(first.at("/columns/0/name").asText()).isEqualToIgnoringCase("path");
    assertThat(first.at("/columns/1/type").asText()).isEqualTo("BIGINT");
    assertThat(first.get("rows")).hasSize(10);
    assertThat(first.get("last").asBoolean()).isFalse();
    List<String> paged = new ArrayList<>();
    for (int n = 0; ; n++) {
      JsonNode page = json(console.get("/api/page?n=" + n));
      page.get("rows").forEach(row -> paged.add(row.get(0).asText()));
      if (page.get("last").asBoolean()) {
        assertThat(page.get("read").asLong()).isEqualTo(expected.size());
        break;
      }
    }
    assertThat(paged).isEqualTo(expected);
    JsonNode again = json(console.get("/api/page?n=1"));
    assertThat(again.at("/rows/0/0").asText()).isEqualTo(expected.get(10));
  }

  @Test
  void nullsArePassedAsNullAndPngsAsPictures() throws Exception {
    JsonNode page = json(console.post("/api/query", sqlBody("SELECT CAST(NULL AS VARCHAR) AS n,"
        + " roi_png(r.rtss_uid, r.roi_number, x.sop_uid) AS png FROM rois r,"
        + " LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x"
        + " WHERE x.sop_uid IS NOT NULL LIMIT 1")));
    assertThat(page.at("/rows/0/0").isNull()).isTrue();
    byte[] png = java.util.Base64.getDecoder().decode(page.at("/rows/0/1/png").asText());
    assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
  }

  @Test
  void cancelStopsTheRunningQuery() throws Exception {
    CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
      try {
        return console.post("/api/query", sqlBody(ENDLESS));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (!running.isDone()) {
      assertThat(console.post("/api/cancel", "{}").statusCode()).isEqualTo(200);
      Thread.sleep(200);
    }
    HttpResponse<String> answer = running.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).at("/error/sqlState").asText()).isEqualTo("57014");
    assertThat(console.post("/api/query", sqlBody("SELECT 1")).statusCode()).isEqualTo(200);
  }

  @Test
  void theStatementTimeoutStopsALongQuery() throws Exception {
    try (ServedConsole limited = ServedConsole.start(temp.resolve("limited"), console.data,
        null, null, null, Duration.ofSeconds(1))) {
      HttpResponse<String> answer = limited.post("/api/query", sqlBody(ENDLESS));
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(json(answer).at("/error/sqlState").asText()).isEqualTo("57014");
      assertThat(json(answer).at("/error/message").asText()).contains("timed out");
    }
  }

  @Test
  void refusesWritesAndMarksWhereAStatementIsWrong() throws Exception {
    HttpResponse<String> write = console.post("/api/query", sqlBody("DELETE FROM rois"));
    assertThat(write.statusCode()).isEqualTo(400);
    assertThat(json(write).at("/error/sqlState").asText()).isEqualTo("25006");
    JsonNode wrong = json(console.post("/api/query", sqlBody("SELECT nosuch FROM rois")));
    assertThat(wrong.at("/error/message").asText()).contains("nosuch").doesNotContain("\n");
    assertThat(wrong.at("/error/position").toString()).isEqualTo("[1,8,1,8]");
  }

  @Test
  void explainsAsATreeOfOperators() throws Exception {
    JsonNode plan = json(console.post("/api/explain", sqlBody(
        "SELECT r.roi_name, s.phase FROM rois r JOIN series s "
            + "ON s.series_uid = r.referenced_series_uid")));
    JsonNode root = plan.at("/tree/0");
    assertThat(root.get("label").asText()).isNotBlank();
    assertThat(plan.get("text").asText()).startsWith(root.get("label").asText());
    assertThat(depth(root)).isGreaterThan(1);
  }

  private static int depth(JsonNode node) {
    int deepest = 0;
    for (JsonNode input : node.get("inputs")) {
      deepest = Math.max(deepest, depth(input));
    }
    return deepest + 1;
  }

  @Test
  void downloadsTheWholeResultAsCsvAndJson() throws Exception {
    String sql = "SELECT patient_id, sex, birth_date FROM patients ORDER BY patient_id";
    HttpResponse<String> csv = console.post("/api/download?format=csv", sqlBody(sql));
    assertThat(csv.headers().firstValue("Content-Disposition")).get().asString()
        .contains("result.csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).isEqualTo("patient_id,sex,birth_date");
    assertThat(lines).hasSize(3);
    JsonNode rows = Json.MAPPER.readTree(console.post("/api/download?format=json",
        sqlBody(sql)).body());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("patient_id").asText()).isEqualTo(lines[1].split(",")[0]);
  }

  @Test
  void describesTheSchemaAsTheShellDoes() throws Exception {
    JsonNode schema = json(console.get("/api/schema"));
    JsonNode rois = null;
    for (JsonNode table : schema.get("tables")) {
      if (table.get("name").asText().equals("rois")) {
        rois = table;
      }
    }
    assertThat(rois).isNotNull();
    assertThat(rois.at("/columns/0/name").asText()).isEqualTo("rtss_uid");
    assertThat(rois.at("/columns/0/keySeq").asInt()).isEqualTo(1);
    assertThat(rois.at("/columns/0/nullable").asBoolean()).isFalse();
    assertThat(schema.get("functions").toString())
        .contains("roi_png(rtss_uid VARCHAR, roi_number INTEGER, sop_uid VARCHAR) VARBINARY")
        .contains("roi_first_order(rtss_uid VARCHAR, roi_number INTEGER, series_uid VARCHAR"
            + "[, bin_width DOUBLE]) TABLE(voxel_count BIGINT");
  }

  @Test
  void completesColumnsOfAnAliasedTable() throws Exception {
    JsonNode answer = json(console.post("/api/complete",
        "{\"text\": \"SELECT r.roi_n FROM rois r\", \"cursor\": 14}"));
    assertThat(answer.get("from").asInt()).isEqualTo(9);
    List<String> texts = new ArrayList<>();
    answer.get("candidates").forEach(c -> texts.add(c.get("text").asText()));
    assertThat(texts).containsExactly("roi_number", "roi_name");
    JsonNode tables = json(console.post("/api/complete", "{\"text\": \"SELECT * FROM ro\"}"));
    assertThat(tables.at("/candidates/0/text").asText()).isEqualTo("rois");
  }

  @Test
  void drawsTheRoiOutlineInItsColourOnEveryPhase() throws Exception {
    String rtss;
    int roi;
    int[] color;
    try (Statement statement = embedded.createStatement();
        ResultSet row = statement.executeQuery("SELECT rtss_uid, roi_number, color FROM rois "
            + "ORDER BY rtss_uid, roi_number LIMIT 1")) {
      row.next();
      rtss = row.getString(1);
      roi = row.getInt(2);
      String[] parts = row.getString(3).split("\\\\");
      color = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
          Integer.parseInt(parts[2])};
    }
    JsonNode series = json(console.get("/api/series?rtss=" + rtss + "&roi=" + roi));
    assertThat(series.get("phases").size()).isGreaterThan(1);
    assertThat(series.at("/roi/slices")).isNotEmpty();
    int checkedPhases = 0;
    for (JsonNode phase : series.get("phases")) {
      String uid = phase.get("seriesUid").asText();
      JsonNode on = json(console.get("/api/series?series=" + uid + "&rtss=" + rtss + "&roi="
          + roi));
      JsonNode slices = on.at("/roi/slices");
      if (slices.isEmpty()) {
        continue;
      }
      int index = slices.get(slices.size() / 2).asInt();
      String sop = on.at("/slices/" + index + "/sop").asText();
      RoaringBitmap mask = maskFromSql(rtss, roi, sop);
      assertThat(mask.isEmpty()).isFalse();
      HttpResponse<byte[]> png = console.getBytes("/api/slice?series=" + uid + "&index="
          + index + "&window=abdomen&rtss=" + rtss + "&roi=" + roi);
      assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
      BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png.body()));
      int columns = picture.getWidth();
      int rgb = color[0] << 16 | color[1] << 8 | color[2];
      int edge = 0;
      for (int pixel : mask) {
        int row = pixel / columns;
        int col = pixel % columns;
        boolean inside = mask.contains(pixel - columns) && mask.contains(pixel + columns)
            && mask.contains(pixel - 1) && mask.contains(pixel + 1);
        int shown = picture.getRGB(col, row) & 0xffffff;
        if (!inside) {
          assertThat(shown).as("edge pixel %d,%d", row, col).isEqualTo(rgb);
          edge++;
        } else {
          float hu = json(console.get("/api/value?series=" + uid + "&index=" + index + "&row="
              + row + "&column=" + col)).get("value").floatValue();
          int grey = new Window(40, 400).grey(hu);
          assertThat(shown).as("inside pixel %d,%d", row, col)
              .isEqualTo(grey << 16 | grey << 8 | grey);
        }
      }
      assertThat(edge).isPositive();
      checkedPhases++;
    }
    assertThat(checkedPhases).isGreaterThan(1);
  }

  private RoaringBitmap maskFromSql(String rtss, int roi, String sop) throws Exception {
    try (PreparedStatement query = embedded.prepareStatement("SELECT roi_mask(?, ?, ?)")) {
      query.setString(1, rtss);
      query.setInt(2, roi);
      query.setString(3, sop);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        RoaringBitmap mask = new RoaringBitmap();
        mask.deserialize(new DataInputStream(new ByteArrayInputStream(row.getBytes(1))));
        return mask;
      }
    }
  }
}
