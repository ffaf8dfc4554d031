package dicomsql.server;

import dicomsql.server.web.WebConsole;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * HTTP Basic authentication against a {@link UsersFile}, in front of Avatica's handler. A
 * request without credentials gets the 401 challenge (Avatica's thin driver, like browsers,
 * sends its credentials only when challenged); a request with wrong ones gets Avatica's own
 * error response with SQLState 28000, because the thin driver reads a body only from an
 * HTTP 200 or 500 and would otherwise report a bare "HTTP/401".
 */
final class BasicAuthentication extends HandlerWrapper {
  static final String SQL_STATE = "28000";
  /** Verified credentials, by a digest of the header: PBKDF2 is slow on purpose. */
  private static final int VERIFIED_KEPT = 1024;

  private final UsersFile users;
  private final Map<String, String> verified = new ConcurrentHashMap<>();

  BasicAuthentication(UsersFile users) {
    this.users = users;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      challenge(baseRequest, response);
      return;
    }
    String user = user(header.substring(6).strip());
    if (user == null) {
      baseRequest.setHandled(true);
      String name = claimedName(header.substring(6).strip());
      ServerLog.line("authentication failed for user '" + name + "' from "
          + request.getRemoteAddr());
      if (WebConsole.claims(target, request)) {
        // A browser asks for the password again only when challenged.
        challenge(baseRequest, response);
      } else {
        refuse(response, name);
      }
      return;
    }
    RequestOrigin.enter(new RequestOrigin(user, request.getRemoteAddr()));
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      RequestOrigin.leave();
    }
  }

  /** The user these credentials authenticate, or null. */
  private String user(String credentials) {
    String key = digest(credentials);
    String known = verified.get(key);
    if (known != null) {
      return known;
    }
    char[] decoded = decode(credentials);
    if (decoded == null) {
      return null;
    }
    try {
      int colon = indexOf(decoded, ':');
      if (colon < 0) {
        return null;
      }
      String name = new String(decoded, 0, colon);
      char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
      try {
        if (!users.verify(name, password)) {
          return null;
        }
      } finally {
        Arrays.fill(password, '\0');
      }
      if (verified.size() >= VERIFIED_KEPT) {
        verified.clear();
      }
      verified.put(key, name);
      return name;
    } finally {
      Arrays.fill(decoded, '\0');
    }
  }

  private static String claimedName(String credentials) {
    char[] decoded = decode(credentials);
    if (decoded == null) {
      return "?";
    }
    int colon = indexOf(decoded, ':');
    String name = colon < 0 ? "?" : new String(decoded, 0, colon);
    Arrays.fill(decoded, '\0');
    return name;
  }

  private static char[] decode(String credentials) {
    try {
      byte[] bytes = Base64.getDecoder().decode(credentials);
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      Arrays.fill(bytes, (byte) 0);
      char[] result = new char[chars.remaining()];
      chars.get(result);
      return result;
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null;
    }
  }

  private static int indexOf(char[] chars, char wanted) {
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String digest(String credentials) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(credentials.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void challenge(Request baseRequest, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    response.setHeader("WWW-Authenticate", "Basic realm=\"dicomsql\", charset=\"UTF-8\"");
    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
  }

  private static void refuse(HttpServletResponse response, String name) throws IOException {
    Service.ErrorResponse error = new Service.ErrorResponse(List.of(),
        "authentication failed for user '" + name + "': wrong user name or password", 0,
        SQL_STATE, AvaticaSeverity.ERROR, null);
    byte[] body = new ProtobufTranslationImpl().serializeResponse(error);
    response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    response.setContentType("application/octet-stream");
    response.getOutputStream().write(body);
  }
}
