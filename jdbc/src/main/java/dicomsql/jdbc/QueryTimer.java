package dicomsql.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The query timeout of a connection's statements, which Calcite does not keep: a query that has
 * kept the driver working for its statement's {@code getQueryTimeout()} seconds is cancelled,
 * and the timer remembers that it was, so that the failure can say so. The clock runs while
 * the statement executes and while its result set computes rows ({@code next()}), and pauses
 * while the caller holds the result set between reads: a client reading slowly is not
 * stopped, a query computing for too long is, within one {@code next()} or over many. A run
 * lasts until its result set is closed, the next run of the statement starts, or it fails.
 */
final class QueryTimer {
  private static final ScheduledThreadPoolExecutor TIMER = timerThread();

  /** The runs with a time limit, by statement; a statement dropped unclosed takes its run. */
  private final Map<Statement, Run> runs = Collections.synchronizedMap(new WeakHashMap<>());

  private static ScheduledThreadPoolExecutor timerThread() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "dicomsql-query-timeout");
      thread.setDaemon(true);
      return thread;
    });
    // A run ends long before its limit, as a rule: its alarm should not stay queued till then.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * {@code seconds} as a statement's query timeout, or a failure with SQLState 22023 (invalid
   * parameter value) when it is negative (Avatica's own says so with no SQLState).
   */
  static int checkedTimeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw new SQLException("the query timeout must be 0 (none) or more seconds, not "
          + seconds, SqlErrors.INVALID_PARAMETER);
    }
    return seconds;
  }

  /** Starts the clock of a run of {@code statement}, if it has a timeout; it runs until paused. */
  void start(Statement statement) throws SQLException {
    stop(statement);
    int seconds = statement.getQueryTimeout();
    if (seconds > 0) {
      Run run = new Run(statement, TimeUnit.SECONDS.toNanos(seconds));
      runs.put(statement, run);
      run.resume();
    }
  }

  /**
   * The clock of the statement's current run, for its result set to resume while it reads
   * rows and pause between reads; {@link Clock#NONE} when the run has no time limit.
   */
  Clock clock(Statement statement) {
    Run run = runs.get(statement);
    return run == null ? Clock.NONE : run;
  }

  /** The statement's run waits for its caller: the clock stops until it resumes. */
  void pause(Statement statement) {
    clock(statement).pause();
  }

  /** Ends the clock of the statement's run, if any. */
  void stop(Statement statement) {
    Run run = runs.remove(statement);
    if (run != null) {
      run.stop();
    }
  }

  /**
   * Ends the clock of one run of the statement, when it is still the statement's current run
   * (a result set closed late does not end the run after it).
   */
  void stop(Statement statement, Clock clock) {
    if (clock instanceof Run run && runs.remove(statement, run)) {
      run.stop();
    }
  }

  /** Whether the statement's run was cancelled by its timeout. */
  boolean timedOut(Statement statement) {
    Run run = runs.get(statement);
    return run != null && run.rang();
  }

  /** The clock of a run, which counts while the run works. */
  interface Clock {
    /** A clock that never runs out. */
    Clock NONE = new Clock() {
      @Override
      public void resume() {}

      @Override
      public void pause() {}
    };

    /** The run works again (its result set reads rows): the clock goes on. */
    void resume();

    /** The run waits for its caller: the clock stops until it resumes. */
    void pause();
  }

  /**
   * A run with a time limit. Its alarm is set for the time left when the run works with none
   * set; when it goes off it cancels the statement only if the run has used up its time (the
   * next read then fails), and is otherwise set again for what is left while the run works,
   * or dropped while it waits (resuming sets it again). So a read costs two clock readings,
   * not a rescheduled alarm.
   */
  private static final class Run implements Clock {
    private final Statement statement;
    private final long limit;
    /** Nanoseconds worked in the spans that ended. */
    private long worked;
    private boolean working;
    /** When the current working span began ({@link System#nanoTime}). */
    private long workingSince;
    private ScheduledFuture<?> alarm;
    private boolean rang;
    private boolean stopped;

    Run(Statement statement, long limit) {
      this.statement = statement;
      this.limit = limit;
    }

    @Override
    public synchronized void resume() {
      if (stopped || rang) {
        return;
      }
      working = true;
      workingSince = System.nanoTime();
      if (alarm == null) {
        alarm = TIMER.schedule(this::ring, limit - worked, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public synchronized void pause() {
      if (working) {
        worked += System.nanoTime() - workingSince;
        working = false;
      }
    }

    synchronized void stop() {
      stopped = true;
      if (alarm != null) {
        alarm.cancel(false);
      }
    }

    synchronized boolean rang() {
      return rang;
    }

    private void ring() {
      synchronized (this) {
        alarm = null;
        if (stopped) {
          return;
        }
        long left = limit - worked - (working ? System.nanoTime() - workingSince : 0);
        if (left > 0) {
          if (working) {
            alarm = TIMER.schedule(this::ring, left, TimeUnit.NANOSECONDS);
          }
          return;
        }
        rang = true;
      }
      try {
        statement.cancel();
      } catch (SQLException e) {
        // The statement was closed meanwhile: nothing left to stop.
      }
    }
  }
}
