package dicomsql.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.server.StatementLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Console sessions: a token for one user only, and closed once idle. */
class WebSessionsTest {
  private static WebSessions sessions(Duration idle) {
    return new WebSessions(new ConsoleSettings("jdbc:dicom:/nowhere", Path.of("/nowhere"),
        new StatementLimits(Duration.ZERO, 0), idle, new RasterCaches(1 << 20)));
  }

  @Test
  void aTokenIsGoodOnlyForTheUserItWasIssuedTo() {
    try (WebSessions sessions = sessions(Duration.ofHours(1))) {
      String token = sessions.open("alice");
      assertThat(sessions.find(token, "alice")).isNotNull();
      assertThat(sessions.find(token, "bob")).isNull();
      assertThat(sessions.find(null, "alice")).isNull();
      assertThat(sessions.open("alice")).isNotEqualTo(token);
    }
  }

  @Test
  void anIdleSessionIsClosedAndItsTokenRefused() throws Exception {
    try (WebSessions quick = sessions(Duration.ofNanos(1));
        WebSessions slow = sessions(Duration.ofHours(1))) {
      String expiring = quick.open("alice");
      String kept = slow.open("alice");
      Thread.sleep(5);
      quick.expireIdle();
      slow.expireIdle();
      assertThat(quick.find(expiring, "alice")).isNull();
      assertThat(slow.find(kept, "alice")).isNotNull();
    }
  }
}
