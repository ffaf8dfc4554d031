package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first build gathers index entries, column chunks and the series of every image in memory
 * and writes them at the end; a refresh changes the stored index in place and looks things up
 * in it. Both must give the same tables: here the same files are indexed once by a first build
 * and once by a build of some cases followed by a refresh that adds the others (and a copy of
 * an image that becomes the instance of its SOP Instance UID, demoting the original).
 */
class FirstBuildTest {
  @TempDir
  Path tmp;

  @Test
  void aFirstBuildGivesTheTablesThatRefreshesGive() throws IOException {
    Path generated = TestData.generate(tmp.resolve("generated"), 3, 11, 32, 6);
    TestData.takeTruth(generated, "truth.csv");
    TestData.takeTruth(generated, "truth_series.csv");
    Path image = TestData.files(generated.resolve("HCC_0002")).get(0);
    Path copy = generated.resolve("HCC_0000_copy").resolve(image.getFileName());
    Files.createDirectories(copy.getParent());
    Files.copy(image, copy);

    Path whole = tmp.resolve("whole");
    copyTree(generated, whole, "");
    Path grown = tmp.resolve("grown");
    copyTree(generated, grown, "HCC_0002");
    copyTree(generated, grown, "HCC_0003");
    List<List<String>> built;
    try (DicomIndex index = DicomIndex.open(whole,
        IndexOptions.defaults().withFolder(tmp.resolve("whole-index")))) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
      built = tables(index);
    }
    IndexOptions grownIndex = IndexOptions.defaults().withFolder(tmp.resolve("grown-index"));
    try (DicomIndex index = DicomIndex.open(grown, grownIndex)) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
    }
    copyTree(generated, grown, "HCC_0001");
    copyTree(generated, grown, "HCC_0000_copy");
    try (DicomIndex index = DicomIndex.open(grown, grownIndex)) {
      assertThat(index.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
      assertThat(tables(index)).isEqualTo(built);
    }
    assertThat(built.get(Tables.ALL.indexOf(Tables.INSTANCES))).anyMatch(
        row -> row.contains("HCC_0002/") && row.contains("HCC_0000_copy/"));
    assertThat(built.get(Tables.ALL.indexOf(Tables.ROIS))).isNotEmpty();
  }

  /** Copies {@code under} (everything when empty) of one tree into another. */
  private static void copyTree(Path from, Path to, String under) throws IOException {
    for (Path file : TestData.files(from.resolve(under))) {
      Path target = to.resolve(from.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
  }

  /**
   * Every table's rows as text, sorted (row ids may differ), followed by its statistics: what
   * the index answers, whatever order it was written in.
   */
  private static List<List<String>> tables(DicomIndex index) {
    List<List<String>> tables = new ArrayList<>();
    for (TableDefinition definition : Tables.ALL) {
      List<String> rows = new ArrayList<>();
      for (Object[] row : TestData.rows(index, definition.name())) {
        rows.add(Arrays.deepToString(row));
      }
      rows.sort(null);
      rows.add(index.table(definition.name()).statistics().toString());
      tables.add(rows);
    }
    return tables;
  }
}
