package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.roaringbitmap.RoaringBitmap;

/**
 * The web console of a {@code dicomsql serve} process: its CSV download compared with the
 * command line's {@code --csv} output for the same statements, and the page driven in Debian's
 * headless chromium through chromedriver (skipped, with the reason, where they are absent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConsoleIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Pattern TOKEN = Pattern.compile(
      "<meta name=\"csrf-token\" content=\"([^\"]+)\">");
  private static final String ENDLESS = "SELECT COUNT(*) FROM instances a, instances b, "
      + "instances c, instances d";

  @TempDir
  static Path temp;
  private Path data;
  private ServeProcess serve;
  private Connection embedded;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void generateAndServe() throws Exception {
    data = temp.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 7, 64, 0, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    serve = ServeProcess.start(temp, data.toString(), "--index", temp.resolve("served")
        .toString(), "--grace", "1");
    embedded = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + temp.resolve("embedded"));
  }

  @AfterAll
  void stop() throws Exception {
    embedded.close();
    serve.close();
  }

  private String token() throws Exception {
    String page = http.send(HttpRequest.newBuilder(URI.create(serve.http() + "/")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher matcher = TOKEN.matcher(page);
    assertThat(matcher.find()).as(page).isTrue();
    return matcher.group(1);
  }

  private String download(String token, String sql) throws Exception {
    String body = "{\"sql\": \"" + sql.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serve.http()
        + "/api/download?format=csv")).header("X-CSRF-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** What {@code dicomsql DATA --csv -e SQL} prints. */
  private String commandLine(String sql) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", System.getProperty("shellJar"),
        data.toString(), "--index", temp.resolve("cli").toString(), "--csv", "-e", sql);
    builder.environment().put("XDG_CACHE_HOME", temp.toString());
    builder.redirectError(temp.resolve("cli.log").toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(temp.resolve("cli.log"))).isZero();
    return out;
  }

  @Test
  void theCsvDownloadIsTheCommandLinesCsv() throws Exception {
    String token = token();
    for (String sql : List.of(
        "SELECT s.series_uid, s.series_description, s.phase, s.slice_spacing, s.rows,"
            + " s.acquisition_time, p.birth_date FROM series s JOIN patients p"
            + " ON p.patient_id = s.patient_id ORDER BY s.series_uid",
        "SELECT r.roi_name, r.color, x.sop_uid, x.z, roi_mask(r.rtss_uid, r.roi_number,"
            + " x.sop_uid) AS mask FROM rois r, LATERAL TABLE(roi_slices(r.rtss_uid,"
            + " r.roi_number)) x ORDER BY r.rtss_uid, r.roi_number, x.z")) {
      String expected = commandLine(sql);
      assertThat(expected).contains("\r\n");
      assertThat(download(token, sql)).isEqualTo(expected);
    }
  }

  // --- The page in a browser.

  private WebDriver browser(Path downloads) {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no headless browser: install Debian's chromium and chromium-driver (/usr/bin/chromium,"
            + " /usr/bin/chromedriver) to run the web console's browser tests");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=1280,1000", "--force-device-scale-factor=1");
    options.setExperimentalOption("prefs", Map.of("download.default_directory",
        downloads.toString(), "download.prompt_for_download", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static WebDriverWait waiting(WebDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  private static void type(WebDriver driver, String sql) {
    WebElement editor = driver.findElement(By.id("sql"));
    editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    editor.sendKeys(sql);
  }

  private static void runAndWait(WebDriver driver) {
    driver.findElement(By.id("sql")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    waiting(driver).until(d -> d.findElement(By.id("run")).isEnabled()
        && !d.findElement(By.id("status")).getText().equals("running…"));
  }

  private String statusOf(WebDriver driver) {
    return driver.findElement(By.id("status")).getText();
  }

  @Test
  void queriesPagesCancelsViewsAndDownloadsInABrowser() throws Exception {
    Path downloads = Files.createDirectories(temp.resolve("downloads"));
    WebDriver driver = browser(downloads);
    try {
      driver.get(serve.http() + "/");
      waiting(driver).until(d -> !d.findElements(By.cssSelector("#tables details")).isEmpty());

      // A query typed with completion, then run.
      type(driver, "SELECT COUNT(*) AS n FROM ro");
      driver.findElement(By.id("sql")).sendKeys(Keys.chord(Keys.CONTROL, Keys.SPACE));
      waiting(driver).until(d -> d.findElement(By.id("completions")).isDisplayed());
      assertThat(driver.findElement(By.cssSelector("#completions li.active")).getText())
          .startsWith("rois");
      driver.findElement(By.id("sql")).sendKeys(Keys.ENTER);
      assertThat(driver.findElement(By.id("sql")).getAttribute("value"))
          .isEqualTo("SELECT COUNT(*) AS n FROM rois");
      runAndWait(driver);
      assertThat(driver.findElement(By.cssSelector("#results td.number")).getText())
          .isEqualTo(Long.toString(count("SELECT COUNT(*) FROM rois")));

      // 10,000 rows, a page at a time.
      type(driver, "SELECT a.sop_uid, b.instance_number FROM instances a, instances b "
          + "LIMIT 10000");
      runAndWait(driver);
      for (int page = 1; page < 100; page++) {
        driver.findElement(By.id("next")).click();
        String label = "rows " + (page * 100 + 1) + "–";
        waiting(driver).until(d -> d.findElement(By.id("page-label")).getText()
            .startsWith(label));
      }
      assertThat(driver.findElement(By.id("page-label")).getText())
          .isEqualTo("rows 9901–10000 of 10000");
      assertThat(driver.findElement(By.id("next")).isEnabled()).isFalse();
      assertThat(driver.findElements(By.cssSelector("#results tbody tr"))).hasSize(100);

      // A long query, cancelled.
      type(driver, ENDLESS);
      driver.findElement(By.id("run")).click();
      waiting(driver).until(d -> d.findElement(By.id("cancel")).isEnabled());
      Thread.sleep(500);
      driver.findElement(By.id("cancel")).click();
      waiting(driver).until(d -> statusOf(d).contains("57014"));

      // The viewer, opened from a rois row: the outline in the ROI's colour on the mask edge.
      type(driver, "SELECT rtss_uid, roi_number, roi_name, color FROM rois "
          + "ORDER BY rtss_uid, roi_number LIMIT 1");
      runAndWait(driver);
      String rtss = driver.findElement(By.cssSelector("#results tbody td:nth-child(2)"))
          .getText();
      int roi = Integer.parseInt(driver.findElement(By.cssSelector(
          "#results tbody td:nth-child(3)")).getText());
      String[] color = driver.findElement(By.cssSelector("#results tbody td:nth-child(5)"))
          .getText().split("\\\\");
      int rgb = Integer.parseInt(color[0]) << 16 | Integer.parseInt(color[1]) << 8
          | Integer.parseInt(color[2]);
      driver.findElement(By.cssSelector("#results button.view")).click();
      String firstSeries = outlineShown(driver, rtss, roi, rgb, null);

      // Another phase: the outline carried to its grid.
      Select phases = new Select(driver.findElement(By.id("phase")));
      assertThat(phases.getOptions()).hasSizeGreaterThan(1);
      String other = phases.getOptions().stream().map(o -> o.getAttribute("value"))
          .filter(v -> !v.equals(firstSeries)).findFirst().orElseThrow();
      phases.selectByValue(other);
      outlineShown(driver, rtss, roi, rgb, other);
      driver.findElement(By.id("viewer-close")).click();

      // The CSV download, as the command line writes it.
      String sql = "SELECT patient_id, sex, birth_date FROM patients ORDER BY patient_id";
      type(driver, sql);
      driver.findElement(By.id("download-csv")).click();
      Path file = downloads.resolve("result.csv");
      waiting(driver).until(d -> Files.exists(file) && statusOf(d).startsWith("downloaded"));
      assertThat(Files.readString(file)).isEqualTo(commandLine(sql));
    } finally {
      driver.quit();
    }
  }

  /**
   * Waits for the viewer to show a slice of the series (or of any series when null) and checks
   * the screenshot: every edge pixel of the ROI's mask from SQL is in the ROI's colour.
   * Returns the series shown.
   */
  private String outlineShown(WebDriver driver, String rtss, int roi, int rgb, String series)
      throws Exception {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    waiting(driver).until(d -> {
      Object shown = js.executeScript("const img = document.getElementById('slice');"
          + " return viewer.series && img.complete && img.naturalWidth > 0"
          + " && img.dataset.index == String(viewer.index) ? viewer.series.series : null;");
      return shown != null && (series == null || series.equals(shown));
    });
    String shownSeries = (String) js.executeScript("return viewer.series.series;");
    String sop = (String) js.executeScript(
        "return viewer.series.slices[viewer.index].sop;");
    WebElement slice = driver.findElement(By.id("slice"));
    BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(
        slice.getScreenshotAs(OutputType.BYTES)));
    RoaringBitmap mask = mask(rtss, roi, sop);
    assertThat(mask.isEmpty()).as("the ROI on the slice shown").isFalse();
    int columns = screenshot.getWidth();
    List<String> wrong = new ArrayList<>();
    int edges = 0;
    for (int pixel : mask) {
      boolean inside = mask.contains(pixel - columns) && mask.contains(pixel + columns)
          && mask.contains(pixel - 1) && mask.contains(pixel + 1);
      if (!inside) {
        edges++;
        int shown = screenshot.getRGB(pixel % columns, pixel / columns) & 0xffffff;
        if (shown != rgb) {
          wrong.add(Integer.toHexString(shown));
        }
      }
    }
    assertThat(edges).isPositive();
    assertThat(wrong).as("edge pixels not in the ROI's colour").isEmpty();
    return shownSeries;
  }

  private long count(String sql) throws Exception {
    try (Statement statement = embedded.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private RoaringBitmap mask(String rtss, int roi, String sop) throws Exception {
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
