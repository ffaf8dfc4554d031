package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two routes to a stat give the same values, so that an index whose states one process
 * stored (the launcher, through the JDK's unix attributes) is compared by another (an
 * application embedding the driver, through the attribute map) without a file seen as changed.
 */
class FileStatTest {
  @TempDir
  Path tmp;

  @Test
  void theTestsReadStatsThroughTheJdksUnixAttributes() {
    assertThat(UnixAttributes.available())
        .as("the engine's tests run with --add-opens java.base/sun.nio.fs (engine/pom.xml)")
        .isTrue();
  }

  @Test
  void bothRoutesGiveTheSameStatForEveryKindOfEntryAndTime() throws IOException {
    Path file = Files.writeString(tmp.resolve("a.dcm"), "data");
    Path folder = Files.createDirectory(tmp.resolve("folder"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
    Path folderLink = Files.createSymbolicLink(tmp.resolve("folder-link"), folder);
    Path wholeSecond = Files.writeString(tmp.resolve("whole-second.dcm"), "x");
    Files.setLastModifiedTime(wholeSecond, FileTime.from(Instant.ofEpochSecond(1_600_000_000)));
    Path nanos = Files.writeString(tmp.resolve("nanos.dcm"), "x");
    Files.setLastModifiedTime(nanos, FileTime.from(Instant.ofEpochSecond(1_600_000_000, 123_456_789)));
    // Past what nanoseconds since 1970 hold in a long: the JDK keeps microseconds there.
    Path farFuture = Files.writeString(tmp.resolve("far-future.dcm"), "x");
    Files.setLastModifiedTime(farFuture, FileTime.from(Instant.parse("3000-01-01T00:00:00.5Z")));
    Path beforeEpoch = Files.writeString(tmp.resolve("before-1970.dcm"), "x");
    Files.setLastModifiedTime(beforeEpoch, FileTime.from(Instant.parse("1960-06-01T12:00:00.25Z")));
    for (Path path : List.of(file, folder, link, folderLink, wholeSecond, nanos, farFuture,
        beforeEpoch, tmp)) {
      for (boolean follow : new boolean[] {false, true}) {
        FileStat fast = UnixAttributes.stat(path, follow);
        assertThat(fast).as("%s, following links: %s", path, follow)
            .isNotNull().isEqualTo(FileStat.viaAttributeMap(path, follow));
        assertThat(FileStat.of(path, follow)).isEqualTo(fast);
      }
    }
    assertThat(FileStat.of(link, false).kind()).isEqualTo(FileStat.Kind.LINK);
    assertThat(FileStat.of(folderLink, true).key()).isEqualTo(FileStat.of(folder, true).key())
        .isNotNull();
    assertThat(FileStat.of(file, true).changed()).isPositive();
  }

  @Test
  void aStatThatFailsSaysWhyAsThePublicRouteDoes() throws IOException {
    Path missing = tmp.resolve("missing.dcm");
    Path broken = Files.createSymbolicLink(tmp.resolve("broken"), missing);
    assertThat(UnixAttributes.stat(missing, false)).isNull();
    assertThatThrownBy(() -> FileStat.of(missing, false)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> FileStat.of(broken, true)).isInstanceOf(NoSuchFileException.class);
    assertThat(FileStat.of(broken, false).kind()).isEqualTo(FileStat.Kind.LINK);
  }
}
