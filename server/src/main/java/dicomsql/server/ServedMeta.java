package dicomsql.server;

import dicomsql.connector.functions.RasterCaches;
import dicomsql.jdbc.DicomDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's {@link JdbcMeta} over a {@code jdbc:dicom:} URL, made fit for remote clients: it
 * refuses what is not a query (SQLState 25006), caps rows and time per statement (SQLState
 * HYT00 when time runs out: the statement is cancelled on the server, where the driver's scans
 * stop), cancels a running statement when its client asks (SQLState 57014), gives every
 * connection the same raster caches (one memory budget for all), ignores the client's
 * connection properties (a client must not choose the server's index or files), passes the
 * driver's SQLState and message on instead of Avatica's generic "00000", answers every run of
 * a prepared statement with the signature made when it was prepared (not the client's copy),
 * and logs one line per connection and per failed statement.
 */
final class ServedMeta extends JdbcMeta {
  static final String READ_ONLY = "25006";
  static final String TIMED_OUT = "HYT00";
  static final String CANCELLED = "57014";
  private static final String GENERAL_ERROR = "HY000";
  /**
   * How often running statements are checked against the time limit: a tenth of it, within
   * these bounds. One periodic check, rather than an alarm per run, because a cancelled alarm
   * stays in the timer's queue until it would have gone off: at thousands of runs a second and
   * a limit of minutes, that was hundreds of thousands of objects (each holding its statement).
   */
  private static final long MIN_TICK_MILLIS = 50;
  private static final long MAX_TICK_MILLIS = 1_000;
  /** How soon a cancelled statement still running is cancelled again. */
  private static final long RECANCEL_MILLIS = 50;

  private final StatementLimits limits;
  /** One budget for what the raster functions of every connection keep. */
  private final RasterCaches rasterCaches;
  private final ScheduledExecutorService timer;
  /** The statements running now, by id, to cancel. */
  private final Map<Integer, Running> running = new ConcurrentHashMap<>();

  ServedMeta(String url, Properties settings, StatementLimits limits, RasterCaches rasterCaches)
      throws SQLException {
    super(url, settings);
    this.limits = limits;
    this.rasterCaches = rasterCaches;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "dicomsql-statement-timeout");
      thread.setDaemon(true);
      return thread;
    });
    if (!limits.timeout().isZero()) {
      long tick = Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS,
          limits.timeout().toMillis() / 10));
      timer.scheduleWithFixedDelay(this::stopOverdue, tick, tick, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    super.openConnection(ch, Map.of());
    ServerLog.line("connection " + ch.id + " opened by " + RequestOrigin.current());
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    info.put(DicomDriver.RASTER_CACHES, rasterCaches);
    return super.createConnection(url, info);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    super.closeConnection(ch);
    ServerLog.line("connection " + ch.id + " closed by " + RequestOrigin.current());
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    try {
      Connection connection = getConnection(ch.id);
      return register(ch, connection.createStatement(), null);
    } catch (SQLException e) {
      throw failed(e, ch.id, null, null);
    }
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    refuseWrites(ch.id, sql);
    try {
      PreparedStatement statement = getConnection(ch.id).prepareStatement(sql);
      StatementType type = statement.isWrapperFor(AvaticaPreparedStatement.class)
          ? statement.unwrap(AvaticaPreparedStatement.class).getStatementType() : null;
      long rows = limits.rows(maxRowCount);
      if (rows > 0) {
        AvaticaUtils.setLargeMaxRows(statement, rows);
      }
      return register(ch, statement, new PreparedSignature(signature(statement.getMetaData(),
          statement.getParameterMetaData(), sql, type)));
    } catch (SQLException | RuntimeException e) {
      throw failed(e, ch.id, sql, null);
    }
  }

  private StatementHandle register(ConnectionHandle ch, Statement statement,
      PreparedSignature signature) {
    int id = getStatementIdGenerator().getAndIncrement();
    getStatementCache().put(id, new ServedStatement(statement, signature));
    return new StatementHandle(ch.id, id, signature);
  }

  /** The statement of the handle, if the server has it. */
  private ServedStatement served(StatementHandle h) {
    return getStatementCache().getIfPresent(h.id) instanceof ServedStatement served ? served
        : null;
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    refuseWrites(h.connectionId, sql);
    return timed(h, served(h), sql, () -> super.prepareAndExecute(h, sql, limits.rows(maxRowCount),
        maxRowsInFirstFrame, callback));
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    for (String sql : sqlCommands) {
      refuseWrites(h.connectionId, sql);
    }
    return timed(h, served(h), String.join("; ", sqlCommands),
        () -> super.prepareAndExecuteBatch(h, sqlCommands));
  }

  /**
   * Runs a prepared statement with the signature the server made when it prepared it, not the
   * copy the client sent with the request: Avatica answers every run with the signature of the
   * handle, and the server's own is the statement's true one, with its protobuf form built
   * once ({@link PreparedSignature}).
   */
  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    ServedStatement served = served(h);
    if (served != null && served.signature != null) {
      h.signature = served.signature;
    }
    return timed(h, served, sqlOf(h, served),
        () -> super.execute(h, parameterValues, maxRowsInFirstFrame));
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    ServedStatement served = served(h);
    return this.<Frame, NoSuchStatementException, MissingResultsException>timed(h, served,
        sqlOf(h, served), () -> super.fetch(h, offset, fetchMaxRowCount));
  }

  /** Stops the timer and closes every connection still open (the server is stopping). */
  void close() {
    timer.shutdownNow();
    getConnectionCache().invalidateAll();
    getConnectionCache().cleanUp();
  }

  /** Closes the connections idle for longer than the expiry, without waiting for a request. */
  void expireIdle() {
    getConnectionCache().cleanUp();
    getStatementCache().cleanUp();
  }

  /** A call that runs a statement, with the (up to two) checked exceptions it may throw. */
  private interface Run<T, E extends Exception, F extends Exception> {
    T call() throws E, F;
  }

  /**
   * Runs a statement's call under the time limit, and open to {@link #cancel}: when time runs
   * out or the client cancels, the driver's statement is cancelled, which makes its scans stop;
   * failures come back with the driver's SQLState, or with why the statement was stopped.
   */
  private <T, E extends Exception, F extends Exception> T timed(StatementHandle h,
      ServedStatement served, String sql, Run<T, E, F> run) throws E, F {
    Running running = served == null ? null
        : new Running(h.connectionId, RequestOrigin.current().user(), served.jdbc);
    if (running != null) {
      this.running.put(h.id, running);
    }
    try {
      return run.call();
    } catch (RuntimeException e) {
      String stop = running == null ? null : running.stopped();
      if (stop != null) {
        // A cancelled statement stays cancelled (Avatica never clears the flag): drop it, and
        // the thin driver makes a new one when its client goes on.
        closeStatement(h);
      }
      throw failed(e, h.connectionId, sql, stop);
    } finally {
      if (running != null) {
        this.running.remove(h.id, running);
      }
    }
  }

  /** Stops the statements that have run longer than the time limit. */
  private void stopOverdue() {
    long now = System.nanoTime();
    long limit = limits.timeout().toNanos();
    for (Running statement : running.values()) {
      if (now - statement.started >= limit) {
        statement.stop(TIMED_OUT);
      }
    }
  }

  /**
   * Cancels a statement if it is running now and belongs to the connection and user given
   * (see {@link dicomsql.jdbc.CancelRequest}); the client running it gets SQLState 57014.
   * Whether there was such a statement.
   */
  boolean cancel(String connectionId, int statementId, String user) {
    Running target = running.get(statementId);
    if (target == null || !target.connectionId.equals(connectionId)
        || !target.user.equals(user)) {
      return false;
    }
    target.stop(CANCELLED);
    cancelAgainSoon(statementId, target);
    return true;
  }

  /**
   * Cancels a cancelled run again while it is still running: a cancel that reaches the driver
   * before its run has begun is cleared by the run's start (a flag left from a run stopped
   * before), and the run would go on.
   */
  private void cancelAgain(int statementId, Running target) {
    if (running.get(statementId) == target) {
      target.stop(CANCELLED);
      cancelAgainSoon(statementId, target);
    }
  }

  private void cancelAgainSoon(int statementId, Running target) {
    try {
      timer.schedule(() -> cancelAgain(statementId, target), RECANCEL_MILLIS,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // The server is closing, and its statements with it.
    }
  }

  /** A statement being run on the server, and why it was stopped, once it was. */
  private static final class Running {
    private final String connectionId;
    private final String user;
    private final Statement statement;
    private final long started = System.nanoTime();
    private final AtomicReference<String> stopped = new AtomicReference<>();

    Running(String connectionId, String user, Statement statement) {
      this.connectionId = connectionId;
      this.user = user;
      this.statement = statement;
    }

    /**
     * Stops the statement, with the SQLState its client will get (the first reason wins); a
     * statement stopped before is cancelled again, as its run may have started since.
     */
    void stop(String state) {
      stopped.compareAndSet(null, state);
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException e) {
        ServerLog.line("could not cancel a statement: " + e.getMessage());
      }
    }

    String stopped() {
      return stopped.get();
    }
  }

  private void refuseWrites(String connectionId, String sql) {
    String kind = ReadOnlySql.refused(sql);
    if (kind != null) {
      throw logged(new AvaticaRuntimeException("this server is read-only: " + kind
          + " statements are not allowed", 0, READ_ONLY, AvaticaSeverity.ERROR),
          connectionId, sql);
    }
  }

  /** The SQL of a statement run again, to log with a failure. */
  private static String sqlOf(StatementHandle h, ServedStatement served) {
    if (served != null && served.signature != null) {
      return served.signature.sql;
    }
    return h.signature == null ? null : h.signature.sql;
  }

  /** The failure as Avatica sends it to the client: the driver's message and SQLState. */
  private RuntimeException failed(Exception e, String connectionId, String sql,
      String stop) {
    if (TIMED_OUT.equals(stop)) {
      return logged(new AvaticaRuntimeException("statement cancelled: it ran longer than "
          + limits.timeout().toSeconds() + " s (dicomsql serve --statement-timeout)", 0,
          TIMED_OUT, AvaticaSeverity.ERROR), connectionId, sql);
    }
    if (CANCELLED.equals(stop)) {
      return logged(new AvaticaRuntimeException("the query was cancelled by the client", 0,
          CANCELLED, AvaticaSeverity.ERROR), connectionId, sql);
    }
    if (e instanceof AvaticaRuntimeException avatica) {
      return avatica;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sqlError) {
        String state = sqlError.getSQLState() == null ? GENERAL_ERROR : sqlError.getSQLState();
        return logged(new AvaticaRuntimeException(sqlError.getMessage(),
            sqlError.getErrorCode(), state, AvaticaSeverity.ERROR), connectionId, sql);
      }
    }
    if (e instanceof RuntimeException runtime && !(e.getClass() == RuntimeException.class)) {
      // Avatica's own signals (no such connection, no such statement) keep their meaning.
      return runtime;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return logged(new AvaticaRuntimeException(message, 0, GENERAL_ERROR,
        AvaticaSeverity.ERROR), connectionId, sql);
  }

  private static AvaticaRuntimeException logged(AvaticaRuntimeException e, String connectionId,
      String sql) {
    String text = sql == null ? "" : " | " + (sql.length() > 300 ? sql.substring(0, 300) + "…"
        : sql);
    ServerLog.line("statement failed on connection " + connectionId + " of "
        + RequestOrigin.current() + ": [" + e.getSqlState() + "] " + e.getErrorMessage()
        + text);
    return e;
  }
}
