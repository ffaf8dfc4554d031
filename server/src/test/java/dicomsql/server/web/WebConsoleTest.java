package dicomsql.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** Rows come as soon as it runs, and far more than any test reads. */
  static final String STREAMING = "SELECT a.path FROM instances a, instances b, instances c, "
      + "instances d";

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
    String series = json(console.post("/api/query", sqlBody(
        "SELECT MIN(series_uid) FROM series WHERE modality = 'CT'"))).at("/rows/0/0").asText();
    for (String post : List.of("query", "explain", "download?format=csv", "cancel",
        "complete")) {
      HttpResponse<String> refused = console.http.send(console.request("/api/" + post)
          .POST(HttpRequest.BodyPublishers.ofString(sqlBody("SELECT 1"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(post).isEqualTo(403);
    }
    for (String get : List.of("page?n=0", "schema", "series?series=" + series,
        "slice?series=" + series + "&index=0", "value?series=" + series
            + "&index=0&row=0&column=0")) {
      HttpResponse<String> refused = console.http.send(console.request("/api/" + get)
          .header(WebSessions.HEADER, "not-a-token").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(get).isEqualTo(403);
    }
    assertThat(console.post("/api/query", sqlBody("SELECT 1")).statusCode()).isEqualTo(200);
    assertThat(console.get("/api/slice?series=" + series + "&index=0").statusCode())
        .isEqualTo(200);
  }

  @Test
  void thePageNeedsNothingFromOutsideTheServer() throws Exception {
    HttpResponse<String> page = console.http.send(console.request("/").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
        .contains("default-src 'self'");
    Matcher links = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page.body());
    List<String> found = new ArrayList<>();
    while (links.find()) {
      found.add(links.group(1));
    }
    assertThat(found).isNotEmpty()
        .allMatch(link -> link.startsWith("/") && !link.startsWith("//"));
    for (String link : found) {
      HttpResponse<String> part = console.http.send(console.request(link).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(part.statusCode()).as(link).isEqualTo(200);
      assertThat(part.body()).as(link).doesNotContain("http://", "https://");
    }
  }

  @Test
  void theFirstPageOfAnEndlessResultReadsOnlyThatPage() throws Exception {
    JsonNode first = json(console.post("/api/query", sqlBody(STREAMING)));
    assertThat(first.get("rows")).hasSize(10);
    assertThat(first.get("last").asBoolean()).isFalse();
    assertThat(first.get("read").asLong()).as("rows read from the driver").isEqualTo(11);
    JsonNode later = json(console.get("/api/page?n=999"));
    assertThat(later.get("first").asLong()).isEqualTo(9990);
    assertThat(later.get("read").asLong()).isEqualTo(10_001);
  }

  @Test
  void windowPresetsAreAbdomenLiverAndBone() throws Exception {
    String series = json(console.post("/api/query", sqlBody("SELECT MIN(series_uid) "
        + "FROM series WHERE modality = 'CT'"))).at("/rows/0/0").asText();
    int index = json(console.get("/api/series?series=" + series)).get("slices").size() / 2;
    Map<String, Window> presets = Map.of("abdomen", new Window(40, 400), "liver",
        new Window(60, 150), "bone", new Window(400, 1800));
    for (Map.Entry<String, Window> preset : presets.entrySet()) {
      HttpResponse<byte[]> png = console.getBytes("/api/slice?series=" + series + "&index="
          + index + "&window=" + preset.getKey());
      BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png.body()));
      for (int at = 0; at < picture.getWidth(); at += 3) {
        float hu = json(console.get("/api/value?series=" + series + "&index=" + index
            + "&row=" + at + "&column=" + at)).get("value").floatValue();
        int grey = preset.getValue().grey(hu);
        assertThat(picture.getRGB(at, at) & 0xffffff).as("%s at %d", preset.getKey(), at)
            .isEqualTo(grey << 16 | grey << 8 | grey);
      }
    }
    HttpResponse<String> unknown = console.get("/api/slice?series=" + series + "&index="
        + index + "&window=lung");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).at("/error/message").asText())
        .isEqualTo("the window is abdomen, liver or bone, not 'lung'");
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
  void theStatementTimeoutStopsALongQueryAndALongLaterPage() throws Exception {
    try (ServedConsole limited = ServedConsole.start(temp.resolve("limited"), console.data,
        null, null, null, Duration.ofSeconds(3))) {
      // Also warms up the planner for the four-way join below.
      HttpResponse<String> answer = limited.post("/api/query", sqlBody(ENDLESS));
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(json(answer).at("/error/sqlState").asText()).isEqualTo("57014");
      assertThat(json(answer).at("/error/message").asText()).contains("timed out");

      // The first page comes at once; a page 10⁹ rows on is still being read at the timeout.
      JsonNode first = json(limited.post("/api/query", sqlBody(STREAMING)));
      assertThat(first.get("rows")).hasSize(10);
      HttpResponse<String> far = limited.get("/api/page?n=100000000");
      assertThat(far.statusCode()).isEqualTo(400);
      assertThat(json(far).at("/error/sqlState").asText()).isEqualTo("57014");
      assertThat(json(far).at("/error/message").asText()).contains("timed out")
          .doesNotContain("\n");
      HttpResponse<String> again = limited.get("/api/page?n=1");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(json(again).get("rows")).hasSize(10);
      assertThat(json(limited.post("/api/query", sqlBody("SELECT 1 AS one"))).at("/rows/0/0")
          .asInt()).isEqualTo(1);
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
    JsonNode contours = null;
    for (JsonNode table : schema.get("tables")) {
      if (table.get("name").asText().equals("contours")) {
        contours = table;
      }
    }
    assertThat(contours.at("/columns/0/references").asText()).isEqualTo("rois.rtss_uid");
    for (JsonNode function : schema.get("functions")) {
      if (function.get("name").asText().equals("roi_png")) {
        assertThat(function.get("meaning").asText()).contains("outline");
      }
    }
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

  /** The colours {@link ServedConsole#generate} gives ROIs 1, 2 (none: the palette's) and 3. */
  private static final int[][] COLOURS = {{255, 0, 0}, {0, 255, 255}, {0, 0, 255}};

  private String threeRois() throws Exception {
    assumeTrue(ServedConsole.recoloured(), "dcmtk's dcmodify is not installed (Debian: "
        + "apt-get install dcmtk): the test folder's ROI 2 cannot be left without a colour");
    try (PreparedStatement query = embedded.prepareStatement("SELECT s.rtss_uid, r.color "
        + "FROM structure_sets s JOIN rois r ON r.rtss_uid = s.rtss_uid WHERE s.path = ? "
        + "ORDER BY r.roi_number")) {
      query.setString(1, ServedConsole.THREE_ROIS);
      List<String> colours = new ArrayList<>();
      String rtss = null;
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          rtss = row.getString(1);
          colours.add(row.getString(2));
        }
      }
      assertThat(colours).containsExactly("255\\0\\0", null, "0\\0\\255");
      return rtss;
    }
  }

  @Test
  void outlinesEveryRoiOfTheStudyInItsColourOnEveryPhase() throws Exception {
    String rtss = threeRois();
    JsonNode named = json(console.get("/api/series?rtss=" + rtss + "&roi=1"));
    assertThat(named.at("/roi/number").asInt()).isEqualTo(1);
    assertThat(named.get("phases").size()).isGreaterThan(1);
    int checkedPhases = 0;
    int sharedSlices = 0;
    for (JsonNode phase : named.get("phases")) {
      String uid = phase.get("seriesUid").asText();
      JsonNode on = json(console.get("/api/series?series=" + uid + "&rtss=" + rtss + "&roi=1"));
      JsonNode rois = on.get("rois");
      assertThat(rois).hasSize(3);
      List<String> outlines = new ArrayList<>();
      Map<Integer, Integer> roisOnSlice = new TreeMap<>();
      for (int i = 0; i < 3; i++) {
        JsonNode roi = rois.get(i);
        assertThat(roi.get("rtss").asText()).isEqualTo(rtss);
        assertThat(roi.get("number").asInt()).isEqualTo(i + 1);
        assertThat(Json.MAPPER.convertValue(roi.get("color"), int[].class))
            .containsExactly(COLOURS[i]);
        outlines.add(rtss + ":" + (i + 1));
        roi.get("slices").forEach(slice -> roisOnSlice.merge(slice.asInt(), 1, Integer::sum));
      }
      if (roisOnSlice.isEmpty()) {
        continue;
      }
      int busiest = roisOnSlice.entrySet().stream().max(Map.Entry.comparingByValue())
          .orElseThrow().getKey();
      for (Map.Entry<Integer, Integer> slice : roisOnSlice.entrySet()) {
        int index = slice.getKey();
        String sop = on.at("/slices/" + index + "/sop").asText();
        List<RoaringBitmap> masks = new ArrayList<>();
        for (int roi = 1; roi <= 3; roi++) {
          masks.add(maskFromSql(rtss, roi, sop));
        }
        int drawn = checkOutlines(uid, index, render(uid, index, outlines),
            render(uid, index, List.of()), masks, index == busiest);
        assertThat(drawn).isEqualTo(slice.getValue());
        if (drawn > 1) {
          sharedSlices++;
        }
      }
      checkedPhases++;
    }
    assertThat(checkedPhases).isGreaterThan(1);
    assertThat(sharedSlices).as("slices with two ROIs' outlines").isPositive();
  }

  /**
   * Checks a slice drawn with the outlines of {@code masks} (in their order, ROIs 1 to 3)
   * against the slice drawn without: every edge pixel of each mask is in that ROI's colour
   * where no other mask's edge lies, every other pixel is as without outlines, and (when
   * {@code values}) the abdomen window of its value inside the masks. Returns how many masks
   * were on the slice.
   */
  private int checkOutlines(String uid, int index, BufferedImage picture, BufferedImage plain,
      List<RoaringBitmap> masks, boolean values) throws Exception {
    int columns = picture.getWidth();
    List<RoaringBitmap> edges = new ArrayList<>();
    for (RoaringBitmap mask : masks) {
      RoaringBitmap edge = new RoaringBitmap();
      for (int pixel : mask) {
        if (!(mask.contains(pixel - columns) && mask.contains(pixel + columns)
            && mask.contains(pixel - 1) && mask.contains(pixel + 1))) {
          edge.add(pixel);
        }
      }
      edges.add(edge);
    }
    RoaringBitmap anyEdge = RoaringBitmap.or(edges.iterator());
    for (int row = 0; row < picture.getHeight(); row++) {
      for (int col = 0; col < columns; col++) {
        if (!anyEdge.contains(row * columns + col)) {
          assertThat(picture.getRGB(col, row)).as("pixel %d,%d", row, col)
              .isEqualTo(plain.getRGB(col, row));
        }
      }
    }
    int drawn = 0;
    for (int roi = 0; roi < masks.size(); roi++) {
      RoaringBitmap others = new RoaringBitmap();
      for (int other = 0; other < edges.size(); other++) {
        if (other != roi) {
          others.or(edges.get(other));
        }
      }
      int[] colour = COLOURS[roi];
      int rgb = colour[0] << 16 | colour[1] << 8 | colour[2];
      int edge = 0;
      for (int pixel : masks.get(roi)) {
        int row = pixel / columns;
        int col = pixel % columns;
        int shown = picture.getRGB(col, row) & 0xffffff;
        if (others.contains(pixel)) {
          continue;
        }
        if (edges.get(roi).contains(pixel)) {
          assertThat(shown).as("ROI %d edge pixel %d,%d", roi + 1, row, col).isEqualTo(rgb);
          edge++;
        } else if (values) {
          float hu = json(console.get("/api/value?series=" + uid + "&index=" + index + "&row="
              + row + "&column=" + col)).get("value").floatValue();
          int grey = new Window(40, 400).grey(hu);
          assertThat(shown).as("inside pixel %d,%d", row, col)
              .isEqualTo(grey << 16 | grey << 8 | grey);
        }
      }
      if (edge > 0) {
        drawn++;
      }
    }
    return drawn;
  }

  private BufferedImage render(String uid, int index, List<String> outlines) throws Exception {
    StringBuilder path = new StringBuilder("/api/slice?series=" + uid + "&index=" + index
        + "&window=abdomen");
    for (String outline : outlines) {
      path.append("&outline=").append(outline);
    }
    HttpResponse<byte[]> png = console.getBytes(path.toString());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
    return ImageIO.read(new ByteArrayInputStream(png.body()));
  }

  @Test
  void aSeriesShowsTheRoisOfItsStudyAndOnlyTheOutlinesAskedFor() throws Exception {
    String rtss = threeRois();
    JsonNode named = json(console.get("/api/series?rtss=" + rtss + "&roi=1"));
    String uid = named.get("series").asText();
    JsonNode plain = json(console.get("/api/series?series=" + uid));
    assertThat(plain.has("roi")).isFalse();
    assertThat(plain.get("rois").findValuesAsText("rtss")).containsOnly(rtss).hasSize(3);
    String otherRtss;
    String otherSeries;
    try (PreparedStatement query = embedded.prepareStatement("SELECT rtss_uid, "
        + "referenced_series_uid FROM rois WHERE rtss_uid <> ? LIMIT 1")) {
      query.setString(1, rtss);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        otherRtss = row.getString(1);
        otherSeries = row.getString(2);
      }
    }
    JsonNode other = json(console.get("/api/series?series=" + otherSeries));
    assertThat(other.get("rois").findValuesAsText("rtss")).containsOnly(otherRtss);

    // Only ROI 3 asked for: ROI 1's edge on a slice of both stays grey.
    int shared = -1;
    for (JsonNode slice : named.at("/rois/0/slices")) {
      for (JsonNode third : named.at("/rois/2/slices")) {
        if (slice.asInt() == third.asInt()) {
          shared = slice.asInt();
        }
      }
    }
    assertThat(shared).isNotNegative();
    BufferedImage picture = render(uid, shared, List.of(rtss + ":3"));
    RoaringBitmap first = maskFromSql(rtss, 1, named.at("/slices/" + shared + "/sop").asText());
    int columns = picture.getWidth();
    for (int pixel : first) {
      int rgb = picture.getRGB(pixel % columns, pixel / columns);
      assertThat(rgb & 0xff).isEqualTo(rgb >> 8 & 0xff).isEqualTo(rgb >> 16 & 0xff);
    }
    HttpResponse<String> foreign = console.get("/api/slice?series=" + uid
        + "&index=0&outline=" + otherRtss + ":1");
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(json(foreign).at("/error/message").asText()).contains("cannot be outlined");
    HttpResponse<String> malformed = console.get("/api/slice?series=" + uid
        + "&index=0&outline=" + rtss);
    assertThat(json(malformed).at("/error/message").asText())
        .contains("outline must be RTSS_UID:ROI_NUMBER");
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
