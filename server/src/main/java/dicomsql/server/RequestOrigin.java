package dicomsql.server;

/**
 * Who sent the HTTP request being served (the authenticated user, or {@code -} when the server
 * has no users file) and from where, for the log lines written while serving it: Avatica
 * serves a request on the thread that received it.
 */
public record RequestOrigin(String user, String address) {
  private static final ThreadLocal<RequestOrigin> CURRENT = new ThreadLocal<>();
  private static final RequestOrigin UNKNOWN = new RequestOrigin("-", "-");

  public static RequestOrigin current() {
    RequestOrigin origin = CURRENT.get();
    return origin == null ? UNKNOWN : origin;
  }

  static void enter(RequestOrigin origin) {
    CURRENT.set(origin);
  }

  static void leave() {
    CURRENT.remove();
  }

  @Override
  public String toString() {
    return user + "@" + address;
  }
}
