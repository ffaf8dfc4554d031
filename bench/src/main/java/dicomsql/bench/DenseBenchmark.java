package dicomsql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scans that must stream within a 1 GB heap, over {@link DenseFolder#COPIES} times the contour
 * points of the seed-scale set (issue 11): {@code bench/run dense [--data SEED] [--dir DIR]}.
 * The queries run in a child JVM ({@link DenseScan}) with {@code -Xmx1g}, which first builds
 * the folder's index; each reports its rows, time and peak heap. A scan that held its rows
 * would run out of memory and fail the benchmark.
 */
final class DenseBenchmark {
  static final String HEAP = "1g";
  private static final String ALL_POINTS = "SELECT * FROM contour_points";
  private static final String AGGREGATES =
      "SELECT COUNT(*), AVG(x), MIN(y), MAX(z) FROM contour_points";
  /** What each query is, in the report, and its SQL. */
  private static final List<String[]> QUERIES = List.of(
      new String[] {"open, index built if missing: COUNT(*) FROM structure_sets",
          "SELECT COUNT(*) FROM structure_sets"},
      new String[] {"`" + ALL_POINTS + "`", ALL_POINTS},
      new String[] {"`COUNT(*), AVG(x), MIN(y), MAX(z)` of contour_points", AGGREGATES},
      new String[] {"rois ⋈ contour_points on (rtss_uid, roi_number) GROUP BY roi_name",
          "SELECT r.roi_name, COUNT(*) AS points, AVG(c.x) FROM rois r JOIN contour_points c "
              + "ON c.rtss_uid = r.rtss_uid AND c.roi_number = r.roi_number "
              + "GROUP BY r.roi_name"},
      new String[] {"`SELECT x, y, z FROM contour_points ORDER BY z DESC LIMIT 5`",
          "SELECT x, y, z FROM contour_points ORDER BY z DESC LIMIT 5"});

  private final Path seed;
  private final Path work;

  DenseBenchmark(BenchOptions options) {
    Path given = options.path("data");
    this.seed = given != null ? given : options.root().resolve("seed");
    this.work = options.root().resolve("dense");
  }

  void run() throws Exception {
    if (!Files.isDirectory(seed)) {
      throw new IllegalArgumentException("no seed folder " + seed + ": make it with "
          + "./dicomsql generate " + seed + " --patients 2646 --matrix 64, or give --data");
    }
    Path data = work.resolve("data");
    System.err.println("linking " + seed + " into " + data + " with "
        + DenseFolder.COPIES + " copies of each structure set ...");
    DenseFolder folder = DenseFolder.build(seed, data);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + HEAP,
        "-cp", System.getProperty("java.class.path"), DenseScan.class.getName(),
        "jdbc:dicom:" + data + ";index=" + work.resolve("index")));
    QUERIES.forEach(query -> command.add(query[1]));
    String loadBefore = ProcFiles.loadAverage();
    TimedProcess run = TimedProcess.run(command, work, work.resolve("cache"));
    List<String[]> lines = run.output().lines().map(line -> line.split("\t")).toList();

    System.out.printf(Locale.ROOT, "%s: %,d images linked from %s, %,d structure sets (%d "
        + "copies of each); one JVM with -Xmx%s; load average before %s, after %s%n%n",
        data, folder.images(), seed, folder.structureSets(), DenseFolder.COPIES, HEAP,
        loadBefore, ProcFiles.loadAverage());
    System.out.println("| query | rows | ms | peak heap MB |");
    System.out.println("|---|---:|---:|---:|");
    for (int i = 0; i < QUERIES.size(); i++) {
      String[] line = lines.get(i);
      System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %s |%n", QUERIES.get(i)[0],
          Long.parseLong(line[0]), Long.parseLong(line[1]), line[2]);
    }
    System.out.printf(Locale.ROOT, "%npeak resident memory %s MB; CPU %.1f s, wall %.1f s%n",
        lines.get(QUERIES.size())[1], run.cpuSeconds(), run.seconds());
    check(lines, folder);
  }

  /**
   * Every structure set copy was indexed as one of its own, and {@code SELECT *} streamed
   * every contour point the aggregate counts.
   */
  private static void check(List<String[]> lines, DenseFolder folder) {
    long structureSets = Long.parseLong(lines.get(0)[3]);
    long streamed = Long.parseLong(lines.get(1)[0]);
    long counted = Long.parseLong(lines.get(2)[3]);
    System.out.printf(Locale.ROOT, "checked: structure_sets %,d (copies written %,d), "
        + "contour points streamed %,d (COUNT(*) %,d)%n", structureSets,
        folder.structureSets(), streamed, counted);
    if (structureSets != folder.structureSets() || streamed != counted) {
      throw new IllegalStateException("the dense folder's counts disagree");
    }
  }
}
