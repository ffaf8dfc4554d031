package dicomsql.server;

import dicomsql.jdbc.CancelRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * {@code POST /cancel}: stops a running statement, which Avatica's protocol has no message for
 * ({@link CancelRequest}; the project's {@code jdbc:dicom:remote:} driver sends it from
 * {@code Statement.cancel()}). Behind authentication: only the user who runs a statement may
 * cancel it, and only by naming its connection, whose id is a random UUID the client chose.
 * Every other request goes on to the handler it wraps.
 */
final class CancelEndpoint extends HandlerWrapper {
  /** A body is two short ids; anything longer is not a cancel request. */
  private static final int LONGEST_BODY = 256;

  private final ServedMeta meta;

  CancelEndpoint(ServedMeta meta) {
    this.meta = meta;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (!CancelRequest.PATH.equals(target)) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    baseRequest.setHandled(true);
    if (!"POST".equals(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(LONGEST_BODY + 1);
    CancelRequest cancel = body.length > LONGEST_BODY ? null : CancelRequest.parse(body);
    if (cancel == null) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST,
          "expected CONNECTION_ID STATEMENT_ID");
      return;
    }
    boolean cancelled = meta.cancel(cancel.connectionId(), cancel.statementId(),
        RequestOrigin.current().user());
    if (cancelled) {
      ServerLog.line("statement " + cancel.statementId() + " on connection "
          + cancel.connectionId() + " cancelled by " + RequestOrigin.current());
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write((cancelled ? CancelRequest.CANCELLED
        : CancelRequest.NOT_RUNNING).getBytes(StandardCharsets.UTF_8));
  }
}
