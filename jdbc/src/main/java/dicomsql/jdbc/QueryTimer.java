package dicomsql.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The query timeout of a connection's statements, which Calcite does not keep: a query still
 * running when its statement's {@code getQueryTimeout()} seconds are over is cancelled, and
 * the timer remembers that it was, so that the failure can say so. A run lasts until its
 * result set is closed, the next run of the statement starts, or it fails.
 */
final class QueryTimer {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dicomsql-query-timeout");
        thread.setDaemon(true);
        return thread;
      });

  /** A run with a time limit: its alarm, and whether it rang. */
  private record Run(ScheduledFuture<?> alarm, AtomicBoolean rang) {}

  /** The runs with a time limit, by statement; a statement dropped unclosed takes its run. */
  private final Map<Statement, Run> runs = Collections.synchronizedMap(new WeakHashMap<>());

  /** Starts the clock of a run of {@code statement}, if it has a timeout. */
  void start(Statement statement) throws SQLException {
    stop(statement);
    int seconds = statement.getQueryTimeout();
    if (seconds > 0) {
      AtomicBoolean rang = new AtomicBoolean();
      runs.put(statement, new Run(TIMER.schedule(() -> {
        rang.set(true);
        try {
          statement.cancel();
        } catch (SQLException e) {
          // The statement was closed meanwhile: nothing left to stop.
        }
      }, seconds, TimeUnit.SECONDS), rang));
    }
  }

  /** Ends the clock of the statement's run, if any. */
  void stop(Statement statement) {
    Run run = runs.remove(statement);
    if (run != null) {
      run.alarm().cancel(false);
    }
  }

  /** Whether the statement's run was cancelled by its timeout. */
  boolean timedOut(Statement statement) {
    Run run = runs.get(statement);
    return run != null && run.rang().get();
  }
}
