package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root and an index folder that cannot be written. Permissions do not stop root (which
 * CI runs as), so the folders are made immutable with {@code chattr +i}, which stops everyone;
 * where that is not possible, the tests are skipped with the reason.
 */
class ReadOnlyFoldersTest {
  @TempDir
  Path tmp;
  private final List<Path> immutable = new ArrayList<>();

  @BeforeEach
  void requireChattr() throws Exception {
    Path probe = Files.createDirectory(tmp.resolve("probe"));
    assumeTrue(chattr("+i", probe), "chattr +i is not possible here (needs root and ext4)");
    chattr("-i", probe);
  }

  @AfterEach
  void release() throws Exception {
    for (Path path : immutable) {
      chattr("-i", path);
    }
  }

  private static boolean chattr(String flag, Path path) throws Exception {
    try {
      Process process = new ProcessBuilder("chattr", flag, path.toString())
          .redirectErrorStream(true).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private void freeze(Path root) throws Exception {
    for (Path file : TestData.files(root)) {
      freezeOne(file);
    }
    try (var walk = Files.walk(root)) {
      for (Path dir : walk.filter(Files::isDirectory).toList()) {
        freezeOne(dir);
      }
    }
  }

  private void freezeOne(Path path) throws Exception {
    assertThat(chattr("+i", path)).isTrue();
    immutable.add(path);
  }

  @Test
  void anImmutableDataFolderIsIndexed() throws Exception {
    Path data = TestData.generate(tmp.resolve("data"), 2, 4, 16, 4);
    freeze(data);
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults()
        .withFolder(tmp.resolve("index")))) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
      assertThat(index.table("structure_sets").size()).isEqualTo(2);
    }
  }

  @Test
  void anImmutableIndexFolderWithABuiltIndexIsUsedAsItIs() throws Exception {
    Path data = TestData.generate(tmp.resolve("data"), 2, 4, 16, 4);
    Path folder = tmp.resolve("index");
    int instances;
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder))) {
      instances = index.table("instances").size();
    }
    freeze(folder);
    Files.copy(TestData.files(data.resolve("HCC_0001")).get(0), data.resolve("new.dcm"));
    RecordedNotices notices = new RecordedNotices();
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
        .withProgress(notices))) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.NOT_REFRESHED);
      assertThat(index.update().note()).contains("cannot be written");
      assertThat(notices.notices).containsExactly("the index was not refreshed: "
          + index.update().note());
      assertThat(index.table("instances").size()).isEqualTo(instances);
    }
  }

  @Test
  void anImmutableEmptyIndexFolderIsAClearError() throws Exception {
    Path data = TestData.generate(tmp.resolve("data"), 1, 4, 16, 4);
    Path folder = Files.createDirectory(tmp.resolve("index"));
    freezeOne(folder);
    assertThatThrownBy(() -> DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no usable index in " + folder + " and it cannot be written");
  }
}
