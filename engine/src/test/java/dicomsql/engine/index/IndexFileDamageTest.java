package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index files emptied, damaged on disk, or not dicomsql's at all. */
class IndexFileDamageTest {
  @TempDir
  Path tmp;
  private Path data;
  private Path folder;
  private Path store;
  private List<Object[]> instances;

  @BeforeEach
  void build() throws IOException {
    data = TestData.generate(tmp.resolve("data"), 3, 4, 32, 6);
    TestData.takeTruth(data, "truth.csv");
    TestData.takeTruth(data, "truth_series.csv");
    folder = tmp.resolve("index");
    store = folder.resolve(IndexFolder.STORE);
    try (DicomIndex index = open(IndexOptions.Refresh.AUTO)) {
      instances = TestData.rows(index, "instances");
    }
  }

  private DicomIndex open(IndexOptions.Refresh refresh) throws IOException {
    return DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
        .withRefresh(refresh));
  }

  private static List<List<Object[]>> tables(DicomIndex index) {
    List<List<Object[]>> rows = new ArrayList<>();
    for (TableDefinition table : Tables.ALL) {
      rows.add(TestData.rows(index, table.name()));
    }
    return rows;
  }

  private List<List<Object[]>> everyTable() throws IOException {
    try (DicomIndex index = open(IndexOptions.Refresh.NEVER)) {
      return tables(index);
    }
  }

  /** Overwrites the middle half of the file, where table pages are. */
  private void damageTheMiddle() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(store.toFile(), "rw")) {
      byte[] junk = new byte[(int) (file.length() / 2)];
      Arrays.fill(junk, (byte) 0x5A);
      file.seek(file.length() / 4);
      file.write(junk);
    }
  }

  private void assertRebuiltOnOpen(IndexOptions.Refresh refresh, String damage)
      throws IOException {
    try (DicomIndex index = open(refresh)) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
      assertThat(index.update().note()).contains("was damaged (").contains(damage);
      assertThat(TestData.rows(index, "instances")).usingRecursiveFieldByFieldElementComparator()
          .isEqualTo(instances);
    }
  }

  @Test
  void anEmptyIndexFileIsBuiltAgain() throws IOException {
    Files.write(store, new byte[0]);
    assertRebuiltOnOpen(IndexOptions.Refresh.AUTO, "size and CRC-32C are 0 ");
  }

  @Test
  void anEmptyIndexFileWithoutItsCheckFileIsBuiltAgainEvenWithRefreshNever() throws IOException {
    Files.write(store, new byte[0]);
    Files.delete(folder.resolve(IndexFolder.CHECK));
    assertRebuiltOnOpen(IndexOptions.Refresh.NEVER, "the file is empty");
  }

  @Test
  void changedPagesAreFoundOnOpenAndBuiltAgain() throws IOException {
    damageTheMiddle();
    RecordedNotices notices = new RecordedNotices();
    try (DicomIndex index = DicomIndex.open(data, IndexOptions.defaults().withFolder(folder)
        .withRefresh(IndexOptions.Refresh.NEVER).withProgress(notices))) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
      assertThat(notices.notices).singleElement().asString().contains("was damaged");
    }
  }

  /**
   * Damage at 12 places in turn of an index whose check file is gone (as one written before
   * check files existed, so not verified on open): each is found on open and built again, or
   * found by the query that reads the page, which says what to do, and built again on the next
   * open, or lies where nothing is read; never a wrong row.
   */
  @Test
  void pagesAQueryCannotReadAreReportedAndTheNextOpenBuildsAgain() throws IOException {
    List<List<Object[]>> whole = everyTable();
    byte[] good = Files.readAllBytes(store);
    int foundByQueries = 0;
    for (int place = 0; place < 12; place++) {
      byte[] damaged = good.clone();
      int from = Math.max(8192, good.length * place / 12);
      Arrays.fill(damaged, from, Math.min(good.length, from + good.length / 100), (byte) 0x5A);
      Files.write(store, damaged);
      Files.deleteIfExists(folder.resolve(IndexFolder.CHECK));
      try (DicomIndex index = open(IndexOptions.Refresh.NEVER)) {
        try {
          assertThat(tables(index)).usingRecursiveFieldByFieldElementComparator()
              .isEqualTo(whole);
          continue;
        } catch (UncheckedIOException e) {
          assertThat(e).hasMessageContaining("the index " + store + " is damaged (")
              .hasMessageEndingWith("; the next query builds it again, or run: dicomsql index "
                  + data + " --index " + folder + " --rebuild");
          foundByQueries++;
        }
      }
      assertRebuiltOnOpen(IndexOptions.Refresh.NEVER, "a query could not read it");
      good = Files.readAllBytes(store);
    }
    assertThat(foundByQueries).isPositive();
  }

  @Test
  void aFileThatIsNotAnIndexIsNeverOverwritten() throws IOException {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Path foreign = Files.writeString(other.resolve(IndexFolder.STORE), "my notes");
    for (IndexOptions.Refresh refresh : IndexOptions.Refresh.values()) {
      assertThatThrownBy(() -> DicomIndex.open(data, IndexOptions.defaults().withFolder(other)
          .withRefresh(refresh))).isInstanceOf(IOException.class)
          .hasMessageStartingWith(foreign + " is not a dicomsql index (")
          .hasMessageEndingWith("dicomsql does not overwrite it: choose another index folder, "
              + "or remove the file");
    }
    assertThat(foreign).hasContent("my notes");
    try (var files = Files.list(other)) {
      assertThat(files).containsExactly(foreign);
    }
  }

  @Test
  void anotherProgramsStoreIsNeverOverwritten() throws IOException {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Path foreign = other.resolve(IndexFolder.STORE);
    try (MVStore mv = new MVStore.Builder().fileName(foreign.toString()).open()) {
      mv.openMap("accounts").put("alice", 1);
    }
    byte[] before = Files.readAllBytes(foreign);
    assertThatThrownBy(() -> DicomIndex.open(data, IndexOptions.defaults().withFolder(other)))
        .hasMessageContaining("is not a dicomsql index (it holds no dicomsql meta map)");
    assertThat(Files.readAllBytes(foreign)).isEqualTo(before);
  }
}
