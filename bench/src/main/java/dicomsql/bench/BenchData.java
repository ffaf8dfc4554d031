package dicomsql.bench;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Generated datasets that benchmarks run on, made once and kept under the bench folder. */
final class BenchData {
  private BenchData() {}

  /** The repository the benchmark jar was built in (it lies in bench/target). */
  static Path repo() throws java.net.URISyntaxException {
    return Path.of(BenchData.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getParent().getParent().getParent();
  }

  /** The dataset of these options under {@code root}, generated when missing. */
  static Path dataset(Path root, SynthOptions options) throws IOException {
    Path data = root.resolve(String.format("seed%d-cases%d-matrix%d", options.seed(),
        options.patients(), options.matrix()));
    if (!Files.exists(data.resolve("truth.csv"))) {
      System.err.println("generating " + data + " ...");
      Path partial = root.resolve(data.getFileName() + ".partial");
      deleteTree(partial);
      new DatasetGenerator(options).generate(partial, DatasetGenerator.Listener.NONE);
      Files.move(partial, data);
    }
    return data;
  }

  /** The CT images of a dataset (structure sets left out), in a stable order. */
  static List<Path> ctFiles(Path data) throws IOException {
    try (Stream<Path> walk = Files.walk(data)) {
      return walk.filter(p -> p.toString().endsWith(".dcm"))
          .filter(p -> !p.getParent().getFileName().toString().equals("401"))
          .sorted().collect(Collectors.toList());
    }
  }

  /** Every file of a dataset (truth files included), in a stable order. */
  static List<Path> allFiles(Path data) throws IOException {
    try (Stream<Path> walk = Files.walk(data)) {
      return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  /** The files of the first case's first CT series. */
  static List<Path> oneSeries(Path data) throws IOException {
    Path first = ctFiles(data).get(0).getParent();
    try (Stream<Path> files = Files.list(first)) {
      return files.sorted().collect(Collectors.toList());
    }
  }

  /** Reads every byte once so that timed runs find the files in the page cache. */
  static long warm(List<Path> files) throws IOException {
    long bytes = 0;
    byte[] buffer = new byte[1 << 16];
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          bytes += n;
        }
      }
    }
    return bytes;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
