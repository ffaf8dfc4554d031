package dicomsql.shell;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dicomsql generate}: writes a synthetic HCC dataset with its ground truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write a synthetic multiphase liver CT dataset shaped like the HCC release: "
        + "per case a folder with one CT series per contrast phase (N, A, P, D; not every case "
        + "has all four) and an RT Structure Set outlining 1-3 lesions, plus truth.csv (per "
        + "lesion ROI: voxel count, volume, HU per phase) and truth_series.csv (the phase of "
        + "every series). The same options give byte-identical files.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dicomsql generate /tmp/hcc",
        "      10 cases of 512x512 images, about 0.5 MB per image",
        "  dicomsql generate /tmp/seed --patients 2646 --matrix 64",
        "      the seed's full scale (about 430,000 files, 4 GB)"})
final class GenerateCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OUT_DIR", description = "New or empty folder to write.")
  private Path out;

  @Option(names = "--patients", paramLabel = "N", defaultValue = "10",
      description = "Cases to generate (default: ${DEFAULT-VALUE}).")
  private int patients;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--matrix", paramLabel = "M", defaultValue = "512",
      description = "Rows and columns of each image (default: ${DEFAULT-VALUE}).")
  private int matrix;

  @Option(names = "--slices", paramLabel = "K", defaultValue = "0",
      description = "Slices per phase (default: 40 to 50, varying by case).")
  private int slices;

  @Option(names = "--threads", paramLabel = "T",
      description = "Writer threads (default: one per core).")
  private Integer threads;

  @Override
  public Integer call() throws IOException {
    SynthOptions options = new SynthOptions(patients, seed, matrix, slices,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
    DatasetGenerator.Summary summary = generate(out, options, "Generating");
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(describe(summary, out));
    stdout.flush();
    return 0;
  }

  /** Runs the generator with a progress bar; shared with {@code demo}. */
  static DatasetGenerator.Summary generate(Path out, SynthOptions options, String task)
      throws IOException {
    long started = System.nanoTime();
    DatasetGenerator.Summary summary;
    try (FileProgress progress = new FileProgress(task)) {
      summary = new DatasetGenerator(options).generate(out, new DatasetGenerator.Listener() {
        @Override
        public void started(long totalFiles) {
          progress.start(totalFiles);
        }

        @Override
        public void wrote(long bytes) {
          progress.step(bytes);
        }
      });
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.err.printf(Locale.ROOT, "%s %,d files in %.1f s (%,.0f files/s)%n", task,
        summary.files(), seconds, summary.files() / seconds);
    return summary;
  }

  static String describe(DatasetGenerator.Summary summary, Path out) {
    return String.format(Locale.ROOT,
        "Wrote %,d cases (%,d DICOM files, %,.1f MB, %,d lesion ROIs) to %s%n"
            + "Ground truth: %s and %s",
        summary.cases(), summary.files(), summary.bytes() / 1e6, summary.lesions(), out,
        out.resolve("truth.csv"), out.resolve("truth_series.csv"));
  }
}
