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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
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
   * Runs per client in a round of warm-up. A prepared lookup costs a fraction of a millisecond,
   * and on 2 cores the JIT compilers of the client's JVM and of the server, one thread each
   * among the 16 clients' and the server's, are still compiling their hot paths after tens of
   * thousands of them (up to a third of the server's CPU per statement: BENCHMARKS.md, issue 15,
   * session 9). So prepared lookups warm up in rounds until the compilers have settled; text
   * statements cost milliseconds each, plan and compile a new class every time, and warm up in
   * one round.
   */
  private static final int WARM_UP_PREPARED = 1000;
  private static final int WARM_UP_TEXT = 100;
  /** Warmed up when a round's compiling took at most this share of its CPU (both processes). */
  private static final double SETTLED = 0.05;
  private static final int MAX_WARM_UP_ROUNDS = 10;

  /** Opens a client's connection. */
  interface Connect {
    Connection open() throws SQLException;
  }

  /**
   * Latencies (ms, sorted), the answers in client order, throughput, errors, the CPU time
   * spent per statement (ms) by this process and the server's together while they ran, the
   * share of it the JIT compilers took, and the rounds of warm-up before.
   */
  record Result(double[] millis, List<String> answers, double perSecond, int errors,
      double cpuMillis, double compilingShare, int warmUpRounds) {}

  private final List<String> uids;
  private final int clients;
  private final int statements;

  SustainedLookups(List<String> uids, int clients, int statements) {
    this.uids = uids;
    this.clients = clients;
    this.statements = statements;
  }

  /**
   * Runs the lookups embedded, or served by the process {@code serverPid} (whose CPU time then
   * counts too); a negative id: no server.
   */
  Result run(Connect connect, boolean prepared, long serverPid) throws Exception {
    String[][] answers = new String[clients][statements];
    double[][] millis = new double[clients][statements];
    Cpu cpu = new Cpu(serverPid);
    WarmUp warmUp = new WarmUp(prepared, cpu);
    Phaser rounds = new Phaser(clients) {
      @Override
      protected boolean onAdvance(int phase, int parties) {
        if (parties == 0) {
          return true;
        }
        warmUp.roundEnded();
        return false;
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Integer>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        int errors = 0;
        try (Connection connection = connect.open();
            PreparedStatement lookup = connection.prepareStatement(ServeWorkload.LOOKUP)) {
          int warmUpRuns = prepared ? WARM_UP_PREPARED : WARM_UP_TEXT;
          for (int round = 0; !warmUp.settled(); round++) {
            for (int i = 0; i < warmUpRuns; i++) {
              String uid = uids.get(Math.floorMod(client * 7919 - (round + 1) * warmUpRuns + i,
                  uids.size()));
              try {
                run(prepared, connection, lookup, uid);
              } catch (SQLException e) {
                // Only measured runs count their errors.
              }
            }
            rounds.arriveAndAwaitAdvance();
          }
          for (int i = 0; i < statements; i++) {
            String uid = uids.get(Math.floorMod(client * 7919 + i, uids.size()));
            long start = System.nanoTime();
            String answer;
            try {
              answer = run(prepared, connection, lookup, uid);
            } catch (SQLException e) {
              answer = "error: " + e.getMessage();
              errors++;
            }
            millis[client][i] = (System.nanoTime() - start) / 1e6;
            answers[client][i] = answer;
          }
        } catch (Exception e) {
          // A client that fails leaves the rounds, or the rest would wait for it forever.
          rounds.arriveAndDeregister();
          throw e;
        }
        return errors;
      }));
    }
    int errors = 0;
    for (Future<Integer> future : done) {
      errors += future.get();
    }
    long ended = System.nanoTime();
    long cpuAfter = cpu.total();
    long compilingAfter = cpu.compiling();
    pool.shutdown();
    double seconds = (ended - warmUp.measuredFrom) / 1e9;
    double cpuMillis = (cpuAfter - warmUp.cpuFrom) / 1e6 / (clients * statements);
    double compilingShare = (compilingAfter - warmUp.compilingFrom)
        / (double) Math.max(1, cpuAfter - warmUp.cpuFrom);
    double[] all = Arrays.stream(millis).flatMapToDouble(Arrays::stream).sorted().toArray();
    List<String> inOrder = Arrays.stream(answers).flatMap(Arrays::stream).toList();
    return new Result(all, inOrder, clients * statements / seconds, errors, cpuMillis,
        compilingShare, warmUp.rounds);
  }

  private static String run(boolean prepared, Connection connection, PreparedStatement lookup,
      String uid) throws SQLException {
    return prepared ? answer(lookup, uid) : answer(connection, uid);
  }

  /**
   * When the clients' warm-up ends: after a round (all clients arrived) whose compiling took at
   * most {@link #SETTLED} of its CPU, or after {@link #MAX_WARM_UP_ROUNDS}; one round for text
   * statements. Written when a round ends, read by the clients after it (the phaser orders
   * them) and by the caller after the clients' futures.
   */
  private static final class WarmUp {
    private final boolean prepared;
    private final Cpu cpu;
    private volatile boolean settled;
    private int rounds;
    private long cpuFrom;
    private long compilingFrom;
    private long measuredFrom;

    WarmUp(boolean prepared, Cpu cpu) {
      this.prepared = prepared;
      this.cpu = cpu;
      this.cpuFrom = cpu.total();
      this.compilingFrom = cpu.compiling();
    }

    boolean settled() {
      return settled;
    }

    void roundEnded() {
      long total = cpu.total();
      long compiling = cpu.compiling();
      rounds++;
      boolean quiet = compiling - compilingFrom <= SETTLED * (total - cpuFrom);
      cpuFrom = total;
      compilingFrom = compiling;
      if (!prepared || quiet || rounds == MAX_WARM_UP_ROUNDS) {
        measuredFrom = System.nanoTime();
        settled = true;
      }
    }
  }

  /** The CPU time (ns) of this process and of the server's, if any: all, and compiling. */
  private record Cpu(long serverPid) {
    long total() {
      return processCpu() + (serverPid < 0 ? 0 : ProcFiles.cpuNanos(serverPid));
    }

    long compiling() {
      return ProcFiles.compilerCpuNanos(ProcessHandle.current().pid())
          + (serverPid < 0 ? 0 : ProcFiles.compilerCpuNanos(serverPid));
    }
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
