package dicomsql.server;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/** Notes where a request comes from when the server has no users, for the log lines. */
final class AnonymousOrigin extends HandlerWrapper {
  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    RequestOrigin.enter(new RequestOrigin("-", request.getRemoteAddr()));
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      RequestOrigin.leave();
    }
  }
}
