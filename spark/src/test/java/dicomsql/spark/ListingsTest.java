package dicomsql.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root's walk is reused while its folders keep their modification times, and walked
 * again when a file is added, removed or renamed (or a folder was changing during the walk);
 * {@code listing=walk} walks on every read.
 */
class ListingsTest {
  @TempDir
  Path temp;
  private Path data;

  @BeforeEach
  void tree() throws IOException {
    data = temp.resolve("data");
    Files.createDirectories(data.resolve("case/ct"));
    Files.createDirectories(data.resolve("case/empty"));
    Files.writeString(data.resolve("case/ct/1.dcm"), "one");
    Files.writeString(data.resolve("case/ct/2.dcm"), "two");
    age(data);
  }

  /** Sets every folder's time an hour back, as a tree not being written to has. */
  private static void age(Path root) throws IOException {
    FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : all.filter(Files::isDirectory).toList()) {
        Files.setLastModifiedTime(path, hourAgo);
      }
    }
  }

  private DicomOptions options(String listing) {
    return listing == null ? DicomOptions.of(Map.of("path", data.toString()))
        : DicomOptions.of(Map.of("path", data.toString(), "listing", listing));
  }

  private static Stream<String> paths(FileListing listing) {
    return listing.files().stream().map(FileEntry::path);
  }

  @Test
  void anUnchangedTreeIsNotWalkedAgain() {
    FileListing first = Listings.of(LocalSpark.session(), options("reuse"));
    assertThat(Listings.of(LocalSpark.session(), options("reuse"))).isSameAs(first);
  }

  @Test
  void aFileAddedRemovedOrRenamedIsSeen() throws IOException {
    FileListing first = Listings.of(LocalSpark.session(), options("reuse"));
    Files.writeString(data.resolve("case/empty/3.dcm"), "three");
    assertThat(paths(Listings.of(LocalSpark.session(), options("reuse"))))
        .contains("case/empty/3.dcm");
    age(data);
    Files.delete(data.resolve("case/ct/1.dcm"));
    assertThat(paths(Listings.of(LocalSpark.session(), options("reuse"))))
        .doesNotContain("case/ct/1.dcm");
    age(data);
    Files.move(data.resolve("case/ct/2.dcm"), data.resolve("case/ct/9.dcm"));
    FileListing last = Listings.of(LocalSpark.session(), options("reuse"));
    assertThat(paths(last)).containsExactly("case/ct/9.dcm", "case/empty/3.dcm");
    assertThat(last.fingerprint()).isNotEqualTo(first.fingerprint());
  }

  @Test
  void aTreeChangingWhileWalkedIsWalkedAgain() throws IOException {
    Files.setLastModifiedTime(data.resolve("case/ct"), FileTime.from(Instant.now()));
    FileListing first = Listings.of(LocalSpark.session(), options("reuse"));
    assertThat(Listings.of(LocalSpark.session(), options("reuse"))).isNotSameAs(first);
  }

  @Test
  void listingWalkWalksOnEveryRead() {
    FileListing first = Listings.of(LocalSpark.session(), options("walk"));
    assertThat(Listings.of(LocalSpark.session(), options("WALK"))).isNotSameAs(first);
  }

  @Test
  void byDefaultAFileRewrittenInPlaceIsSeen() throws IOException {
    FileListing first = Listings.of(LocalSpark.session(), options(null));
    Files.writeString(data.resolve("case/ct/1.dcm"), "one, rewritten");
    age(data);
    FileListing next = Listings.of(LocalSpark.session(), options(null));
    assertThat(next).isNotSameAs(first);
    assertThat(next.fingerprint()).isNotEqualTo(first.fingerprint());
  }

  @Test
  void anUnknownListingModeIsRefused() {
    assertThatThrownBy(() -> options("sometimes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dicom: listing must be reuse or walk, not sometimes");
  }

  @Test
  void theNextQueryCountsASliceCopiedIntoTheTree() throws IOException {
    Path root = temp.resolve("generated");
    new DatasetGenerator(new SynthOptions(1, 3, 16, 2, 1)).generate(root,
        DatasetGenerator.Listener.NONE);
    age(root);
    long before = LocalSpark.session().read().format("dicom").option("table", "instances")
        .load(root.toString()).count();
    Path slice;
    try (Stream<Path> all = Files.walk(root)) {
      slice = all.filter(path -> path.toString().endsWith(".dcm")).findFirst().orElseThrow();
    }
    Files.copy(slice, slice.resolveSibling("copied.dcm"));
    assertThat(LocalSpark.session().read().format("dicom").option("table", "instances")
        .load(root.toString()).count()).isEqualTo(before + 1);
  }
}
