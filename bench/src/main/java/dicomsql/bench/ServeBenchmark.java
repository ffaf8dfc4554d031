package dicomsql.bench;

import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code dicomsql serve} under load: N clients, each on its own connection, run the same mixed
 * statements ({@link ServeWorkload}) first through the embedded driver in this process, then
 * through Avatica's thin driver against a server process with a 1 GB heap; the answers must be
 * the same, and the latencies and throughput of both are reported side by side; then the
 * selective lookup alone with all clients at once ({@link SustainedLookups}), embedded and
 * through both clients of a server (Avatica's thin driver and {@code jdbc:dicom:remote:}), for
 * what the protocol adds per statement under that load. {@code --only sustained} leaves out
 * the mix.
 */
final class ServeBenchmark {
  private static final String HEAP = "1g";
  private static final int LOOKUPS = 500;

  private final int cases;
  private final int clients;
  private final int statements;
  private final Path root;
  private final boolean mix;
  private final int lookups;

  ServeBenchmark(BenchOptions options) {
    this.mix = !options.text("only", "").equals("sustained");
    this.lookups = options.integer("lookups", 300);
    this.cases = options.integer("cases", 200);
    this.clients = options.integer("clients", 16);
    this.statements = options.integer("statements", 200);
    this.root = options.root();
  }

  /** The answers (rows as text) and times of every client's statements. */
  private record Run(String[][] answers, long[][] nanos, int errors, double seconds) {}

  void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Path data = BenchData.dataset(root, new SynthOptions(cases, 1, 64, 0, cores));
    Path index = root.resolve("index-" + data.getFileName());
    String embedded = "jdbc:dicom:" + data + ";index=" + index;
    List<List<ServeWorkload.Query>> work = new ArrayList<>();
    List<String> uids;
    try (Connection connection = DriverManager.getConnection(embedded)) {
      ServeWorkload workload = new ServeWorkload(connection);
      for (int client = 0; client < clients; client++) {
        work.add(workload.statements(client, statements));
      }
      uids = workload.seriesUids();
    }
    SustainedLookups.Connect local1 = () -> DriverManager.getConnection(embedded
        + ";refresh=never");
    SustainedLookups sustained = new SustainedLookups(uids, clients, lookups);
    String loadBefore = ProcFiles.loadAverage();
    Run local = mix ? run(work, local1) : null;
    double[] localLookups = lookups(local1, uids);
    SustainedLookups.Result[] localSustained = {sustained.run(local1, true, -1),
        sustained.run(local1, false, -1)};
    Path launcher = Path.of(System.getProperty("dicomsql.launcher", "dicomsql"));
    Run remote;
    double[] remoteLookups;
    SustainedLookups.Result[][] remoteSustained;
    long peak;
    int status;
    try (ServedProcess server = new ServedProcess(launcher, HEAP, data.toString(), "--index",
        index.toString(), "--max-rows", "0")) {
      String url = server.awaitUrl();
      SustainedLookups.Connect served = () -> DriverManager.getConnection(url);
      String own = "jdbc:dicom:remote:"
          + url.substring(url.indexOf("url=") + 4, url.indexOf(';'));
      SustainedLookups.Connect project = () -> DriverManager.getConnection(own);
      remote = mix ? run(work, served) : null;
      remoteLookups = lookups(served, uids);
      remoteSustained = new SustainedLookups.Result[][] {
          {sustained.run(served, true, server.pid()),
              sustained.run(served, false, server.pid())},
          {sustained.run(project, true, server.pid()),
              sustained.run(project, false, server.pid())}};
      peak = server.peakResidentMegabytes();
      status = server.stop();
      if (remote != null && remote.errors() > 0) {
        server.log().stream().filter(line -> line.contains("failed")).limit(5)
            .forEach(System.err::println);
      }
    }
    if (mix) {
      report(data, work, local, remote);
    }
    System.out.printf(Locale.ROOT, "server: heap -Xmx%s, peak resident memory %d MB, exit "
        + "status on SIGTERM %d; load average before %s, after %s%n", HEAP, peak, status,
        loadBefore, ProcFiles.loadAverage());
    System.out.printf(Locale.ROOT, "%nselective lookup as a prepared statement, one connection, "
        + "%d runs after as many to warm up: embedded p50 %.2f ms (p99 %.2f), served p50 %.2f ms "
        + "(p99 %.2f), remote overhead p50 %.2f ms%n", LOOKUPS, percentile(localLookups, 0.5),
        percentile(localLookups, 0.99), percentile(remoteLookups, 0.5),
        percentile(remoteLookups, 0.99),
        percentile(remoteLookups, 0.5) - percentile(localLookups, 0.5));
    reportSustained(localSustained, remoteSustained);
  }

  /** How the served runs of {@link #reportSustained} connect, in their order. */
  private static final String[] SERVED_DRIVERS = {"served (thin driver)",
      "served (jdbc:dicom:remote:)"};

  /**
   * The sustained lookups embedded and through each served driver side by side, and the
   * differences: what the remote protocol adds to p50 latency and to CPU per statement.
   */
  private void reportSustained(SustainedLookups.Result[] local,
      SustainedLookups.Result[][] served) {
    System.out.printf(Locale.ROOT, "%nselective lookup, %d clients sustained, %d each after "
        + "warming up (prepared: in rounds of 1,000 each until the JIT compilers of both "
        + "processes took at most 5%% of a round's CPU):%n%n", clients, lookups);
    System.out.println("| statement | driver | statements/s | p50 ms | p95 ms | p99 ms | CPU ms "
        + "| of it JIT | warm-up rounds | errors | answers as embedded |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    String[] kinds = {"prepared, run with a new UID", "text, a new Statement each"};
    for (int k = 0; k < kinds.length; k++) {
      row(kinds[k], "embedded", local[k], "");
      for (int d = 0; d < served.length; d++) {
        SustainedLookups.Result remote = served[d][k];
        long same = 0;
        for (int i = 0; i < local[k].answers().size(); i++) {
          same += local[k].answers().get(i).equals(remote.answers().get(i)) ? 1 : 0;
        }
        row(kinds[k], SERVED_DRIVERS[d], remote, same + " of " + local[k].answers().size());
      }
    }
    for (int k = 0; k < kinds.length; k++) {
      for (int d = 0; d < served.length; d++) {
        SustainedLookups.Result remote = served[d][k];
        System.out.printf(Locale.ROOT, "remote overhead, %s, %s: p50 %.2f ms, p95 %.2f ms, "
            + "CPU %.2f ms a statement (client and server)%n", kinds[k], SERVED_DRIVERS[d],
            percentile(remote.millis(), 0.5) - percentile(local[k].millis(), 0.5),
            percentile(remote.millis(), 0.95) - percentile(local[k].millis(), 0.95),
            remote.cpuMillis() - local[k].cpuMillis());
      }
    }
  }

  private static void row(String kind, String driver, SustainedLookups.Result result,
      String same) {
    System.out.printf(Locale.ROOT,
        "| %s | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.0f%% | %d | %d | %s |%n", kind, driver,
        result.perSecond(), percentile(result.millis(), 0.5), percentile(result.millis(), 0.95),
        percentile(result.millis(), 0.99), result.cpuMillis(), 100 * result.compilingShare(),
        result.warmUpRounds(), result.errors(), same);
  }

  /**
   * The latencies (ms, sorted) of {@link ServeWorkload#LOOKUP} prepared once and run with a
   * different UID each time, after as many runs to warm up: the protocol's own cost, without
   * Calcite planning a new statement each time.
   */
  private static double[] lookups(SustainedLookups.Connect connect, List<String> uids)
      throws SQLException {
    double[] millis = new double[LOOKUPS];
    try (Connection connection = connect.open();
        PreparedStatement lookup = connection.prepareStatement(ServeWorkload.LOOKUP)) {
      for (int i = -LOOKUPS; i < LOOKUPS; i++) {
        long start = System.nanoTime();
        lookup.setString(1, uids.get(Math.floorMod(i, uids.size())));
        try (ResultSet rows = lookup.executeQuery()) {
          while (rows.next()) {
            rows.getString(1);
          }
        }
        if (i >= 0) {
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    Arrays.sort(millis);
    return millis;
  }

  private Run run(List<List<ServeWorkload.Query>> work, SustainedLookups.Connect connect)
      throws Exception {
    try (Connection warm = connect.open()) {
      for (ServeWorkload.Query query : work.get(0).subList(0, Math.min(20, statements))) {
        answer(warm, query.sql());
      }
    }
    String[][] answers = new String[clients][statements];
    long[][] nanos = new long[clients][statements];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long started = System.nanoTime();
    List<Future<Integer>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      done.add(pool.submit(() -> {
        int errors = 0;
        try (Connection connection = connect.open()) {
          for (int i = 0; i < statements; i++) {
            long start = System.nanoTime();
            try {
              answers[client][i] = answer(connection, work.get(client).get(i).sql());
            } catch (SQLException e) {
              answers[client][i] = "error: " + e.getMessage();
              errors++;
            }
            nanos[client][i] = System.nanoTime() - start;
          }
        }
        return errors;
      }));
    }
    int errors = 0;
    for (Future<Integer> future : done) {
      errors += future.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    return new Run(answers, nanos, errors, seconds);
  }

  private static String answer(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return SustainedLookups.text(rows);
    }
  }

  private void report(Path data, List<List<ServeWorkload.Query>> work, Run local,
      Run remote) {
    int total = clients * statements;
    int same = 0;
    for (int c = 0; c < clients; c++) {
      for (int i = 0; i < statements; i++) {
        if (local.answers()[c][i].equals(remote.answers()[c][i])) {
          same++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d clients x %d statements; answers identical to the "
        + "embedded driver's: %d of %d; errors: embedded %d, served %d%n", data.getFileName(),
        clients, statements, same, total, local.errors(), remote.errors());
    System.out.println();
    System.out.println("| driver | statements/s | selective p50 / p99 ms | aggregate p50 / p99 ms "
        + "| raster p50 / p99 ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Object[] row : new Object[][] {{"embedded (jdbc:dicom:)", local},
        {"served (Avatica thin driver, loopback)", remote}}) {
      Run run = (Run) row[1];
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f ",
          row[0], total / run.seconds()));
      for (ServeWorkload.Kind kind : ServeWorkload.Kind.values()) {
        double[] millis = millis(work, run, kind);
        line.append(String.format(Locale.ROOT, "| %.2f / %.2f ", percentile(millis, 0.50),
            percentile(millis, 0.99)));
      }
      System.out.println(line.append('|'));
    }
    double overhead = percentile(millis(work, remote, ServeWorkload.Kind.SELECTIVE), 0.50)
        - percentile(millis(work, local, ServeWorkload.Kind.SELECTIVE), 0.50);
    System.out.printf(Locale.ROOT, "%nremote overhead, selective statements, p50: %.2f ms%n",
        overhead);
  }

  private double[] millis(List<List<ServeWorkload.Query>> work, Run run,
      ServeWorkload.Kind kind) {
    List<Double> values = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      for (int i = 0; i < statements; i++) {
        if (work.get(c).get(i).kind() == kind) {
          values.add(run.nanos()[c][i] / 1e6);
        }
      }
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /** The value below which a share q of the sorted values lie (nearest rank). */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
