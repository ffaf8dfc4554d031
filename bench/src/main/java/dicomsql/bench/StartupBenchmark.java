package dicomsql.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a new process pays before its first answer, on a data folder whose index is built
 * ({@code bench/run startup --data DIR [--runs N] [--dir WORK]}), medians of N runs each:
 * {@code ./dicomsql DIR -e "SELECT 1"} and the launcher's first real query (the JDBC rows'
 * statement) whole process; a JDBC program's first query in a new JVM
 * ({@link FirstQuery}, plain {@code java} with the all-in-one driver jar, without the driver's
 * planner warm-up, and with the client compiler alone), split into its phases; and the
 * cookbook's lesion-enhancement.sql both ways. The load average is printed before and after,
 * since the machine's other work shows in every figure.
 */
final class StartupBenchmark {
  private static final String ROIS = "SELECT * FROM rois WHERE phase = 'A'";

  private final Path data;
  private final int runs;
  private final Path work;

  StartupBenchmark(BenchOptions options) {
    this.data = options.path("data");
    this.runs = options.integer("runs", 5);
    this.work = options.root().resolve("startup");
    if (data == null) {
      throw new IllegalArgumentException("bench/run startup needs --data DIR");
    }
  }

  void run() throws Exception {
    Path repo = BenchData.repo();
    Path launcher = Path.of(System.getProperty("dicomsql.launcher",
        repo.resolve("dicomsql").toString()));
    Path cache = work.resolve("cache");
    Path folder = data.toAbsolutePath();
    String lesions = Files.readString(
        repo.resolve("examples/src/main/resources/queries/lesion-enhancement.sql")).strip();
    lesions = lesions.substring(0, lesions.lastIndexOf(';'));
    // Builds the index and, after a build of the jar, the launcher's class-data archive.
    TimedProcess.run(List.of(launcher.toString(), folder.toString(), "-e",
        "SELECT COUNT(*) FROM instances"), work, cache);
    String url = "jdbc:dicom:" + folder + ";index="
        + LesionEnhancementBenchmark.indexIn(cache, folder);
    String classPath = driverJar(repo) + ":" + repo.resolve("bench/target/classes");
    List<String> jdbc = List.of("java", "-cp", classPath, FirstQuery.class.getName(), url);
    List<String> clientCompiler = List.of("java", "-XX:TieredStopAtLevel=1", "-cp", classPath,
        FirstQuery.class.getName(), url);
    List<String> noWarmUp = List.of("java", "-Ddicomsql.warmUp=false", "-cp", classPath,
        FirstQuery.class.getName(), url);

    System.out.printf(Locale.ROOT, "%s, index built; medians of %d runs; load average "
        + "before: %s%n%n", folder.getFileName(), runs, ProcFiles.loadAverage());
    System.out.println("| run | wall ms | CPU s | phases, ms from the process start "
        + "(main-thread CPU ms) |");
    System.out.println("|---|---:|---:|---|");
    whole(launcher, folder, "SELECT 1", "`./dicomsql DIR -e \"SELECT 1\"`", cache);
    whole(launcher, folder, ROIS, "`./dicomsql DIR -e \"" + ROIS + "\"`", cache);
    first(jdbc, ROIS, "JDBC first query: `" + ROIS + "`", cache);
    first(noWarmUp, ROIS, "the same, `java -Ddicomsql.warmUp=false` (no planner warm-up)",
        cache);
    first(clientCompiler, ROIS, "the same, `java -XX:TieredStopAtLevel=1`", cache);
    first(jdbc, lesions, "JDBC first query: lesion-enhancement.sql", cache);
    whole(launcher, folder, lesions, "`./dicomsql DIR -e` lesion-enhancement.sql", cache);
    System.out.printf(Locale.ROOT, "%nload average after: %s%n", ProcFiles.loadAverage());
  }

  /** The launcher's whole process: wall and CPU medians. */
  private void whole(Path launcher, Path folder, String sql, String name, Path cache)
      throws IOException, InterruptedException {
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      TimedProcess run = TimedProcess.run(List.of(launcher.toString(), folder.toString(),
          "-e", sql), work, cache);
      wall[r] = run.seconds() * 1000;
      cpu[r] = run.cpuSeconds();
    }
    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | |%n", name, median(wall),
        median(cpu));
  }

  /** A JDBC program's first query: wall, CPU and the median of each phase's end. */
  private void first(List<String> jdbc, String sql, String name, Path cache)
      throws IOException, InterruptedException {
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    Map<String, List<String>> phases = new LinkedHashMap<>();
    for (int r = 0; r < runs; r++) {
      List<String> command = new ArrayList<>(jdbc);
      command.add(sql);
      TimedProcess run = TimedProcess.run(command, work, cache);
      wall[r] = run.seconds() * 1000;
      cpu[r] = run.cpuSeconds();
      for (String pair : run.output().strip().split(" ")) {
        String[] phase = pair.split("=");
        phases.computeIfAbsent(phase[0], p -> new ArrayList<>()).add(phase[1]);
      }
    }
    List<String> medians = new ArrayList<>();
    phases.forEach((phase, values) -> {
      if (!phase.equals("rows")) {
        medians.add(String.format(Locale.ROOT, "%s %.0f (%.0f)", phase,
            median(values, 0), median(values, 1)));
      }
    });
    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %s |%n", name, median(wall),
        median(cpu), String.join(", ", medians));
  }

  /** The median of one part of {@code wall/cpu} values. */
  private static double median(List<String> values, int part) {
    return median(values.stream().mapToDouble(v -> Double.parseDouble(v.split("/")[part]))
        .toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The all-in-one driver jar that {@code mvn package} leaves in jdbc/target. */
  private static Path driverJar(Path repo) throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(repo.resolve("jdbc/target"),
        "dicomsql-jdbc-*-all.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new IOException("no driver jar in " + repo.resolve("jdbc/target")
        + ": run mvn package");
  }
}
