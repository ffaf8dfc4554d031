package dicomsql.server.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dicomsql.engine.raster.ImageStack;
import dicomsql.engine.raster.Window;
import dicomsql.server.RequestOrigin;
import dicomsql.server.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The console's endpoints under {@code /api/}: run a query and page through its result,
 * cancel it, EXPLAIN it as a tree, download a whole result as CSV or JSON, the schema, completion
 * candidates, and the viewer's series, slices and pixel values. Each needs the session's CSRF
 * token; SQL failures are answered 400 with the driver's message, SQLState and position.
 */
final class ConsoleApi implements AutoCloseable {
  private static final int MOST_BODY_BYTES = 1 << 20;
  /** An {@code outline} parameter: a structure set's UID and a ROI number. */
  private static final Pattern OUTLINE = Pattern.compile("(.+):(\\d{1,9})");
  private static final int DEFAULT_PAGE = 100;
  private static final int MOST_PAGE = 5000;

  private final ConsoleSettings settings;
  private final WebSessions sessions;
  /** Replaced when a refresh changes the index: it keeps one connection, so one version. */
  private volatile SliceViewer viewer;
  /** The schema, read in the background from the start: the first page should not wait. */
  private volatile CompletableFuture<SchemaCatalog> schema;

  ConsoleApi(ConsoleSettings settings, WebSessions sessions) throws SQLException {
    this.settings = settings;
    this.sessions = sessions;
    this.viewer = new SliceViewer(settings);
    this.schema = CompletableFuture.supplyAsync(this::readSchema);
  }

  /** Every connection of the server has the same schema: it is read once, on one of its own. */
  private SchemaCatalog readSchema() {
    try (Connection connection = settings.connect()) {
      return SchemaCatalog.read(connection);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  void handle(String name, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    WebSession session = sessions.find(request.getHeader(WebSessions.HEADER),
        RequestOrigin.current().user());
    if (session == null) {
      error(response, HttpServletResponse.SC_FORBIDDEN, "missing or wrong " + WebSessions.HEADER
          + " header: reload the console page", null);
      return;
    }
    boolean post = "POST".equals(request.getMethod());
    try {
      switch (name) {
        case "query" -> requirePost(post, () -> query(session, body(request), response));
        case "page" -> page(session.page(longParameter(request, "n")), 0, response);
        case "cancel" -> requirePost(post, () -> {
          session.cancel();
          json(response, json -> json.writeBooleanField("cancelled", true));
        });
        case "explain" -> requirePost(post, () -> explain(session, body(request), response));
        case "download" -> requirePost(post, () -> download(session, body(request),
            ResultDownload.named(parameter(request, "format")), response));
        case "schema" -> schema(response);
        case "complete" -> requirePost(post, () -> complete(body(request), response));
        case "series" -> series(request, response);
        case "slice" -> slice(request, response);
        case "value" -> value(request, response);
        default -> error(response, HttpServletResponse.SC_NOT_FOUND, "no endpoint /api/" + name,
            null);
      }
    } catch (SQLException e) {
      error(response, HttpServletResponse.SC_BAD_REQUEST, null, SqlProblem.of(e));
    } catch (IllegalArgumentException e) {
      error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage(), null);
    } catch (IllegalStateException e) {
      error(response, HttpServletResponse.SC_CONFLICT, e.getMessage(), null);
    } catch (IOException e) {
      ServerLog.line("web console: /api/" + name + " of " + RequestOrigin.current()
          + " failed: " + e.getMessage());
      error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage(), null);
    }
  }

  /** A step that may fail as the endpoints do. */
  private interface Step {
    void run() throws SQLException, IOException;
  }

  /** Whatever runs SQL or changes the session is a POST, so that no link or image runs it. */
  private static void requirePost(boolean post, Step step) throws SQLException, IOException {
    if (!post) {
      throw new IllegalArgumentException("this endpoint takes a POST");
    }
    step.run();
  }

