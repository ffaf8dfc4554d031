package dicomsql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * {@code GET /health}: 200 "ok" while the server takes requests, for a supervisor or a load
 * balancer; it needs no credentials and tells nothing about the data. Every other request goes
 * on to the handler it wraps.
 */
final class HealthCheck extends HandlerWrapper {
  static final String PATH = "/health";

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (!PATH.equals(target)) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setHandled(true);
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
  }
}
