package dicomsql.bench;

import java.util.Arrays;

/**
 * Runs one benchmark by name: {@code reader}, {@code generator}, {@code index}, {@code sql},
 * {@code raster}, {@code serve}, {@code startup}, {@code dense}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println("usage: bench/run reader [--cases N] [--rounds R] [--dir DIR]");
      System.out.println("       bench/run generator [--patients N] [--dir DIR]");
      System.out.println("       bench/run index [--cases N] [--sample N] [--dir DIR]");
      System.out.println("       bench/run sql [--cases N] [--runs N] [--dir DIR]");
      System.out.println(
          "       bench/run raster [--slices N] [--matrix M] [--runs N] [--dir DIR]");
      System.out.println(
          "       bench/run raster --data DATASET[,DATASET...] [--dir DIR]");
      System.out.println("       bench/run startup --data DIR [--runs N] [--dir DIR]");
      System.out.println("       bench/run dense [--data SEED] [--dir DIR]");
      System.out.println("       bench/run serve [--cases N] [--clients C] [--statements S] "
          + "[--lookups L] [--only sustained] [--dir DIR]");
      return;
    }
    BenchOptions options = BenchOptions.parse(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "reader" -> new ReaderBenchmark(options).run();
      case "generator" -> new GeneratorBenchmark(options).run();
      case "index" -> new IndexBenchmark(options).run();
      case "sql" -> new SqlBenchmark(options).run();
      case "raster" -> new RasterBenchmark(options).run();
      case "serve" -> new ServeBenchmark(options).run();
      case "startup" -> new StartupBenchmark(options).run();
      case "dense" -> new DenseBenchmark(options).run();
      default -> {
        System.err.println("unknown benchmark: " + args[0]
            + " (reader, generator, index, sql, raster, serve, startup, dense)");
        System.exit(2);
      }
    }
  }
}
