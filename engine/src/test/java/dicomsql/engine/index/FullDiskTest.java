package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index folder on a full file system: a 4 MiB tmpfs, filled up. Mounting one needs root
 * (CAP_SYS_ADMIN), which CI has; elsewhere the tests are skipped with the reason.
 */
class FullDiskTest {
  @TempDir
  Path tmp;
  private Path disk;
  private Path data;
  private Path folder;

  @BeforeEach
  void mountASmallDisk() throws Exception {
    disk = Files.createDirectory(tmp.resolve("disk"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString()),
        "mounting a small tmpfs is not possible here (needs root and CAP_SYS_ADMIN)");
    data = TestData.generate(tmp.resolve("data"), 2, 4, 16, 4);
    TestData.takeTruth(data, "truth.csv");
    TestData.takeTruth(data, "truth_series.csv");
    folder = disk.resolve("index");
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      run("umount", disk.toString());
    }
  }

  private static boolean run(String... command) throws Exception {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes a file until the disk is full. */
  private Path fill() throws IOException {
    Path filler = disk.resolve("filler");
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      assertThat(e).hasMessageContaining("No space left");
    }
    return filler;
  }

  private DicomIndex open() throws IOException {
    return DicomIndex.open(data, IndexOptions.defaults().withFolder(folder));
  }

  @Test
  void aRefreshOnAFullDiskSaysSoAndKeepsTheIndex() throws Exception {
    int before;
    try (DicomIndex index = open()) {
      before = index.table("instances").size();
    }
    byte[] written = Files.readAllBytes(folder.resolve(IndexFolder.STORE));
    Path filler = fill();
    Files.copy(TestData.files(data.resolve("HCC_0001")).get(0), data.resolve("extra.dcm"));
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.NOT_REFRESHED);
      assertThat(index.update().note()).isEqualTo("no space left on " + folder
          + " to write the index; using the index as it was");
      assertThat(index.table("instances").size()).isEqualTo(before);
    }
    assertThat(Files.readAllBytes(folder.resolve(IndexFolder.STORE))).isEqualTo(written);
    assertThat(folder.resolve(IndexFolder.BUILDING)).doesNotExist();
    Files.delete(filler);
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
      assertThat(index.table("instances").size()).isEqualTo(before + 1);
    }
  }

  @Test
  void aFirstBuildOnAFullDiskSaysSoAndLeavesNothingHalfWritten() throws Exception {
    fill();
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessage("no space left on " + folder + " to write the index");
    assertThat(folder.resolve(IndexFolder.STORE)).doesNotExist();
    assertThat(folder.resolve(IndexFolder.BUILDING)).doesNotExist();
  }
}
