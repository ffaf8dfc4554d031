package dicomsql.jdbc;

import dicomsql.connector.metadata.PrecompiledMetadataHandlers;
import dicomsql.connector.planner.DefaultRules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;

/**
 * The driver's first {@code jdbc:dicom:} connection starts, on a daemon thread, planning,
 * compiling and running a few statements over tables without rows
 * ({@link DicomDriver#connectWithoutRows()}), so that Calcite's planner, its metadata
 * providers and the code generator are loaded while the program's own thread opens the
 * connection and its index: with a second core, a new JVM's first query finds much of that
 * done. It never touches a data folder or an index and writes nothing; what it plans is thrown
 * away, and whatever goes wrong in it is dropped, since no statement of the program depends on
 * it. It needs a second processor, and the system property {@code dicomsql.warmUp=false}
 * leaves it out.
 */
final class PlannerWarmUp {
  static final String THREAD_NAME = "dicomsql-warm-up";
  static final String SWITCH = "dicomsql.warmUp";

  /** Statements shaped like common first queries: a filtered scan; a join, grouped and sorted. */
  static final List<String> STATEMENTS = List.of(
      "SELECT * FROM studies WHERE patient_id = 'P'",
      "SELECT s.phase, COUNT(*) AS n, AVG(i.slice_thickness) FROM instances i "
          + "JOIN series s ON s.series_uid = i.series_uid WHERE s.modality = 'CT' "
          + "GROUP BY s.phase ORDER BY 1");

  private final AtomicBoolean started = new AtomicBoolean();

  /**
   * Starts the warm-up on a daemon thread and returns that thread; null when it has started
   * before or is not {@link #wanted}.
   */
  Thread startOnce(DicomDriver driver) {
    return startOnce(driver, task -> new Thread(task, THREAD_NAME));
  }

  /** The same, on a thread of {@code threads}; null too when it cannot make or start one. */
  Thread startOnce(DicomDriver driver, ThreadFactory threads) {
    if (!wanted(System.getProperty(SWITCH), Runtime.getRuntime().availableProcessors())
        || !started.compareAndSet(false, true)) {
      return null;
    }
    try {
      Thread thread = threads.newThread(() -> run(driver, STATEMENTS));
      thread.setDaemon(true);
      thread.start();
      return thread;
    } catch (RuntimeException | OutOfMemoryError e) {
      // A JVM that may not start a thread here (a security policy, no memory left for a
      // stack) runs the program's statements all the same, without the warm-up.
      return null;
    }
  }

  /**
   * Whether to warm up, given the system property {@value #SWITCH} (null when not set) and
   * the processors this JVM may use: with one, the warm-up would only take the program's.
   */
  static boolean wanted(String setting, int processors) {
    return processors > 1 && !"false".equalsIgnoreCase(setting);
  }

  /**
   * Loads first what the program's thread needs soonest after opening its connection, so that
   * the warm-up is ahead of it rather than beside it (two threads that need the same class
   * wait for each other): the planner's rules ({@link DefaultRules} and Calcite's enumerable
   * ones), which every new planner registers, then Calcite's metadata providers with a
   * handler, which optimizing needs; then plans, compiles and runs {@code statements} over
   * tables without rows. Reports nothing.
   */
  static void run(DicomDriver driver, List<String> statements) {
    try {
      Class.forName(DefaultRules.class.getName());
      Class.forName(EnumerableRules.class.getName());
      PrecompiledMetadataHandlers.of(DefaultRelMetadataProvider.INSTANCE)
          .handler(BuiltInMetadata.RowCount.Handler.class);
    } catch (Throwable ignored) {
      // What the warm-up loads, the program's thread loads again when it needs it.
    }
    try (Connection connection = driver.connectWithoutRows();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        try (ResultSet rows = statement.executeQuery(sql)) {
          while (rows.next()) {
            rows.getObject(1);
          }
        }
      }
    } catch (Throwable ignored) {
      // Only the program's own statements report; these were never asked for.
    }
  }
}
