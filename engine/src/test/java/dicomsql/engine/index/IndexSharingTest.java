package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several handles on one index in one process, and what each of them sees. */
class IndexSharingTest {
  @TempDir
  Path tmp;
  private Path data;
  private IndexOptions options;

  @BeforeEach
  void generate() throws IOException {
    data = TestData.generate(tmp.resolve("data"), 2, 4, 16, 4);
    TestData.takeTruth(data, "truth.csv");
    TestData.takeTruth(data, "truth_series.csv");
    options = IndexOptions.defaults().withFolder(tmp.resolve("index"));
  }

  private void addAFile() throws IOException {
    Files.copy(TestData.files(data.resolve("HCC_0001")).get(0), data.resolve("extra.dcm"));
  }

  @Test
  void aSecondHandleRefreshesWhileTheFirstKeepsTheVersionItOpened() throws IOException {
    try (DicomIndex first = DicomIndex.open(data, options)) {
      int before = first.table("instances").size();
      addAFile();
      try (DicomIndex second = DicomIndex.open(data, options)) {
        assertThat(second.update().kind()).isEqualTo(IndexUpdate.Kind.REFRESHED);
        assertThat(second.table("instances").size()).isEqualTo(before + 1);
        try (DicomIndex third = DicomIndex.open(data,
            options.withRefresh(IndexOptions.Refresh.NEVER))) {
          assertThat(third.table("instances").size()).isEqualTo(before + 1);
        }
      }
      assertThat(first.table("instances").size()).isEqualTo(before);
      assertThat(first.table("instances").row(0)).isNotNull();
    }
  }

  @Test
  void aRebuildWhileAnotherHandleReadsLeavesThatHandleReading() throws IOException {
    try (DicomIndex first = DicomIndex.open(data, options)) {
      int before = first.table("instances").size();
      try (DicomIndex second = DicomIndex.open(data,
          options.withRefresh(IndexOptions.Refresh.REBUILD))) {
        assertThat(second.update().kind()).isEqualTo(IndexUpdate.Kind.BUILT);
        assertThat(second.table("instances").size()).isEqualTo(before);
      }
      assertThat(first.table("instances").size()).isEqualTo(before);
    }
    assertThat(tmp.resolve("index").resolve(IndexFolder.BUILDING)).doesNotExist();
  }
}
