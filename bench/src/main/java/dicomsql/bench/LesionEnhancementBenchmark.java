package dicomsql.bench;

import dicomsql.engine.index.IndexLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cookbook's lesion-enhancement.sql through {@code ./dicomsql DATA -e}, whole process,
 * against the pydicom + numpy + scikit-image script a researcher would write for the same means
 * ({@code lesion_enhancement.py}), in the same run, on files in the page cache and an index
 * already built; then how far the two sets of means lie apart. Needs GNU time
 * ({@code /usr/bin/time}, Debian package {@code time}) for the CPU times.
 */
final class LesionEnhancementBenchmark {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String MEANS = "SELECT r.rtss_uid, r.roi_number, s.series_uid, "
      + "roi_hu_mean(r.rtss_uid, r.roi_number, s.series_uid) FROM rois r JOIN series s "
      + "ON s.study_uid = r.study_uid AND s.modality = 'CT'";

  private final Path repo;
  private final Path work;

  LesionEnhancementBenchmark(Path repo, Path work) {
    this.repo = repo;
    this.work = work;
  }

  void run(Path data) throws Exception {
    Path cache = work.resolve("cache");
    String sql = Files.readString(
        repo.resolve("examples/src/main/resources/queries/lesion-enhancement.sql"));
    Path script = work.resolve("lesion_enhancement.py");
    try (InputStream in = getClass().getResourceAsStream("lesion_enhancement.py")) {
      Files.createDirectories(work);
      Files.write(script, in.readAllBytes());
    }
    List<String> dicomsql = List.of(repo.resolve("dicomsql").toString(), data.toString(), "-e",
        sql);
    run(List.of(dicomsql.get(0), data.toString(), "-e", "SELECT COUNT(*) FROM instances"),
        cache);
    List<Path> files = BenchData.allFiles(data);
    long bytes = BenchData.warm(files);
    TimedProcess ours = run(dicomsql, cache);
    TimedProcess peer = run(List.of(PYTHON, script.toString(), data.toString()), cache);
    String agreement = agreement(data, cache, peer.output());
    System.out.printf(Locale.ROOT, "| %s: %,d files, %.1f GB | %.1f s (%.1f s CPU) | %.1f s "
        + "(%.1f s CPU) | %.1fx (CPU %.1fx) | %s |%n", data.getFileName(), files.size(),
        bytes / 1e9, ours.seconds(), ours.cpuSeconds(), peer.seconds(), peer.cpuSeconds(),
        peer.seconds() / ours.seconds(), peer.cpuSeconds() / ours.cpuSeconds(), agreement);
  }

  private TimedProcess run(List<String> command, Path cache)
      throws IOException, InterruptedException {
    return TimedProcess.run(command, work, cache);
  }

  /** Where the launcher keeps the index of {@code data} when XDG_CACHE_HOME is {@code cache}. */
  static Path indexIn(Path cache, Path data) {
    return cache.resolve("dicomsql").resolve(
        IndexLocation.cacheRoot().relativize(IndexLocation.defaultFor(data)));
  }

  /** How many (ROI, series) means the script gave, and the largest difference from ours. */
  private static String agreement(Path data, Path cache, String csv) throws SQLException {
    Map<String, String> theirs = new HashMap<>();
    for (String line : csv.split("\n")) {
      int last = line.lastIndexOf(',');
      if (last > 0 && !line.startsWith("rtss_uid,")) {
        theirs.put(line.substring(0, last), line.substring(last + 1));
      }
    }
    Path index = indexIn(cache, data);
    double largest = 0;
    int compared = 0;
    int missing = 0;
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + index); Statement statement = connection.createStatement();
        var rows = statement.executeQuery(MEANS)) {
      while (rows.next()) {
        String key = rows.getString(1) + "," + rows.getInt(2) + "," + rows.getString(3);
        double ours = rows.getDouble(4);
        boolean none = rows.wasNull();
        String peer = theirs.get(key);
        if (peer == null || none != peer.isEmpty()) {
          missing++;
        } else if (!none) {
          largest = Math.max(largest, Math.abs(ours - Double.parseDouble(peer)));
          compared++;
        }
      }
    }
    return String.format(Locale.ROOT, "%,d means compared, largest difference %.3f HU%s",
        compared, largest, missing == 0 ? "" : ", " + missing + " (ROI, series) pairs differ in "
            + "having a mean");
  }
}
