package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index folders and files hold patient data: only their owner may read them. */
class IndexPermissionsTest {
  @TempDir
  Path tmp;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void createdFoldersAndEveryFileAreTheOwnersOnly() throws IOException {
    Path data = TestData.generate(tmp.resolve("data"), 1, 4, 16, 3);
    Path cache = tmp.resolve("cache");
    Path folder = cache.resolve("index").resolve("hcc");
    IndexOptions options = IndexOptions.defaults().withFolder(folder);
    try (DicomIndex index = DicomIndex.open(data, options)) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
    }
    Files.copy(TestData.files(data).get(0), data.resolve("extra.dcm"));
    try (DicomIndex index = DicomIndex.open(data, options)) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
    }
    for (Path created : new Path[] {cache, cache.resolve("index"), folder}) {
      assertThat(permissions(created)).as(created.toString()).isEqualTo("rwx------");
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
      }
    }
    assertThat(folder.resolve(IndexFolder.STORE)).exists();
    assertThat(folder.resolve(IndexFolder.CHECK)).exists();
    assertThat(folder.resolve(IndexFolder.LOCK)).exists();
  }
}
