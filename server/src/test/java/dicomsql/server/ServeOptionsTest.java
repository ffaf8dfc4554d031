package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServeOptionsTest {
  private static ServeOptions options(String bind, Path users, Path data) {
    return new ServeOptions(data, null, bind, 8765, users, null, new char[0],
        new StatementLimits(Duration.ofSeconds(300), 1000), Duration.ofMinutes(10),
        Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  @Test
  void refusesToListenBeyondLoopbackWithoutUsers() {
    assertThatThrownBy(() -> options("0.0.0.0", null, Path.of("/data")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("refusing to serve on 0.0.0.0 without authentication");
    assertThat(options("0.0.0.0", Path.of("users"), Path.of("/data")).loopbackOnly()).isFalse();
    assertThat(options("127.0.0.1", null, Path.of("/data")).loopbackOnly()).isTrue();
    assertThat(options("::1", null, Path.of("/data")).loopbackOnly()).isTrue();
    assertThat(options("localhost", null, Path.of("/data")).loopbackOnly()).isTrue();
  }

  @Test
  void servesOnlyQueriesThatNeverWaitForARefresh() {
    assertThat(options("127.0.0.1", null, Path.of("/data")).driverUrl("never"))
        .isEqualTo("jdbc:dicom:/data;refresh=never");
    assertThatThrownBy(() -> options("127.0.0.1", null, Path.of("/da;ta")))
        .hasMessageContaining("must not contain ';'");
  }

  @Test
  void keepsConnectionsLongerThanTheirStatementsMayRun() {
    assertThatThrownBy(() -> new ServeOptions(Path.of("/data"), null, "127.0.0.1", 0, null,
        null, new char[0], new StatementLimits(Duration.ofSeconds(300), 0),
        Duration.ofSeconds(300), Duration.ZERO, Duration.ZERO))
        .hasMessage("--idle-timeout (300 s) must be longer than --statement-timeout (300 s)");
  }

  @Test
  void capsTheRowsAClientAsksFor() {
    StatementLimits limits = new StatementLimits(Duration.ZERO, 100);
    assertThat(limits.rows(-1)).isEqualTo(100);
    assertThat(limits.rows(0)).isEqualTo(100);
    assertThat(limits.rows(10)).isEqualTo(10);
    assertThat(limits.rows(1000)).isEqualTo(100);
    assertThat(new StatementLimits(Duration.ZERO, 0).rows(-1)).isEqualTo(-1);
  }
}
