package dicomsql.server.web;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console sessions by CSRF token. A token is issued with the page and must come back in
 * the {@value #HEADER} header of every API request: a page of another site can make the
 * browser send the user's credentials, but cannot read the page to learn the token. A token
 * is good only for the user it was issued to.
 */
final class WebSessions implements AutoCloseable {
  static final String HEADER = "X-CSRF-Token";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, WebSession> byToken = new ConcurrentHashMap<>();
  private final ConsoleSettings settings;

  WebSessions(ConsoleSettings settings) {
    this.settings = settings;
    // Seeding happens on first use: at start, not while the first page waits.
    random.nextBytes(new byte[1]);
  }

  /** A new session for a page being served, and its token. */
  String open(String user) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byToken.put(token, new WebSession(user, settings));
    return token;
  }

  /** The session of this token for this user, or null (a missing, unknown or stolen token). */
  WebSession find(String token, String user) {
    WebSession session = token == null ? null : byToken.get(token);
    if (session == null || !session.user().equals(user)) {
      return null;
    }
    session.touch();
    return session;
  }

  /** Closes the sessions unused for longer than the idle timeout. */
  void expireIdle() {
    long idle = settings.idleTimeout().toNanos();
    byToken.entrySet().removeIf(entry -> {
      if (!entry.getValue().idleLongerThan(idle)) {
        return false;
      }
      closeQuietly(entry.getValue());
      return true;
    });
  }

  private static void closeQuietly(WebSession session) {
    try {
      session.close();
    } catch (SQLException e) {
      // The connection is being dropped either way.
    }
  }

  @Override
  public void close() {
    byToken.values().forEach(WebSessions::closeQuietly);
    byToken.clear();
  }
}
