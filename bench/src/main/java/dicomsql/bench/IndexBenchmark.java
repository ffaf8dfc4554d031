package dicomsql.bench;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexUpdate;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Index build and refresh at the seed's full scale (2,646 generated cases, matrix 64), side by
 * side with a pydicom crawl ({@code dcmread(stop_before_pixels=True)}, Debian's python3-pydicom)
 * of a sample of the same files reading the same fields.
 */
final class IndexBenchmark {
  private final int cases;
  private final int sample;
  private final Path root;

  IndexBenchmark(BenchOptions options) {
    this.cases = options.integer("cases", 2646);
    this.sample = options.integer("sample", 20000);
    this.root = options.root();
  }

  void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Path data = BenchData.dataset(root, new SynthOptions(cases, 1, 64, 0, cores));
    List<Path> files = BenchData.allFiles(data);
    BenchData.warm(files);
    long instances = files.stream().filter(p -> p.toString().endsWith(".dcm")).count();
    Path folder = root.resolve("index-" + data.getFileName());
    BenchData.deleteTree(folder);
    IndexOptions options = IndexOptions.defaults().withFolder(folder);
    System.out.printf(Locale.ROOT, "%,d files (%,d DICOM) in %s; %d cores; max heap %,d MB%n%n",
        files.size(), instances, data, cores, Runtime.getRuntime().maxMemory() >> 20);

    double build = timed(data, options, IndexUpdate.Kind.BUILT);
    double unchanged = timed(data, options, IndexUpdate.Kind.UNCHANGED);
    List<Path> series = BenchData.oneSeries(data);
    Path copy = data.resolve("zz-bench-new-series");
    try {
      Files.createDirectories(copy);
      for (Path file : series) {
        Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      double oneSeries = timed(data, options, IndexUpdate.Kind.REFRESHED);
      BenchData.deleteTree(copy);
      double removed = timed(data, options, IndexUpdate.Kind.REFRESHED);
      long size = Files.size(folder.resolve("index.mv.db"));

      TimedProcess launched = launcherBuild(data);
      double pydicom1 = pydicom(files, 1);
      double pydicom2 = pydicom(files, cores);
      double ours = files.size() / build;
      System.out.println("| measure | value |");
      System.out.println("|---|---:|");
      System.out.printf(Locale.ROOT, "| first build | %.1f s, %,.0f files/s |%n", build, ours);
      System.out.printf(Locale.ROOT, "| first build, `dicomsql index` (the launcher's own JVM, "
          + "same heap) | %.1f s, %,.0f files/s, %.1f s CPU |%n", launched.seconds(),
          files.size() / launched.seconds(), launched.cpuSeconds());
      System.out.printf(Locale.ROOT, "| pydicom crawl, 1 process (%,d-file sample) | %,.0f "
          + "files/s (dicomsql %.1f×) |%n", Math.min(sample, files.size()), pydicom1,
          ours / pydicom1);
      System.out.printf(Locale.ROOT, "| pydicom crawl, %d processes | %,.0f files/s "
          + "(dicomsql %.1f×) |%n", cores, pydicom2, ours / pydicom2);
      System.out.printf(Locale.ROOT, "| refresh, nothing changed | %.2f s |%n", unchanged);
      System.out.printf(Locale.ROOT, "| refresh, one new series (%d files) | %.2f s |%n",
          series.size(), oneSeries);
      System.out.printf(Locale.ROOT, "| refresh, that series deleted | %.2f s |%n", removed);
      System.out.printf(Locale.ROOT, "| index size | %,.1f MB, %.0f bytes per instance "
          + "(contour points included) |%n", size / 1e6, (double) size / instances);
    } finally {
      BenchData.deleteTree(copy);
    }
  }

  private static double timed(Path data, IndexOptions options, IndexUpdate.Kind expected)
      throws IOException {
    long start = System.nanoTime();
    try (DicomIndex index = DicomIndex.open(data, options)) {
      double seconds = (System.nanoTime() - start) / 1e9;
      if (index.update().kind() != expected) {
        throw new IllegalStateException("expected " + expected + " but " + index.update());
      }
      return seconds;
    }
  }

  /**
   * A first build as a user runs it: {@code dicomsql index DATA --index DIR} through the
   * launcher script, which picks the JVM's flags for the command, with this JVM's heap limit.
   * The rows above build inside this JVM, which cannot choose its flags.
   */
  private TimedProcess launcherBuild(Path data) throws Exception {
    Path launcher = Path.of(System.getProperty("dicomsql.launcher",
        BenchData.repo().resolve("dicomsql").toString()));
    Path work = root.resolve("launcher-build");
    Path folder = work.resolve("index");
    BenchData.deleteTree(folder);
    try {
      return TimedProcess.run(List.of(launcher.toString(), "index", data.toString(), "--index",
          folder.toString()), work, work.resolve("cache"), Map.of("DICOMSQL_JAVA_OPTS",
          "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m"));
    } finally {
      BenchData.deleteTree(folder);
    }
  }

  /** pydicom's rate in files/s over an evenly spread sample of the files. */
  private double pydicom(List<Path> files, int processes) throws Exception {
    List<String> chosen = new ArrayList<>();
    int step = Math.max(1, files.size() / sample);
    for (int i = 0; i < files.size() && chosen.size() < sample; i += step) {
      if (files.get(i).toString().endsWith(".dcm")) {
        chosen.add(files.get(i).toString());
      }
    }
    Path list = Files.createTempFile("pydicom", ".txt");
    Path script = Files.createTempFile("pydicom_crawl", ".py");
    try (InputStream in = IndexBenchmark.class.getResourceAsStream("pydicom_crawl.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      Files.write(list, chosen);
      Process process = new ProcessBuilder("/usr/bin/python3", "-W", "ignore", script.toString(),
          Integer.toString(processes), list.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String[] result = new String(process.getInputStream().readAllBytes()).strip().split(" ");
      if (process.waitFor() != 0) {
        throw new IOException("the pydicom crawl failed (is python3-pydicom installed?)");
      }
      return Integer.parseInt(result[0]) / Double.parseDouble(result[1]);
    } finally {
      Files.deleteIfExists(list);
      Files.deleteIfExists(script);
    }
  }
}