  private void query(WebSession session, JsonNode body, HttpServletResponse response)
      throws SQLException, IOException {
    int size = body.path("pageSize").asInt(DEFAULT_PAGE);
    if (size < 1 || size > MOST_PAGE) {
      throw new IllegalArgumentException("pageSize must be between 1 and " + MOST_PAGE);
    }
    long start = System.nanoTime();
    QueryCursor.Page first = session.run(sql(body), size);
    page(first, System.nanoTime() - start, response);
  }

  private static void page(QueryCursor.Page page, long nanos, HttpServletResponse response)
      throws IOException {
    json(response, json -> {
      json.writeArrayFieldStart("columns");
      for (QueryCursor.Column column : page.columns()) {
        json.writeStartObject();
        json.writeStringField("name", column.name());
        json.writeStringField("type", column.type());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("first", page.first());
      json.writeBooleanField("last", page.last());
      json.writeNumberField("read", page.read());
      json.writeNumberField("elapsedMs", nanos / 1e6);
      json.writeArrayFieldStart("rows");
      for (Object[] row : page.rows()) {
        json.writeStartArray();
        for (Object value : row) {
          cell(json, value);
        }
        json.writeEndArray();
      }
      json.writeEndArray();
    });
  }

  /** Binary values as {@code {"png": base64}} or {@code {"hex": ...}}, the rest as they are. */
  private static void cell(JsonGenerator json, Object value) throws IOException {
    if (value instanceof byte[] bytes) {
      json.writeStartObject();
      if (Cell.isPng(bytes)) {
        json.writeStringField("png", Base64.getEncoder().encodeToString(bytes));
      } else {
        json.writeStringField("hex", HexFormat.of().formatHex(bytes));
      }
      json.writeEndObject();
    } else {
      json.writeObject(value);
    }
  }

  private void explain(WebSession session, JsonNode body, HttpServletResponse response)
      throws SQLException, IOException {
    String sql = sql(body);
    WebSession.refuseWrites(sql);
    StringBuilder plan = new StringBuilder();
    try (Statement statement = Statements.limited(session.connection(), settings.limits());
        ResultSet rows = statement.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    json(response, json -> {
      json.writeStringField("text", plan.toString());
      json.writeFieldName("tree");
      Json.MAPPER.writeValue(json, PlanTree.parse(plan.toString()));
    });
  }

  private void download(WebSession session, JsonNode body, ResultDownload format,
      HttpServletResponse response) throws SQLException, IOException {
    String sql = sql(body);
    WebSession.refuseWrites(sql);
    try (Statement statement = Statements.limited(session.connection(), settings.limits());
        ResultSet rows = statement.executeQuery(sql)) {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(format.contentType + ";charset=utf-8");
      response.setHeader("Content-Disposition", "attachment; filename=\"result."
          + format.extension + "\"");
      Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
      format.write(rows, out);
      out.flush();
    }
  }

  private void schema(HttpServletResponse response) throws SQLException, IOException {
    SchemaCatalog catalog = schema();
    json(response, json -> {
      json.writeFieldName("tables");
      Json.MAPPER.writeValue(json, catalog.tables());
      json.writeFieldName("functions");
      Json.MAPPER.writeValue(json, catalog.functions());
    });
  }

  /** The schema; when reading it failed, the failure, and the next call tries again. */
  private SchemaCatalog schema() throws SQLException {
    CompletableFuture<SchemaCatalog> read = schema;
    try {
      return read.join();
    } catch (CompletionException e) {
      schema = CompletableFuture.supplyAsync(this::readSchema);
      if (e.getCause() instanceof SQLException failed) {
        throw failed;
      }
      throw e;
    }
  }

  private void complete(JsonNode body, HttpServletResponse response)
      throws SQLException, IOException {
    String text = body.path("text").asText("");
    Completion.Result result = Completion.at(schema(), text,
        body.path("cursor").asInt(text.length()));
    json(response, json -> {
      json.writeNumberField("from", result.from());
      json.writeFieldName("candidates");
      Json.MAPPER.writeValue(json, result.candidates());
    });
  }

  /**
   * A series for the viewer, named by its UID or by a ROI (then the series it was drawn on, or
   * the one asked for): its slices, its study's other image series, the ROIs that can be
   * outlined on it, and the ROI named.
   */
  private void series(HttpServletRequest request, HttpServletResponse response)
      throws SQLException, IOException {
    SliceViewer viewer = this.viewer;
    SliceViewer.Roi roi = roi(viewer, request);
    String uid = request.getParameter("series");
    if (uid == null && roi != null) {
      uid = roi.seriesUid();
    }
    if (uid == null) {
      throw new IllegalArgumentException("give series=UID, or rtss=UID and roi=NUMBER of a ROI "
          + "drawn on a series in the folder");
    }
    SliceViewer.Series series = series(viewer, uid);
    List<SliceViewer.Phase> phases = viewer.phases(series.studyUid());
    List<SliceViewer.Outlined> outlined = viewer.outlined(series);
    json(response, json -> {
      json.writeStringField("series", series.uid());
      json.writeStringField("study", series.studyUid());
      json.writeStringField("phase", series.phase());
      json.writeStringField("description", series.description());
      json.writeArrayFieldStart("slices");
      ImageStack stack = series.stack();
      double[] normal = stack.normal();
      for (int i = 0; i < stack.planes().size(); i++) {
        json.writeStartObject();
        json.writeStringField("sop", stack.plane(i).sopUid());
        json.writeNumberField("position", stack.plane(i).positionAlong(normal));
        json.writeNumberField("rows", stack.plane(i).rows());
        json.writeNumberField("columns", stack.plane(i).columns());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeFieldName("phases");
      Json.MAPPER.writeValue(json, phases);
      json.writeArrayFieldStart("rois");
      for (SliceViewer.Outlined one : outlined) {
        writeRoi(json, one.roi(), one.slices());
      }
      json.writeEndArray();
      if (roi != null) {
        json.writeFieldName("roi");
        writeRoi(json, roi, outlined.stream().filter(one -> one.roi().is(roi.rtssUid(),
            roi.number())).findFirst().map(SliceViewer.Outlined::slices).orElse(new int[0]));
      }
    });
  }

  private static void writeRoi(JsonGenerator json, SliceViewer.Roi roi, int[] slices)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("rtss", roi.rtssUid());
    json.writeNumberField("number", roi.number());
    json.writeStringField("name", roi.name());
    json.writeFieldName("color");
    Json.MAPPER.writeValue(json, roi.color());
    json.writeFieldName("slices");
    Json.MAPPER.writeValue(json, slices);
    json.writeEndObject();
  }

  private void slice(HttpServletRequest request, HttpServletResponse response)
      throws SQLException, IOException {
    SliceViewer viewer = this.viewer;
    SliceViewer.Series series = series(viewer, parameter(request, "series"));
    int index = index(request, series);
    String windowName = request.getParameter("window");
    Window window = windowName == null ? null : WindowPreset.named(windowName);
    byte[] png = viewer.png(series, index, window, outlines(viewer, series, request));
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("image/png");
    response.setContentLength(png.length);
    response.getOutputStream().write(png);
  }

  /**
   * The ROIs the {@code outline} parameters name ({@code RTSS_UID:ROI_NUMBER} each), in their
   * order; each must be one that can be outlined on the series.
   */
  private static List<SliceViewer.Roi> outlines(SliceViewer viewer, SliceViewer.Series series,
      HttpServletRequest request) throws SQLException {
    String[] named = request.getParameterValues("outline");
    if (named == null) {
      return List.of();
    }
    List<SliceViewer.Outlined> outlined = viewer.outlined(series);
    List<SliceViewer.Roi> rois = new ArrayList<>();
    for (String one : named) {
      Matcher parts = OUTLINE.matcher(one);
      if (!parts.matches()) {
        throw new IllegalArgumentException("outline must be RTSS_UID:ROI_NUMBER, not '" + one
            + "'");
      }
      String rtss = parts.group(1);
      int wanted = Integer.parseInt(parts.group(2));
      rois.add(outlined.stream().map(SliceViewer.Outlined::roi)
          .filter(roi -> roi.is(rtss, wanted)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("ROI " + wanted
              + " of structure set " + rtss + " cannot be outlined on series "
              + series.uid() + " (not in its study or frame of reference)")));
    }
    return rois;
  }

  private void value(HttpServletRequest request, HttpServletResponse response)
      throws SQLException, IOException {
    SliceViewer viewer = this.viewer;
    SliceViewer.Series series = series(viewer, parameter(request, "series"));
    float value = viewer.value(series, index(request, series),
        (int) longParameter(request, "row"), (int) longParameter(request, "column"));
    json(response, json -> json.writeNumberField("value", value));
  }

  private static SliceViewer.Series series(SliceViewer viewer, String uid)
      throws SQLException {
    SliceViewer.Series series = viewer.series(uid);
    if (series == null) {
      throw new IllegalArgumentException("no series " + uid + " with images in the folder");
    }
    return series;
  }

  private static int index(HttpServletRequest request, SliceViewer.Series series) {
    long index = longParameter(request, "index");
    int count = series.stack().planes().size();
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("slice " + index + " is not one of the series' "
          + count);
    }
    return (int) index;
  }

  /** The ROI named by {@code rtss} and {@code roi}, or null when they are absent. */
  private static SliceViewer.Roi roi(SliceViewer viewer, HttpServletRequest request)
      throws SQLException {
    String rtss = request.getParameter("rtss");
    if (rtss == null || rtss.isEmpty()) {
      return null;
    }
    int number = (int) longParameter(request, "roi");
    SliceViewer.Roi roi = viewer.roi(rtss, number);
    if (roi == null) {
      throw new IllegalArgumentException("no ROI " + number + " in structure set " + rtss);
    }
    return roi;
  }

  private static String parameter(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the parameter " + name + " is missing");
    }
    return value;
  }

