package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links: followed once, loops and second ways into a folder reported, not walked. */
class DataRootWalkerTest {
  @TempDir
  Path tmp;
  private Path root;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(tmp.resolve("data"));
    Files.createDirectories(root.resolve("case/ct"));
    Files.writeString(root.resolve("case/ct/1.dcm"), "one");
    Files.writeString(root.resolve("case/rs.dcm"), "rs");
  }

  /** Each path the walk gives, with its error or null. */
  private Map<String, String> walk() throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    for (DataRootWalker.Found file : DataRootWalker.walk(root, 2)) {
      found.put(file.path(), file.error());
    }
    return found;
  }

  @Test
  void everyFolderReadIsReportedEmptyOnesAndTheRootIncludedHiddenOnesNot() throws IOException {
    Files.createDirectories(root.resolve("case/empty"));
    Files.createDirectories(root.resolve(".hidden/inside"));
    List<String> folders = new ArrayList<>();
    DataRootWalker.walk(root, 2, folders);
    assertThat(folders).containsExactlyInAnyOrder("", "case", "case/ct", "case/empty");
  }

  @Test
  void filesComeInPathOrderAlsoWhereASiblingSortsBetweenAFolderAndItsFiles() throws IOException {
    for (String file : new String[] {"case/ct-2.dcm", "case/ct.old/9.dcm", "case/ct 3.dcm",
        "case/ct/a/2.dcm", "case/ct/a-1.dcm", "case/ct0.dcm", "b.dcm", "case-1/x.dcm"}) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.writeString(root.resolve(file), file);
    }
    List<String> paths = new ArrayList<>(walk().keySet());
    assertThat(paths).hasSize(10).isSorted();
  }

  @Test
  void aDeepTreeUnderOneFolderComesWholeAndInPathOrderOnAnyNumberOfThreads() throws IOException {
    List<String> expected = new ArrayList<>(List.of("case/ct/1.dcm", "case/rs.dcm"));
    String folder = "only";
    for (int depth = 0; depth < 7; depth++) {
      folder += depth % 2 == 0 ? "/a" : "/b";
      for (String name : new String[] {"x.dcm", "a-1.dcm", "a.b.dcm", "z.dcm"}) {
        Path file = root.resolve(folder).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, name);
        expected.add(folder + "/" + name);
      }
      Files.createDirectories(root.resolve(folder + "-sibling"));
      Files.writeString(root.resolve(folder + "-sibling/s.dcm"), "s");
      expected.add(folder + "-sibling/s.dcm");
    }
    Files.createSymbolicLink(root.resolve("only/a/b/link"), root.resolve("case/ct"));
    expected.add("only/a/b/link");
    expected.sort(null);
    for (int threads = 1; threads <= 4; threads++) {
      List<String> paths = new ArrayList<>();
      for (DataRootWalker.Found file : DataRootWalker.walk(root, threads)) {
        paths.add(file.path());
      }
      assertThat(paths).as("%d threads", threads).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aLinkToAParentIsALoopReportedOnce() throws IOException {
    Files.createSymbolicLink(root.resolve("case/up"), Path.of(".."));
    Files.createSymbolicLink(root.resolve("case/ct/top"), root);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("case/ct/1.dcm", null);
    expected.put("case/ct/top", DataRootWalker.LOOP);
    expected.put("case/rs.dcm", null);
    expected.put("case/up", DataRootWalker.LOOP);
    assertThat(walk()).containsExactlyEntriesOf(expected);
  }

  @Test
  void linksThatLeadNowhereAreReported() throws IOException {
    Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
    Files.createSymbolicLink(root.resolve("gone.dcm"), Path.of("missing.dcm"));
    assertThat(walk()).containsEntry("a", DataRootWalker.LOOP)
        .containsEntry("b", DataRootWalker.LOOP)
        .containsEntry("gone.dcm", "symbolic link to a missing file: not followed");
  }

  @Test
  void aLinkedFolderOutsideIsReadOnceAndASecondWayInIsReported() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside/scans"));
    Files.writeString(outside.resolve("2.dcm"), "two");
    Files.createSymbolicLink(outside.resolve("back"), root.resolve("case"));
    Files.createSymbolicLink(root.resolve("linked"), outside);
    Files.createSymbolicLink(root.resolve("linked-again"), outside);
    Files.createSymbolicLink(root.resolve("ct-again"), root.resolve("case/ct"));
    Files.createSymbolicLink(root.resolve("rs-link.dcm"), root.resolve("case/rs.dcm"));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("case/ct/1.dcm", null);
    expected.put("case/rs.dcm", null);
    expected.put("ct-again", "the same folder as case/ct: not followed");
    expected.put("linked-again", "the same folder as linked: not followed");
    expected.put("linked/2.dcm", null);
    expected.put("linked/back", "the same folder as case: not followed");
    expected.put("rs-link.dcm", null);
    assertThat(walk()).containsExactlyEntriesOf(expected);
  }
}
