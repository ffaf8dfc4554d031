package dicomsql.engine.index;

import static dicomsql.engine.index.TestData.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.phase.PhaseKeywords;
import dicomsql.engine.phase.PhaseRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexRefreshTest {
  @TempDir
  Path tmp;
  private Path data;
  private Path folder;
  private List<Map<String, String>> lesions;

  @BeforeEach
  void buildOnce() throws IOException {
    data = TestData.generate(tmp.resolve("data"), 3, 5, 32, 6);
    lesions = TestData.takeTruth(data, "truth.csv");
    TestData.takeTruth(data, "truth_series.csv");
    folder = tmp.resolve("index");
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
    }
  }

  private DicomIndex open() throws IOException {
    return DicomIndex.open(data, IndexOptions.defaults().withFolder(folder));
  }

  private int size(String table) throws IOException {
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
        .withRefresh(IndexOptions.Refresh.NEVER))) {
      return index.table(table).size();
    }
  }

  @Test
  void anUnchangedTreeLeavesTheIndexFileAlone() throws IOException {
    FileTime written = Files.getLastModifiedTime(folder.resolve(IndexFolder.STORE));
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.UNCHANGED);
    }
    assertThat(Files.getLastModifiedTime(folder.resolve(IndexFolder.STORE))).isEqualTo(written);
  }

  @Test
  void aNewCaseIsReadAndDerived() throws IOException {
    int instances = size("instances");
    Path other = TestData.generate(tmp.resolve("other"), 1, 77, 32, 6);
    List<Map<String, String>> otherLesions = TestData.takeTruth(other, "truth.csv");
    TestData.takeTruth(other, "truth_series.csv");
    List<Path> added = TestData.files(other);
    for (Path file : added) {
      Path target = data.resolve("extra").resolve(other.relativize(file));
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
      assertThat(index.update().filesChanged()).isEqualTo(added.size());
      assertThat(index.table("instances").size()).isEqualTo(instances + added.size());
      assertThat(index.table("patients").size()).isEqualTo(4);
      assertThat(index.table("rois").size()).isEqualTo(lesions.size() + otherLesions.size());
      for (Object[] roi : TestData.rows(index, "rois")) {
        assertThat(value(roi, Tables.ROIS, "phase")).isNotNull();
      }
    }
  }

  @Test
  void deletedFilesLeaveWithTheirRows() throws IOException {
    int instances = size("instances");
    int contours = size("contours");
    Path image = TestData.files(data.resolve("HCC_0001")).get(0);
    Files.delete(image);
    Files.delete(data.resolve("HCC_0002/401/001.dcm"));
    int lesionsOfCase2 = (int) lesions.stream().filter(l -> l.get("case").equals("2")).count();
    int contoursOfCase2 = lesions.stream().filter(l -> l.get("case").equals("2"))
        .mapToInt(l -> Integer.parseInt(l.get("contour_count"))).sum();
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
      assertThat(index.table("instances").size()).isEqualTo(instances - 2);
      assertThat(index.table("structure_sets").size()).isEqualTo(2);
      assertThat(index.table("rois").size()).isEqualTo(lesions.size() - lesionsOfCase2);
      assertThat(index.table("contours").size()).isEqualTo(contours - contoursOfCase2);
      IndexTable series = index.table("series");
      int shrunk = 0;
      for (int id : series.all()) {
        Object[] row = series.row(id);
        if (Integer.valueOf(5).equals(value(row, Tables.SERIES, "instance_count"))) {
          shrunk++;
        }
      }
      assertThat(shrunk).isEqualTo(1);
      assertSummariesAgree(index);
    }
  }

  @Test
  void everyNumberOfThreadsPlansTheSameChanges() throws IOException {
    List<Path> files = TestData.files(data);
    files.sort(Comparator.comparing(file -> data.relativize(file).toString()));
    Files.delete(files.get(0));
    Files.delete(files.get(files.size() - 1));
    Path touched = files.get(files.size() / 2);
    Files.setLastModifiedTime(touched,
        FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() + 5000));
    Path copied = files.get(files.size() / 3);
    Files.copy(copied, copied.resolveSibling(copied.getFileName() + "-copy"));
    PhaseRules rules = new PhaseRules(PhaseKeywords.builtIn());
    try (IndexStore store = IndexStore.openReadOnly(folder.resolve(IndexFolder.STORE))) {
      for (int threads = 1; threads <= 7; threads++) {
        IndexBuilder builder = new IndexBuilder(data, rules, rules.fingerprint(), threads,
            IndexProgress.NONE);
        assertThat(builder.plan(store).changes()).as("%d threads", threads)
            .isEqualTo(new IndexBuilder.Changes(1, 1, 2, false));
      }
    }
  }

  /** The column-wise summaries of every table, over all rows, agree with the rows. */
  private static void assertSummariesAgree(DicomIndex index) {
    for (TableDefinition table : Tables.ALL) {
      IndexTable rows = index.table(table.name());
      SummaryCheck.assertAgrees(rows, rows.all());
    }
  }

  @Test
  void aChangedFileIsReadAgain() throws IOException {
    Path image = TestData.files(data.resolve("HCC_0003")).get(0);
    byte[] original = Files.readAllBytes(image);
    int instances = size("instances");
    Files.write(image, Arrays.copyOf(original, original.length - 10));
    String path = data.relativize(image).toString();
    try (DicomIndex index = open()) {
      assertThat(index.update().filesChanged()).isEqualTo(1);
      assertThat(index.table("instances").size()).as("its header is whole").isEqualTo(instances);
      IndexTable errors = index.table("scan_errors");
      assertThat(errors.equal(Tables.SCAN_ERRORS.indexOf("path"), path).getCardinality())
          .isEqualTo(1);
      assertThat(errors.row(errors.all().first())).containsExactly(path,
          "truncated at byte " + (original.length - 10) + " inside (7FE0,0010)",
          (long) original.length - 10);
      assertThat(index.table("instances").equal(Tables.INSTANCES.indexOf("path"), path)
          .getCardinality()).isEqualTo(1);
      assertSummariesAgree(index);
    }
    Files.write(image, original);
    Files.setLastModifiedTime(image, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    try (DicomIndex index = open()) {
      assertThat(index.table("instances").size()).isEqualTo(instances);
      assertThat(index.table("scan_errors").size()).isZero();
    }
  }

  @Test
  void anEditThatKeepsSizeAndModificationTimeIsSeen() throws IOException {
    List<Path> slices = TestData.files(data.resolve("HCC_0003"));
    Path edited = slices.get(0);
    Path other = slices.stream().skip(1).filter(file -> sizeOf(file) == sizeOf(edited))
        .findFirst().orElseThrow();
    FileTime modified = Files.getLastModifiedTime(edited);
    Files.write(edited, Files.readAllBytes(other));
    Files.setLastModifiedTime(edited, modified);
    try (DicomIndex index = open()) {
      assertThat(index.update().filesChanged()).isEqualTo(1);
      IndexTable instances = index.table("instances");
      int copy = instances.equal(Tables.INSTANCES.indexOf("path"),
          data.relativize(other).toString()).first();
      assertThat(value(instances.row(copy), Tables.INSTANCES, "duplicate_of"))
          .as("the edited file is now a smaller-path copy of the other")
          .isEqualTo(data.relativize(edited).toString());
    }
  }

  @Test
  void aFileReplacedWithItsModificationTimeKeptIsSeen() throws IOException {
    // As rsync -t does: a new file renamed over the old one, its time set back.
    Path image = TestData.files(data.resolve("HCC_0002")).get(0);
    FileTime modified = Files.getLastModifiedTime(image);
    Path replacement = Files.write(tmp.resolve("replacement.dcm"), Files.readAllBytes(image));
    Files.setLastModifiedTime(replacement, modified);
    Files.move(replacement, image, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    try (DicomIndex index = open()) {
      assertThat(index.update().filesChanged()).isEqualTo(1);
    }
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.UNCHANGED);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aFileThatGaveAnInputOutputErrorIsTriedOnEveryRefresh() throws IOException {
    // A write-only sysfs file: stat calls it a 4096-byte file, opening it fails even for root.
    Path target = Path.of("/sys/bus/cpu/uevent");
    assumeTrue(Files.isRegularFile(target) && !opens(target), "no write-only sysfs file here");
    Files.createSymbolicLink(data.resolve("unreadable.dcm"), target);
    try (DicomIndex index = open()) {
      assertThat(index.table("scan_errors").size()).isEqualTo(1);
    }
    try (DicomIndex index = open()) {
      assertThat(index.update().filesChanged()).isEqualTo(1);
      assertThat(TestData.rows(index, "scan_errors").get(0)[1].toString())
          .startsWith("cannot read: ");
    }
  }

  private static boolean opens(Path file) {
    try (var stream = Files.newInputStream(file)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void otherPhaseRulesDecideThePhasesAgain() throws IOException {
    Path rules = tmp.resolve("rules.txt");
    Files.writeString(rules, "D arterial\nD art\nD early\n");
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
        .withPhaseRules(rules))) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
      assertThat(index.update().filesChanged()).isZero();
      assertThat(index.table("series").equal(Tables.SERIES.indexOf("phase_source"),
          "description:arterial").getCardinality()).isZero();
    }
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
    }
  }

  @Test
  void refreshNeverUsesTheIndexAsItIs() throws IOException {
    int instances = size("instances");
    Files.copy(TestData.files(data.resolve("HCC_0001")).get(0), data.resolve("copy.dcm"));
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
        .withRefresh(IndexOptions.Refresh.NEVER))) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.UNCHANGED);
      assertThat(index.table("instances").size()).isEqualTo(instances);
    }
    try (DicomIndex index = open()) {
      assertThat(index.table("instances").size()).as("a duplicate SOP UID is kept")
          .isEqualTo(instances + 1);
    }
  }

  @Test
  void anIndexOfAnotherFormatIsRebuiltNotMisread() throws IOException {
    try (IndexStore store = IndexStore.openForUpdate(folder.resolve(IndexFolder.STORE))) {
      store.meta("format", IndexStore.FORMAT - 1);
      store.commit();
    }
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
      assertThat(index.table("rois").size()).isEqualTo(lesions.size());
    }
  }

  @Test
  void aDamagedIndexFileIsRebuilt() throws IOException {
    Files.write(folder.resolve(IndexFolder.STORE), new byte[] {1, 2, 3, 4, 5});
    try (DicomIndex index = open()) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
      assertThat(index.table("rois").size()).isEqualTo(lesions.size());
    }
  }

  @Test
  void anIndexOfAnotherRootInAFolderThatCannotBeWrittenIsNeverAnswered() throws IOException {
    Path other = TestData.generate(tmp.resolve("other"), 1, 77, 32, 6);
    Path lock = folder.resolve(IndexFolder.LOCK);
    Files.delete(lock);
    Files.createDirectory(lock);
    assertThatThrownBy(() -> DicomIndex.open(other, IndexOptions.defaults().withFolder(folder)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("no usable index in " + folder + " and it cannot be written (");
  }

  @Test
  void handlesInOneProcessShareTheOpenIndex() throws IOException {
    try (DicomIndex first = open(); DicomIndex second = open()) {
      assertThat(second.update().kind()).isEqualTo(IndexUpdate.Kind.UNCHANGED);
      assertThat(second.table("instances")).isSameAs(first.table("instances"));
      first.close();
      assertThat(second.table("instances").size()).isGreaterThan(0);
    }
  }
}
