package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds and refreshes killed with SIGKILL, and two processes on one index. */
class IndexCrashTest {
  @TempDir
  Path tmp;
  private Path data;
  private Path folder;

  @BeforeEach
  void generate() throws IOException {
    data = TestData.generate(tmp.resolve("data"), 4, 9, 16, 6);
    TestData.takeTruth(data, "truth.csv");
    TestData.takeTruth(data, "truth_series.csv");
    folder = tmp.resolve("index");
  }

  /** A child process and what it has printed so far. */
  private static final class Child implements AutoCloseable {
    final Process process;
    final BufferedReader out;

    Child(Path data, Path folder, String refresh, long pauseMillis, long holdSeconds)
        throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          IndexChild.class.getName(), data.toString(), folder.toString(), refresh,
          Long.toString(pauseMillis), Long.toString(holdSeconds))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
    }

    /** Reads lines until one starts with {@code prefix}; returns it. */
    String await(String prefix) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      throw new IOException("the child ended without printing " + prefix);
    }

    /**
     * Stops the child with {@code kill -STOP}: it keeps its locks but runs no more. The shell's
     * own kill, so that no package beyond a shell is needed.
     */
    void stop() throws Exception {
      Process kill = new ProcessBuilder("sh", "-c", "kill -STOP " + process.pid()).start();
      assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).isZero();
      // The signal is delivered asynchronously: wait until Linux shows the process as stopped,
      // or the waiting side may still see it running.
      Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!stopped(Files.readString(stat)) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    private static boolean stopped(String stat) {
      String afterCommand = stat.substring(stat.lastIndexOf(')') + 1).trim();
      return afterCommand.startsWith("T") || afterCommand.startsWith("t");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      kill();
    }
  }

  private int instances(IndexOptions.Refresh refresh) throws IOException {
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
        .withRefresh(refresh))) {
      return index.table("instances").size();
    }
  }

  @Test
  void aFirstBuildKilledMidwayLeavesNoIndexAndTheNextOpenBuildsIt() throws Exception {
    try (Child child = new Child(data, folder, "AUTO", 20, 0)) {
      child.await("reading");
      Thread.sleep(300);
      child.kill();
    }
    assertThat(folder.resolve(IndexFolder.STORE)).doesNotExist();
    int files = TestData.files(data).size();
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder))) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
      assertThat(index.table("instances").size()).isEqualTo(files);
    }
    assertThat(folder.resolve(IndexFolder.BUILDING)).doesNotExist();
  }

  @Test
  void aRefreshKilledMidwayLeavesThePreviousIndexReadable() throws Exception {
    int before = instances(IndexOptions.Refresh.AUTO);
    List<Path> copies = new ArrayList<>();
    for (Path file : TestData.files(data.resolve("HCC_0001"))) {
      Path copy = data.resolve("more").resolve(data.relativize(file));
      Files.createDirectories(copy.getParent());
      copies.add(Files.copy(file, copy));
    }
    try (Child child = new Child(data, folder, "AUTO", 20, 0)) {
      child.await("reading");
      Thread.sleep(300);
      child.kill();
    }
    assertThat(instances(IndexOptions.Refresh.NEVER)).isEqualTo(before);
    assertThat(instances(IndexOptions.Refresh.AUTO)).isEqualTo(before + copies.size());
  }

  @Test
  void aSecondProcessRefreshesWhileTheFirstHasItOpenAndLaterReadersSeeIt() throws Exception {
    int before = instances(IndexOptions.Refresh.AUTO);
    try (DicomIndex held = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder))) {
      Files.copy(TestData.files(data.resolve("HCC_0002")).get(0), data.resolve("extra.dcm"));
      try (Child child = new Child(data, folder, "AUTO", 0, 0)) {
        assertThat(child.await("update")).isEqualTo("update REFRESHED");
        assertThat(child.await("instances")).isEqualTo("instances " + (before + 1));
        assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).isZero();
      }
      assertThat(held.table("instances").size()).isEqualTo(before);
      try (DicomIndex reader = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
          .withRefresh(IndexOptions.Refresh.NEVER))) {
        assertThat(reader.table("instances").size()).isEqualTo(before + 1);
      }
      assertThat(held.table("instances").size()).isEqualTo(before);
    }
    assertThat(instances(IndexOptions.Refresh.NEVER)).isEqualTo(before + 1);
  }

  @Test
  void twoProcessesOpeningAtOnceBothGetTheSameCompleteIndex() throws Exception {
    try (Child first = new Child(data, folder, "AUTO", 2, 0);
        Child second = new Child(data, folder, "AUTO", 2, 0)) {
      String a = first.await("instances");
      String b = second.await("instances");
      assertThat(a).isEqualTo(b).isEqualTo("instances " + TestData.files(data).size());
    }
  }

  private IndexOptions waitingOneSecond(RecordedNotices notices) {
    return IndexOptions.defaults().withFolder(folder).withLockWait(Duration.ofSeconds(1))
        .withProgress(notices);
  }

  @Test
  void aStoppedWriterIsWaitedForASetTimeAndNamedThenTheIndexIsUsedAsItIs() throws Exception {
    int before = instances(IndexOptions.Refresh.AUTO);
    Files.copy(TestData.files(data.resolve("HCC_0002")).get(0), data.resolve("extra.dcm"));
    try (Child child = new Child(data, folder, "REBUILD", 50, 0)) {
      child.await("reading");
      child.stop();
      RecordedNotices notices = new RecordedNotices();
      try (DicomIndex index = DicomIndex.open(data, waitingOneSecond(notices))) {
        String holder = "process " + child.process.pid() + " (java, stopped)";
        assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.NOT_REFRESHED);
        assertThat(index.update().note()).isEqualTo(holder + " has held "
            + folder.resolve(IndexFolder.LOCK) + " for 1 s; using the index as it is");
        assertThat(notices.notices).containsExactly("waiting up to 1 s for " + holder
            + " to finish writing the index in " + folder,
            "the index was not refreshed: " + index.update().note());
        assertThat(index.table("instances").size()).isEqualTo(before);
      }
    }
    assertThat(instances(IndexOptions.Refresh.AUTO)).isEqualTo(before + 1);
  }

  @Test
  void withNoIndexYetAStoppedFirstBuildIsAClearError() throws Exception {
    try (Child child = new Child(data, folder, "AUTO", 50, 0)) {
      child.await("reading");
      child.stop();
      assertThatThrownBy(() -> DicomIndex.open(data, waitingOneSecond(new RecordedNotices())))
          .isInstanceOf(IOException.class)
          .hasMessage("no usable index in " + folder + " yet: process " + child.process.pid()
              + " (java, stopped) has held " + folder.resolve(IndexFolder.LOCK) + " for 1 s "
              + "while writing it; try again once it is done, or end that process");
    }
  }
}
