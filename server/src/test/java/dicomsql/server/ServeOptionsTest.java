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
        Duration.ofMinutes(1), Duration.ofSeconds(30), 64L << 20);
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
        Duration.ofSeconds(300), Duration.ZERO, Duration.ZERO, 64L << 20))
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

  @Test
  void keepsTheRasterCacheWithinTheHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    for (long size : new long[] {(1L << 20) - 1, heap, 1L << 50}) {
      assertThatThrownBy(() -> new ServeOptions(Path.of("/data"), null, "127.0.0.1", 0, null,
          null, new char[0], new StatementLimits(Duration.ZERO, 0), Duration.ofSeconds(600),
          Duration.ZERO, Duration.ZERO, size))
          .hasMessageStartingWith("--raster-cache must be at least 1MB and less than the Java "
              + "heap (" + (heap >> 20) + "MB;")
          .hasMessageEndingWith(", not " + ByteSize.format(size));
    }
    assertThat(ServeOptions.defaultRasterCache()).isLessThan(heap).isPositive();
  }

  @Test
  void readsSizesAsJavaCountsThem() {
    assertThat(ByteSize.parse("--x", "512MB")).isEqualTo(512L << 20);
    assertThat(ByteSize.parse("--x", "2g")).isEqualTo(2L << 30);
    assertThat(ByteSize.parse("--x", "64 KiB")).isEqualTo(64L << 10);
    assertThat(ByteSize.parse("--x", "1048576")).isEqualTo(1L << 20);
    assertThat(ByteSize.parse("--x", "100b")).isEqualTo(100);
    for (String wrong : new String[] {"", "MB", "1.5GB", "-1MB", "12TB", "3iB", "1 000"}) {
      assertThatThrownBy(() -> ByteSize.parse("--raster-cache", wrong))
          .hasMessage("--raster-cache expects a size such as 512MB or 2GB, not '" + wrong + "'");
    }
    assertThat(ByteSize.format(512L << 20)).isEqualTo("512MB");
    assertThat(ByteSize.format(3L << 30)).isEqualTo("3GB");
    assertThat(ByteSize.format((1L << 20) - 1)).isEqualTo("1048575B");
  }
}
