package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index file that another process holds locked is reported as such, naming the holder, and
 * is neither called damaged nor built again behind that process's back.
 */
class LockedIndexTest {
  @TempDir
  Path tmp;
  private Path data;
  private IndexOptions options;
  private Path store;

  @BeforeEach
  void build() throws IOException {
    data = TestData.generate(tmp.resolve("data"), 1, 2, 16, 4);
    options = IndexOptions.defaults().withFolder(tmp.resolve("index"));
    DicomIndex.open(data, options).close();
    store = tmp.resolve("index").resolve(IndexFolder.STORE);
  }

  @Test
  void anIndexLockedByAnotherProcessNamesThatProcessAndAdvisesNoRebuild() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FileLockChild.class.getName(), store.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      Object inode = Files.getAttribute(store, "unix:ino");

      assertThatThrownBy(() -> DicomIndex.open(data, options))
          .isInstanceOf(LockedIndexException.class)
          .hasMessageContaining("the index " + store + " is held open, locked, by process "
              + child.pid() + " (java): wait until it lets go of it, or use another index "
              + "folder (--index DIR; index=DIR in a JDBC URL); the index is not damaged")
          .hasMessageNotContaining("rebuild");
      assertThat(Files.getAttribute(store, "unix:ino")).isEqualTo(inode);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (DicomIndex index = DicomIndex.open(data, options)) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.UNCHANGED);
    }
  }
}
