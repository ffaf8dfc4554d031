package dicomsql.server.web;

import dicomsql.server.RequestOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * The web console in the server's handler chain, behind its authentication: {@code GET /} is
 * the page (with a fresh CSRF token in it), {@code /web/NAME} its scripts and styles, and
 * {@code /api/...} the endpoints it calls ({@link ConsoleApi}), each of which needs the token in
 * the {@value WebSessions#HEADER} header (403 without it). Everything else, Avatica's POSTs to
 * {@code /} included, goes on to the handler it wraps. Responses carry no CORS headers, so
 * other sites' pages cannot read them; preflight requests are refused.
 */
public final class WebConsole extends HandlerWrapper {
  static final String ASSETS = "/web/";
  static final String API = "/api/";
  private static final String RESOURCES = "/dicomsql/server/web/";
  private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9-]+\\.(?:js|css|svg|txt)");
  private static final Set<String> PAGE = Set.of("/", "/index.html");

  private final WebSessions sessions;
  private final ConsoleApi api;
  private final String page;

  public WebConsole(ConsoleSettings settings) throws IOException, SQLException {
    this.sessions = new WebSessions(settings);
    this.api = new ConsoleApi(settings, sessions);
    this.page = resource("index.html");
  }

  /**
   * Whether a request is the console's (rather than an Avatica client's): the authentication
   * answers a browser's wrong password with a 401 challenge, not Avatica's error message.
   */
  public static boolean claims(String target, HttpServletRequest request) {
    return target.startsWith(API) || target.startsWith(ASSETS)
        || PAGE.contains(target) && !"POST".equals(request.getMethod());
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (!claims(target, request)) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setHandled(true);
    secure(response);
    if ("OPTIONS".equals(request.getMethod())) {
      response.setHeader("Allow", "GET, HEAD, POST");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    if (target.startsWith(API)) {
      api.handle(target.substring(API.length()), request, response);
    } else if (target.startsWith(ASSETS)) {
      asset(target.substring(ASSETS.length()), request, response);
    } else {
      page(request, response);
    }
  }

  /** Headers that keep the console to its own origin and its own scripts. */
  private static void secure(HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: "
        + "data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
  }

  private void page(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    String token = sessions.open(RequestOrigin.current().user());
    byte[] body = page.replace("{{csrf-token}}", token).getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/html;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private void asset(String name, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    InputStream in = ASSET_NAME.matcher(name).matches()
        ? WebConsole.class.getResourceAsStream(RESOURCES + name) : null;
    if (in == null || !"GET".equals(request.getMethod())) {
      response.sendError(in == null ? HttpServletResponse.SC_NOT_FOUND
          : HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    try (in) {
      byte[] body = in.readAllBytes();
      response.setStatus(HttpServletResponse.SC_OK);
      response.setHeader("Cache-Control", "max-age=3600");
      response.setContentType(contentType(name));
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  private static String contentType(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1);
    return switch (extension) {
      case "js" -> "text/javascript;charset=utf-8";
      case "css" -> "text/css;charset=utf-8";
      case "svg" -> "image/svg+xml";
      default -> "text/plain;charset=utf-8";
    };
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = WebConsole.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("the console's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A refresh changed the index: the viewer moves to the new version (see ConsoleApi). */
  public void indexChanged() throws SQLException {
    api.indexChanged();
  }

  /** Closes the sessions idle longer than the server's idle timeout. */
  public void expireIdle() {
    sessions.expireIdle();
  }

  @Override
  protected void doStop() throws Exception {
    try {
      super.doStop();
    } finally {
      sessions.close();
      api.close();
    }
  }
}
