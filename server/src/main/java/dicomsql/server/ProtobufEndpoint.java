package dicomsql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * Avatica's protocol (protobuf over HTTP POST) as Avatica's own {@code AvaticaProtobufHandler}
 * serves it, with the server's translation ({@link ServedProtobuf}), which that handler has no
 * way to take. Authentication is done before, by the handlers in front of this one.
 */
final class ProtobufEndpoint extends AbstractHandler {
  /**
   * The content type Avatica's own handler sends, as bytes made once: set as text, Jetty parses
   * its charset out again on every answer.
   */
  private static final HttpField CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
      "application/octet-stream;charset=utf-8");
  private static final byte[] ONLY_POST =
      "This server expects only POST calls.".getBytes(StandardCharsets.UTF_8);

  private final Service service;
  private final ProtobufHandler protobuf;

  ProtobufEndpoint(Service service) {
    this.service = service;
    this.protobuf = new ProtobufHandler(service, new ServedProtobuf(),
        NoopMetricsSystem.getInstance());
  }

  /** The server's address, which Avatica puts in every answer (and error). */
  void setServerAddress(String address) {
    Service.RpcMetadataResponse metadata = new Service.RpcMetadataResponse(address);
    service.setRpcMetadata(metadata);
    protobuf.setRpcMetadata(metadata);
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    if (!"POST".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.getOutputStream().write(ONLY_POST);
      return;
    }
    byte[] body;
    try (var input = request.getInputStream()) {
      body = RequestBody.read(input, request.getContentLengthLong());
    }
    HandlerResponse<byte[]> answer = protobuf.apply(body);
    response.setStatus(answer.getStatusCode());
    baseRequest.getResponse().getHttpFields().put(CONTENT_TYPE);
    response.setContentLength(answer.getResponse().length);
    response.getOutputStream().write(answer.getResponse());
  }
}
