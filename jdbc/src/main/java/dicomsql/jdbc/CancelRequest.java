package dicomsql.jdbc;

import java.nio.charset.StandardCharsets;

/**
 * What {@code jdbc:dicom:remote:} sends to {@code dicomsql serve} to cancel a statement, which
 * Avatica's protocol has no message for: an HTTP POST to {@link #PATH} (with the connection's
 * credentials) whose body is the Avatica connection id and statement id, separated by a space.
 * The server answers 200 with {@link #CANCELLED} or {@link #NOT_RUNNING}.
 */
public record CancelRequest(String connectionId, int statementId) {
  public static final String PATH = "/cancel";
  public static final String CANCELLED = "cancelled\n";
  public static final String NOT_RUNNING = "not running\n";

  public byte[] body() {
    return (connectionId + " " + statementId).getBytes(StandardCharsets.UTF_8);
  }

  /** The request a body holds, or null when it holds none. */
  public static CancelRequest parse(byte[] body) {
    String[] parts = new String(body, StandardCharsets.UTF_8).strip().split(" ");
    if (parts.length != 2 || parts[0].isEmpty()) {
      return null;
    }
    try {
      return new CancelRequest(parts[0], Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
