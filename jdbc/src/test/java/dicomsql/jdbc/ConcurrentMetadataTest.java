package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata calls on one connection from many threads at once, as SchemaCrawler's loader makes
 * them, and a query running meanwhile: each answer equals the one the same call gives alone.
 */
class ConcurrentMetadataTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 3;

  @TempDir
  static Path tmp;
  private static Connection connection;

  @BeforeAll
  static void open() throws Exception {
    connection = SmallDataset.connect(tmp);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** A metadata call of the connection. */
  @FunctionalInterface
  private interface Call {
    ResultSet on(DatabaseMetaData meta) throws SQLException;
  }

  /** Every kind of call a crawler makes, for every table and function, by name. */
  private static Map<String, Call> calls() throws SQLException {
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("schemas", DatabaseMetaData::getSchemas);
    calls.put("catalogs", DatabaseMetaData::getCatalogs);
    calls.put("tableTypes", DatabaseMetaData::getTableTypes);
    calls.put("tables", meta -> meta.getTables(null, "dicom", "%", null));
    calls.put("functions", meta -> meta.getFunctions(null, "dicom", "%"));
    calls.put("functionColumns", meta -> meta.getFunctionColumns(null, "dicom", "%", "%"));
    for (String table : rows(connection.getMetaData().getTables(null, "dicom", "%", null), 3)) {
      calls.put("columns " + table, meta -> meta.getColumns(null, "dicom", table, "%"));
      calls.put("primaryKeys " + table, meta -> meta.getPrimaryKeys(null, "dicom", table));
      calls.put("importedKeys " + table, meta -> meta.getImportedKeys(null, "dicom", table));
      calls.put("exportedKeys " + table, meta -> meta.getExportedKeys(null, "dicom", table));
      calls.put("indexInfo " + table,
          meta -> meta.getIndexInfo(null, "dicom", table, false, true));
    }
    return calls;
  }

  /** The values of one column of every row, closing the rows. */
  private static List<String> rows(ResultSet rows, int column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rows) {
      while (rows.next()) {
        values.add(rows.getString(column));
      }
    }
    return values;
  }

  /**
   * Statements made and closed on one connection from many threads at once: Calcite numbers
   * them with an unguarded counter and keeps them in a plain map.
   */
  @Test
  void statementsComeAndGoFromManyThreadsAtOnce() throws Exception {
    CyclicBarrier together = new CyclicBarrier(THREADS);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(threads.submit(() -> {
          together.await();
          int made = 0;
          for (int i = 0; i < 2_000; i++) {
            try (Statement statement = connection.createStatement()) {
              made++;
            }
          }
          return made;
        }));
      }
      for (Future<Integer> worker : workers) {
        assertThat(worker.get(5, TimeUnit.MINUTES)).isEqualTo(2_000);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void metadataCallsFromManyThreadsGiveWhatEachGivesAlone() throws Exception {
    Map<String, Call> calls = calls();
    Map<String, List<List<Object>>> alone = new LinkedHashMap<>();
    for (Map.Entry<String, Call> call : calls.entrySet()) {
      alone.put(call.getKey(), QueryRows.of(call.getValue().on(connection.getMetaData())));
    }
    assertThat(alone.get("tables")).hasSizeGreaterThan(5);
    assertThat(alone.get("importedKeys rois")).isNotEmpty();

    CyclicBarrier together = new CyclicBarrier(THREADS + 1);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(t);
        workers.add(threads.submit(() -> {
          together.await();
          int checked = 0;
          for (int round = 0; round < ROUNDS; round++) {
            List<String> order = new ArrayList<>(calls.keySet());
            Collections.shuffle(order, random);
            for (String name : order) {
              assertThat(QueryRows.of(calls.get(name).on(connection.getMetaData()))).as(name)
                  .isEqualTo(alone.get(name));
              checked++;
            }
          }
          return checked;
        }));
      }
      // A query of the same connection runs meanwhile, on its own thread.
      Future<Long> query = threads.submit(() -> {
        together.await();
        long counted = 0;
        while (!workers.stream().allMatch(Future::isDone)) {
          try (Statement statement = connection.createStatement();
              ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM instances i "
                  + "JOIN series s ON i.series_uid = s.series_uid")) {
            assertThat(rows.next()).isTrue();
            counted = rows.getLong(1);
          }
        }
        return counted;
      });
      for (Future<Integer> worker : workers) {
        assertThat(worker.get(5, TimeUnit.MINUTES)).isEqualTo(ROUNDS * calls.size());
      }
      assertThat(query.get(5, TimeUnit.MINUTES)).isEqualTo(
          QueryRows.of(connection, "SELECT COUNT(*) FROM instances").get(0).get(0));
    } finally {
      threads.shutdownNow();
    }
  }
}
