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
import org.openqa.selenium.interactions.Actions;
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
  private static final Path DCMODIFY = Path.of("/usr/bin/dcmodify");
  private static final String THREE_ROIS = "HCC_0002/401/001.dcm";
  /** ROI 1's and ROI 3's colours, as the generator gives them. */
  private static final int RED = 0xFF0000;
  private static final int BLUE = 0x0000FF;
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

  /**
   * Two cases at 64², the second with a structure set of three ROIs, 1 and 3 on common slices
   * (seed 59), in the generator's red, green and blue; where dcmtk is installed its dcmodify
   * takes ROI 2's colour away (the viewer's palette), as for the server's WebConsoleTest.
   */
  @BeforeAll
  void generateAndServe() throws Exception {
    data = temp.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 59, 64, 0, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    if (Files.isExecutable(DCMODIFY)) {
      Process edit = new ProcessBuilder(DCMODIFY.toString(), "-nb",
          "-e", "(3006,0039)[1].(3006,002a)",
          data.resolve(THREE_ROIS).toString()).inheritIO().start();
      assertThat(edit.waitFor()).isZero();
    }
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

      // A wrong statement: the shell's one line, the word marked in the editor.
      type(driver, "SELECT nosuch FROM rois");
      runAndWait(driver);
      assertThat(statusOf(driver)).contains("nosuch").doesNotContain("\n");
      assertThat(driver.findElement(By.cssSelector("#highlight mark")).getText())
          .isEqualTo("nosuch");

      // The history, kept in the browser, gives a statement back to the editor.
      new Select(driver.findElement(By.id("history")))
          .selectByValue("SELECT COUNT(*) AS n FROM rois");
      assertThat(driver.findElement(By.id("sql")).getAttribute("value"))
          .isEqualTo("SELECT COUNT(*) AS n FROM rois");

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

      // The viewer, opened from a rois row: every ROI of the structure set outlined in its
      // colour on its mask's edge, on a slice with ROIs 1 and 3.
      assumeTrue(Files.isExecutable(DCMODIFY), "dcmtk's dcmodify is not installed (Debian: "
          + "apt-get install dcmtk): the test folder's ROI 2 cannot be left without a colour");
      type(driver, "SELECT r.rtss_uid, r.roi_number, r.roi_name, r.color FROM rois r "
          + "JOIN structure_sets s ON s.rtss_uid = r.rtss_uid WHERE s.path = '" + THREE_ROIS
          + "' ORDER BY r.roi_number");
      runAndWait(driver);
      String rtss = driver.findElement(By.cssSelector("#results tbody td:nth-child(2)"))
          .getText();
      driver.findElement(By.cssSelector("#results button.view")).click();
      String firstSeries = outlinesShown(driver, rtss, null, true);
      assertThat(driver.findElements(By.cssSelector("#legend li"))).hasSize(3);
      assertThat(driver.findElement(By.cssSelector("#legend li.selected")).getAttribute(
          "data-roi")).isEqualTo(rtss + ":1");

      // The value under the cursor, as the server reads it at that pixel.
      WebElement image = driver.findElement(By.id("slice"));
      new Actions(driver).moveToElement(image, 5, 7).perform();
      waiting(driver).until(d -> !d.findElement(By.id("hu")).getText().isEmpty());
      Matcher hu = Pattern.compile("\\((\\d+), (\\d+)\\) (-?\\d+) HU").matcher(
          driver.findElement(By.id("hu")).getText());
      assertThat(hu.matches()).as(driver.findElement(By.id("hu")).getText()).isTrue();
      String value = http.send(HttpRequest.newBuilder(URI.create(serve.http()
          + "/api/value?series=" + firstSeries + "&index=" + ((JavascriptExecutor) driver)
              .executeScript("return viewer.index;") + "&row=" + hu.group(2) + "&column="
          + hu.group(1))).header("X-CSRF-Token", token()).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(Math.round(Double.parseDouble(value.replaceAll("[^-0-9.]", ""))))
          .isEqualTo(Long.parseLong(hu.group(3)));

      // ROI 3 toggled off in the legend: its edge is drawn no more.
      driver.findElement(By.cssSelector("#legend li[data-roi='" + rtss + ":3'] input"))
          .click();
      outlinesShown(driver, rtss, firstSeries, false);

      // Another phase: the outlines carried to its grid.
      driver.findElement(By.cssSelector("#legend li[data-roi='" + rtss + ":3'] input"))
          .click();
      Select phases = new Select(driver.findElement(By.id("phase")));
      assertThat(phases.getOptions()).hasSizeGreaterThan(1);
      String other = phases.getOptions().stream().map(o -> o.getAttribute("value"))
          .filter(v -> !v.equals(firstSeries)).findFirst().orElseThrow();
      phases.selectByValue(other);
      outlinesShown(driver, rtss, other, true);
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
   * Waits for the viewer to show the series (any when null), moves it to a slice that ROIs 1
   * and 3 are both on, and checks the screenshot against their masks from SQL: ROI 1's edge
   * pixels are in its blue, ROI 3's in red ({@code third}) or grey (toggled off), where the two
   * edges do not meet. Returns the series shown.
   */
  private String outlinesShown(WebDriver driver, String rtss, String series, boolean third)
      throws Exception {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    waiting(driver).until(d -> {
      Object shown = js.executeScript("return viewer.series && viewer.series.rois.length === 3"
          + " ? viewer.series.series : null;");
      return shown != null && (series == null || series.equals(shown));
    });
    Number both = (Number) js.executeScript("const [a, , c] = viewer.series.rois;"
        + " return a.slices.find((i) => c.slices.includes(i));");
    assertThat(both).as("a slice with ROIs 1 and 3").isNotNull();
    js.executeScript("showSlice(arguments[0]);", both.intValue());
    String expected = (String) js.executeScript("return sliceKey(arguments[0]);",
        both.intValue());
    waiting(driver).until(d -> js.executeScript("const img = document.getElementById('slice');"
        + " return img.complete && img.naturalWidth > 0 && img.dataset.key === arguments[0];",
        expected));
    String sop = (String) js.executeScript(
        "return viewer.series.slices[viewer.index].sop;");
    BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(
        driver.findElement(By.id("slice")).getScreenshotAs(OutputType.BYTES)));
    int columns = screenshot.getWidth();
    RoaringBitmap first = edge(mask(rtss, 1, sop), columns);
    RoaringBitmap last = edge(mask(rtss, 3, sop), columns);
    assertThat(RoaringBitmap.andNot(first, last).isEmpty()).isFalse();
    assertThat(RoaringBitmap.andNot(last, first).isEmpty()).isFalse();
    List<String> wrong = new ArrayList<>();
    for (int pixel : RoaringBitmap.andNot(first, last)) {
      int shown = screenshot.getRGB(pixel % columns, pixel / columns) & 0xffffff;
      if (shown != RED) {
        wrong.add("ROI 1 " + Integer.toHexString(shown));
      }
    }
    for (int pixel : RoaringBitmap.andNot(last, first)) {
      int shown = screenshot.getRGB(pixel % columns, pixel / columns) & 0xffffff;
      boolean grey = (shown & 0xff) == (shown >> 8 & 0xff) && (shown & 0xff) == shown >> 16;
      if (third ? shown != BLUE : !grey) {
        wrong.add("ROI 3 " + Integer.toHexString(shown));
      }
    }
    assertThat(wrong).as("edge pixels not in their ROI's colour").isEmpty();
    return (String) js.executeScript("return viewer.series.series;");
  }

  /** The mask's pixels with a neighbour outside it. */
  private static RoaringBitmap edge(RoaringBitmap mask, int columns) {
    RoaringBitmap edge = new RoaringBitmap();
    for (int pixel : mask) {
      if (!(mask.contains(pixel - columns) && mask.contains(pixel + columns)
          && mask.contains(pixel - 1) && mask.contains(pixel + 1))) {
        edge.add(pixel);
      }
    }
    return edge;
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
