package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  /**
   * Threads of one process opening the index at the same moment, with no version of it open
   * yet: as a server's clients connect. File locks are not shared between threads, so each
   * must open the file in turn; none may fail with "the file is locked".
   */
  @Test
  void threadsOpeningTheIndexAtOnceAllGetIt() throws Exception {
    int expected;
    try (DicomIndex built = DicomIndex.open(data, options)) {
      expected = built.table("instances").size();
    }
    for (IndexOptions.Refresh refresh : List.of(IndexOptions.Refresh.NEVER,
        IndexOptions.Refresh.AUTO)) {
      int threads = 8;
      CyclicBarrier together = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<DicomIndex>> opened = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Callable<DicomIndex> open = () -> {
            together.await();
            return DicomIndex.open(data, options.withRefresh(refresh));
          };
          opened.add(pool.submit(open));
        }
        for (Future<DicomIndex> future : opened) {
          try (DicomIndex index = future.get(2, TimeUnit.MINUTES)) {
            assertThat(index.table("instances").size()).as(refresh.name()).isEqualTo(expected);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * A handle opens each table when a query first reads it: threads reading every table of a
   * fresh handle at the same moment (as a server's first statements do) share one open table
   * each and read what a handle opened alone reads.
   */
  @Test
  void threadsReadingTablesForTheFirstTimeAtOnceShareThem() throws Exception {
    List<Integer> sizes = new ArrayList<>();
    try (DicomIndex alone = DicomIndex.open(data, options)) {
      for (TableDefinition table : Tables.ALL) {
        sizes.add(alone.table(table.name()).size());
      }
      assertThat(alone.table("no_such_table")).isNull();
    }
    int threads = 8;
    CyclicBarrier together = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (DicomIndex shared = DicomIndex.open(data,
        options.withRefresh(IndexOptions.Refresh.NEVER))) {
      List<Future<List<IndexTable>>> read = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<List<IndexTable>> everyTable = () -> {
          together.await();
          List<IndexTable> tables = new ArrayList<>();
          for (TableDefinition table : Tables.ALL) {
            IndexTable opened = shared.table(table.name());
            opened.size();
            tables.add(opened);
          }
          return tables;
        };
        read.add(pool.submit(everyTable));
      }
      List<IndexTable> first = read.get(0).get(2, TimeUnit.MINUTES);
      for (Future<List<IndexTable>> future : read) {
        List<IndexTable> tables = future.get(2, TimeUnit.MINUTES);
        for (int t = 0; t < tables.size(); t++) {
          assertThat(tables.get(t)).isSameAs(first.get(t));
          assertThat(tables.get(t).size()).isEqualTo(sizes.get(t));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
