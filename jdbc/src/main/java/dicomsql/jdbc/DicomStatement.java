package dicomsql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.runtime.Hook;

/**
 * What a statement of a {@code jdbc:dicom:} connection adds to Calcite's: unnamed columns are
 * named ({@link ColumnNames}); errors come back clean ({@link SqlErrors}); a query timeout is
 * kept (Calcite ignores it) by cancelling the query when it runs out; a cancelled or timed-out
 * query fails with SQLState 57014 and says which; a statement, prepared or not, runs again
 * after a cancel (Avatica leaves the statement's cancel flag set, so it is cleared before the
 * next run); and its result sets hand out this statement, not Calcite's.
 */
final class DicomStatement implements InvocationHandler {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dicomsql-query-timeout");
        thread.setDaemon(true);
        return thread;
      });

  /** Why a query stopped before its end. */
  private enum Stop {
    CANCELLED, TIMED_OUT
  }

  private final DicomConnection connection;
  private final Statement delegate;
  private Statement proxy;
  private volatile int timeoutSeconds;
  private volatile Stop stopped;
  private ScheduledFuture<?> timer;

  private DicomStatement(DicomConnection connection, Statement delegate) {
    this.connection = connection;
    this.delegate = delegate;
  }

  static <T extends Statement> T wrap(DicomConnection connection, Class<T> type, T delegate) {
    DicomStatement handler = new DicomStatement(connection, delegate);
    T proxy = type.cast(Proxy.newProxyInstance(DicomStatement.class.getClassLoader(),
        new Class<?>[] {type}, handler));
    handler.proxy = proxy;
    return proxy;
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getConnection":
        return connection.proxy();
      case "setQueryTimeout":
        int seconds = (Integer) args[0];
        if (seconds < 0) {
          throw new SQLException("the query timeout must be 0 (none) or more seconds, not "
              + seconds, "22023");
        }
        timeoutSeconds = seconds;
        return null;
      case "getQueryTimeout":
        return timeoutSeconds;
      case "cancel":
        stopped = Stop.CANCELLED;
        delegate.cancel();
        return null;
      case "close":
        stopTimer();
        delegate.close();
        return null;
      default:
        break;
    }
    boolean runsSql = method.getName().startsWith("execute");
    if (runsSql) {
      start();
    }
    Object result;
    try (Hook.Closeable naming = ColumnNames.whileParsing()) {
      result = stopping(() -> connection.call(delegate, method, args));
    }
    return result instanceof ResultSet rows ? resultSet(rows) : result;
  }

  /** Before a run: the cancel flag of a run stopped before cleared, and the timeout's clock. */
  private synchronized void start() throws Exception {
    stopTimer();
    if (stopped != null) {
      AvaticaStatement avatica = delegate.unwrap(AvaticaStatement.class);
      avatica.getConnection().unwrap(AvaticaConnection.class).getCancelFlag(avatica.handle)
          .set(false);
      stopped = null;
    }
    if (timeoutSeconds > 0) {
      Statement running = delegate;
      timer = TIMER.schedule(() -> {
        stopped = Stop.TIMED_OUT;
        try {
          running.cancel();
        } catch (SQLException e) {
          // The statement ended meanwhile: nothing left to stop.
        }
      }, timeoutSeconds, TimeUnit.SECONDS);
    }
  }

  private synchronized void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** A call through to Calcite. */
  private interface Call {
    Object run() throws Throwable;
  }

  /** A call whose failure, once the query was stopped, says why with SQLState 57014. */
  private Object stopping(Call call) throws Throwable {
    try {
      return call.run();
    } catch (SQLException e) {
      Stop stop = stopped;
      if (stop == null) {
        throw e;
      }
      throw new SQLException(stop == Stop.CANCELLED ? "the query was cancelled"
          : "the query timed out after " + timeoutSeconds + " s (setQueryTimeout)",
          SqlErrors.QUERY_CANCELED, e);
    }
  }

  /** Rows are produced while the result set is read: errors then must be cleaned too. */
  private ResultSet resultSet(ResultSet rows) {
    return (ResultSet) Proxy.newProxyInstance(DicomStatement.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, (p, method, args) -> {
          switch (method.getName()) {
            case "getStatement":
              return proxy;
            case "close":
              stopTimer();
              return connection.call(rows, method, args);
            default:
              return stopping(() -> connection.call(rows, method, args));
          }
        });
  }
}
