package dicomsql.shell;

import dicomsql.engine.phase.Phase;
import dicomsql.export.ExportListener;
import dicomsql.export.Exporter;
import dicomsql.export.GridSpacing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dicomsql export}: writes what a query selects as NIfTI files or an nnU-Net raw
 * dataset, through the JDBC driver like every other command.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the series (and ROIs) a query selects as a training set: NIfTI images "
        + "with label images, or nnU-Net v2's raw layout. The query returns series_uid and "
        + "optionally rtss_uid, roi_number, label (1-255, default 1), label_name and case_id; "
        + "OUT gets the files and manifest.csv, which names every file's DICOM UIDs and every "
        + "problem. See docs/export.md.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dicomsql export ~/data/hcc /tmp/lesions --query \"SELECT referenced_series_uid AS "
            + "series_uid, rtss_uid, roi_number FROM rois WHERE roi_name LIKE 'Lesion%'\"",
        "  dicomsql export ~/data/hcc /tmp/Dataset501_Liver --format nnunet --query \"SELECT "
            + "referenced_series_uid AS series_uid, rtss_uid, roi_number, patient_id AS case_id"
            + " FROM rois\""})
final class ExportCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA_DIR", description = "Folder of DICOM files.")
  private Path data;

  @Parameters(index = "1", paramLabel = "OUT", description = "New or empty folder to write.")
  private Path out;

  @Option(names = "--query", paramLabel = "SQL", required = true,
      description = "The rows to export.")
  private String query;

  @Option(names = "--format", paramLabel = "nifti|nnunet", defaultValue = "nifti",
      description = "Output layout (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(names = "--phases", paramLabel = "PHASES", defaultValue = "NAPD",
      description = "nnunet: the contrast phases that are the channels, in order "
          + "(default: ${DEFAULT-VALUE}); a case lacking one is left out.")
  private String phases;

  @Option(names = "--resample-to", paramLabel = "own|annotated", defaultValue = "own",
      description = "nifti: each series on its own grid, or every series of a case resampled "
          + "onto the grid of the series its first row names, with the labels rasterized "
          + "there (default: ${DEFAULT-VALUE}; nnunet is always annotated).")
  private String resampleTo;

  @Option(names = "--spacing", paramLabel = "MM",
      description = "Resample every file to this voxel spacing: X or X,Y,Z mm along the rows, "
          + "columns and slices (default: the series' own grid). Images trilinearly, labels by "
          + "nearest neighbour.")
  private String spacing;

  @Option(names = "--index", paramLabel = "DIR",
      description = "Where the index lives (default: a folder per DATA_DIR in the user cache).")
  private Path index;

  @Option(names = "--threads", paramLabel = "T",
      description = "Cases written at once (default: one per core).")
  private Integer threads;

  @Override
  public Integer call() throws Exception {
    Exporter.Format layout = switch (format.toLowerCase(Locale.ROOT)) {
      case "nifti" -> Exporter.Format.NIFTI;
      case "nnunet" -> Exporter.Format.NNUNET;
      default -> throw new IllegalArgumentException("--format must be nifti or nnunet, not '"
          + format + "'");
    };
    Exporter.Grid grid = switch (resampleTo.toLowerCase(Locale.ROOT)) {
      case "own" -> Exporter.Grid.OWN;
      case "annotated" -> Exporter.Grid.ANNOTATED;
      default -> throw new IllegalArgumentException("--resample-to must be own or annotated,"
          + " not '" + resampleTo + "'");
    };
    GridSpacing voxelSpacing = spacing == null ? null : GridSpacing.parse(spacing);
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    try (SqlSession session = new SqlSession(data, index, null, null, ResultFormat.TABLE);
        FileProgress progress = new FileProgress("Exporting")) {
      Exporter exporter = new Exporter(session.connection(), data, workers,
          new ExportListener() {
            @Override
            public void planned(long files) {
              progress.start(files);
            }

            @Override
            public void wrote(String file) {
              progress.step(0);
            }
          });
      Exporter.Summary summary = exporter.export(query, layout, channels(phases), grid,
          voxelSpacing, out);
      progress.close();
      PrintWriter printer = spec.commandLine().getOut();
      printer.printf(Locale.ROOT, "Exported %,d case(s), %,d file(s) to %s%n", summary.cases(),
          summary.files(), out);
      if (summary.problems() > 0) {
        printer.printf(Locale.ROOT, "%,d manifest row(s) name a problem: see %s%n",
            summary.problems(), summary.manifest());
      }
      printer.flush();
    }
    return 0;
  }

  /** Phases as letters, e.g. NAPD. */
  static List<Phase> channels(String letters) {
    List<Phase> list = new ArrayList<>();
    for (char letter : letters.strip().toUpperCase(Locale.ROOT).toCharArray()) {
      Phase phase;
      try {
        phase = Phase.valueOf(String.valueOf(letter));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--phases takes letters of N, A, P, D, not '"
            + letters + "'");
      }
      if (list.contains(phase)) {
        throw new IllegalArgumentException("--phases names " + letter + " twice");
      }
      list.add(phase);
    }
    return list;
  }
}
