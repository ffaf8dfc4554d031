package dicomsql.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * The selective lookup ({@link ServeWorkload#LOOKUP}) run by many clients at once, each on its
 * own connection, all measured together after each has warmed up: prepared once and run with a
 * different UID each time, or sent as text with the UID in it, a new {@code Statement} each
 * time (as a BI tool does). Run once through each driver, the same UIDs in the same order,
 * the difference of the latencies is what the remote protocol adds per statement under that
 * concurrency, and the difference of the CPU time per statement (this process's and the
 * server's) what it costs, however busy the machine is otherwise.
 */
final class SustainedLookups {
  /**
   * Runs per client before the measured ones. A prepared lookup costs a fraction of a
   * millisecond, so 100 of them leave the server's JIT still compiling its hot paths when the
   * first client kind is measured (biasing against whichever runs first); text statements cost
   * milliseconds each and are warm far sooner.
   */
  private static final int WARM_UP_PREPARED = 1000;
  private static final int WARM_UP_TEXT = 100;

  /** Opens a client's connection. */
  interface Connect {
    Connection open() throws SQLException;
  }

  /**
   * Latencies (ms, sorted), the answers in client order, throughput, errors, and the CPU time
   * spent per statement (ms) by this process and the server's together while they ran.
   */
  record Result(double[] millis, List<String> answers, double perSecond, int errors,
      double cpuMillis) {}

  private final List<String> uids;
  private final int clients;
  private final int statements;

  SustainedLookups(List<String> uids, int clients, int statements) {
    this.uids = uids;
    this.clients = clients;
    this.statements = statements;
  }

  /** Runs the lookups; {@code serverCpu} gives the server's CPU time (ns) so far, if any. */
  Result run(Connect connect, boolean prepared, LongSupplier serverCpu) throws Exception {
    String[][] answers = new String[clients][statements];
    double[][] millis = new double[clients][statements];
    CyclicBarrier together = new CyclicBarrier(clients + 1);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Integer>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        int errors = 0;
        try (Connection connection = connect.open();
            PreparedStatement lookup = connection.prepareStatement(ServeWorkload.LOOKUP)) {
          for (int i = prepared ? -WARM_UP_PREPARED : -WARM_UP_TEXT; i < statements; i++) {
            if (i == 0) {
              together.await();
            }
            String uid = uids.get(Math.floorMod(client * 7919 + i, uids.size()));
            long start = System.nanoTime();
            String answer;
            try {
              answer = prepared ? answer(lookup, uid) : answer(connection, uid);
            } catch (SQLException e) {
              answer = "error: " + e.getMessage();
              errors += i >= 0 ? 1 : 0;
            }
            if (i >= 0) {
              millis[client][i] = (System.nanoTime() - start) / 1e6;
              answers[client][i] = answer;
            }
          }
        } catch (Exception e) {
          // A client that cannot connect or prepare breaks the barrier, or the rest wait forever.
          together.reset();
          throw e;
        }
        return errors;
      }));
    }
    together.await();
    long started = System.nanoTime();
    long cpuBefore = processCpu() + serverCpu.getAsLong();
    int errors = 0;
    for (Future<Integer> future : done) {
      errors += future.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuMillis = (processCpu() + serverCpu.getAsLong() - cpuBefore) / 1e6
        / (clients * statements);
    pool.shutdown();
    double[] all = Arrays.stream(millis).flatMapToDouble(Arrays::stream).sorted().toArray();
    List<String> inOrder = Arrays.stream(answers).flatMap(Arrays::stream).toList();
    return new Result(all, inOrder, clients * statements / seconds, errors, cpuMillis);
  }

  /** The CPU time (ns) this process has used. */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String answer(PreparedStatement lookup, String uid) throws SQLException {
    lookup.setString(1, uid);
    try (ResultSet rows = lookup.executeQuery()) {
      return text(rows);
    }
  }

  private static String answer(Connection connection, String uid) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            ServeWorkload.LOOKUP.replace("?", "'" + uid + "'"))) {
      return text(rows);
    }
  }

  /** A result's rows as text, columns separated by '|', a line each. */
  static String text(ResultSet rows) throws SQLException {
    StringBuilder text = new StringBuilder();
    int columns = rows.getMetaData().getColumnCount();
    while (rows.next()) {
      for (int c = 1; c <= columns; c++) {
        text.append(c > 1 ? "|" : "").append(rows.getString(c));
      }
      text.append('\n');
    }
    return text.toString();
  }
}