  private static long longParameter(HttpServletRequest request, String name) {
    String value = parameter(request, name);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the parameter " + name + " must be a whole number, "
          + "not '" + value + "'");
    }
  }

  private static JsonNode body(HttpServletRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MOST_BODY_BYTES + 1);
      if (bytes.length > MOST_BODY_BYTES) {
        throw new IllegalArgumentException("the request is larger than 1 MiB");
      }
      try {
        JsonNode node = Json.MAPPER.readTree(bytes);
        if (node == null || !node.isObject()) {
          throw new IllegalArgumentException("the request body must be a JSON object");
        }
        return node;
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("the request body is not JSON: "
            + e.getOriginalMessage());
      }
    }
  }

  private static String sql(JsonNode body) {
    String sql = body.path("sql").asText("").strip();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    if (sql.isEmpty()) {
      throw new IllegalArgumentException("no statement to run");
    }
    return sql;
  }

  /** Writes the fields of one JSON object. */
  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static void json(HttpServletResponse response, Fields fields) throws IOException {
    json(response, HttpServletResponse.SC_OK, fields);
  }

  private static void json(HttpServletResponse response, int status, Fields fields)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    try (JsonGenerator json = Json.FACTORY.createGenerator(response.getOutputStream())) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    }
  }

  /** An error: a message, or a failed statement's message, SQLState and position. */
  private static void error(HttpServletResponse response, int status, String message,
      SqlProblem problem) throws IOException {
    if (response.isCommitted()) {
      // A download already under way cannot change its status: cut it short instead.
      throw new IOException(problem == null ? message : problem.message());
    }
    response.resetBuffer();
    response.setHeader("Content-Disposition", null);
    json(response, status, json -> {
      json.writeObjectFieldStart("error");
      json.writeStringField("message", problem == null ? message : problem.message());
      if (problem != null) {
        json.writeStringField("sqlState", problem.sqlState());
        if (problem.position() != null) {
          json.writeFieldName("position");
          Json.MAPPER.writeValue(json, problem.position());
        }
      }
      json.writeEndObject();
    });
  }

  /**
   * The index has a new version: the viewer moves to it (a new connection, nothing kept from
   * the old one), so that it never shows slices or outlines of files that have changed. A
   * request running on the old viewer may fail with its connection closed.
   */
  void indexChanged() throws SQLException {
    SliceViewer stale = viewer;
    viewer = new SliceViewer(settings);
    stale.close();
  }

  @Override
  public void close() throws SQLException {
    viewer.close();
  }
}
