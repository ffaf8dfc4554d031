package dicomsql.server;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The server's log: one line per event on standard error, with a UTC timestamp, so that a
 * supervisor (systemd, docker) keeps it as it keeps any service's output.
 */
public final class ServerLog {
  private ServerLog() {}

  /** Writes one line; line breaks inside the message are flattened so it stays one line. */
  public static void line(String message) {
    String flat = message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    synchronized (System.err) {
      System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + flat);
      System.err.flush();
    }
  }
}
