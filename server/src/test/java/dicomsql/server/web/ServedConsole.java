package dicomsql.server.web;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import dicomsql.server.DicomServer;
import dicomsql.server.ServeOptions;
import dicomsql.server.StatementLimits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server over a generated folder (two cases, small images) for the console's tests, and a
 * client that speaks to it as the page does: it loads the page for its CSRF token and sends the
 * token with every API request.
 */
final class ServedConsole implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile(
      "<meta name=\"csrf-token\" content=\"([^\"]+)\">");

  private static final Path DCMODIFY = Path.of("/usr/bin/dcmodify");
  /** The structure set of the second case, with three ROIs. */
  static final String THREE_ROIS = "HCC_0002/401/001.dcm";

  final DicomServer server;
  final Path data;
  final HttpClient http = HttpClient.newHttpClient();
  private final String authorization;
  String token;

  private ServedConsole(DicomServer server, Path data, String authorization) {
    this.server = server;
    this.data = data;
    this.authorization = authorization;
  }

  /**
   * Generates the test folder under {@code temp}/data, once per folder: two cases at 64², the
   * second with a structure set of three ROIs, of which 1 and 3 lie on common slices (seed 59).
   * Where dcmtk is installed, its dcmodify takes ROI 2's colour away (see {@link #recoloured}).
   */
  static Path generate(Path temp) throws IOException, InterruptedException {
    Path data = temp.resolve("data");
    if (!data.toFile().exists()) {
      new DatasetGenerator(new SynthOptions(2, 59, 64, 0, 2)).generate(data,
          DatasetGenerator.Listener.NONE);
      if (Files.isExecutable(DCMODIFY)) {
        Process edit = new ProcessBuilder(DCMODIFY.toString(), "-nb",
            "-e", "(3006,0039)[1].(3006,002a)",
            data.resolve(THREE_ROIS).toString()).inheritIO().start();
        if (edit.waitFor() != 0) {
          throw new IOException("dcmodify failed on " + THREE_ROIS);
        }
      }
    }
    return data;
  }

  /**
   * Whether {@link #generate} could take ROI 2's colour away: ROIs 1 and 3 keep the
   * generator's red and blue, ROI 2 has none (the viewer's palette).
   */
  static boolean recoloured() {
    return Files.isExecutable(DCMODIFY);
  }

  static ServedConsole start(Path temp, Path data, Path users, String user, String password,
      Duration timeout) throws Exception {
    return start(temp, data, users, user, password, timeout, Duration.ZERO);
  }

  /** A server that also refreshes its index every {@code refresh} (zero: never). */
  static ServedConsole start(Path temp, Path data, Path users, String user, String password,
      Duration timeout, Duration refresh) throws Exception {
    ServeOptions options = new ServeOptions(data, temp.resolve("index"), "127.0.0.1", 0, users,
        null, new char[0], new StatementLimits(timeout, 0), Duration.ofSeconds(600),
        refresh, Duration.ofSeconds(1), ServeOptions.defaultRasterCache());
    String authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    ServedConsole console = new ServedConsole(DicomServer.start(options), data, authorization);
    console.token = console.pageToken();
    return console;
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  String pageToken() throws Exception {
    HttpResponse<String> page = http.send(request("/").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher matcher = TOKEN.matcher(page.body());
    if (!matcher.find()) {
      throw new IllegalStateException("no token in the page: " + page.statusCode());
    }
    return matcher.group(1);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(request(path).header(WebSessions.HEADER, token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).header(WebSessions.HEADER, token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path) throws Exception {
    return http.send(request(path).header(WebSessions.HEADER, token).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
