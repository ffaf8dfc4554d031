package dicomsql.bench;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Generation rate (files/s and MB/s) at matrix 64 and 512 on every core. */
final class GeneratorBenchmark {
  private final int patients;
  private final Path root;

  GeneratorBenchmark(BenchOptions options) {
    this.patients = options.integer("patients", 200);
    this.root = options.root();
  }

  void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.println("| matrix | cases | files | MB | seconds | files/s | MB/s |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    for (int matrix : new int[] {64, 512}) {
      int cases = matrix == 64 ? patients : Math.max(1, patients / 20);
      Path out = root.resolve("generator-" + matrix);
      BenchData.deleteTree(out);
      Files.createDirectories(root);
      long start = System.nanoTime();
      DatasetGenerator.Summary summary = new DatasetGenerator(
          new SynthOptions(cases, 1, matrix, 0, cores))
          .generate(out, DatasetGenerator.Listener.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "| %d | %d | %,d | %,.0f | %.1f | %,.0f | %,.0f |%n", matrix,
          cases, summary.files(), summary.bytes() / 1e6, seconds, summary.files() / seconds,
          summary.bytes() / 1e6 / seconds);
      BenchData.deleteTree(out);
    }
  }
}
