package dicomsql.shell;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexProgress;
import dicomsql.engine.index.IndexUpdate;
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

/** {@code dicomsql index}: builds or refreshes the index of a data folder, with progress. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Build the index of DATA_DIR, or bring it up to date: new and changed files "
        + "(by size and modification time) are read, deleted ones dropped. Queries do this by "
        + "themselves; run it ahead of time to pay the cost up front. DATA_DIR is only read.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  dicomsql index ~/data/hcc",
        "  dicomsql index ~/data/hcc --rebuild --index /fast/disk/hcc-index"})
final class IndexCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA_DIR", description = "Folder of DICOM files.")
  private Path data;

  @Option(names = "--rebuild", description = "Read every file again into a new index.")
  private boolean rebuild;

  @Option(names = "--index", paramLabel = "DIR",
      description = "Where the index lives (default: a folder per DATA_DIR in the user cache).")
  private Path folder;

  @Option(names = "--phase-rules", paramLabel = "FILE",
      description = "Phase keyword rules to use instead of the built-in ones (see README).")
  private Path phaseRules;

  @Option(names = "--threads", paramLabel = "T",
      description = "Threads reading files (default: one per core).")
  private Integer threads;

  @Override
  public Integer call() throws IOException {
    try (FileProgress progress = new FileProgress("Indexing")) {
      IndexOptions options = IndexOptions.defaults().withFolder(folder)
          .withPhaseRules(phaseRules)
          .withRefresh(rebuild ? IndexOptions.Refresh.REBUILD : IndexOptions.Refresh.AUTO)
          .withProgress(listener(progress));
      if (threads != null) {
        options = options.withThreads(threads);
      }
      try (DicomIndex index = DicomIndex.open(data, options)) {
        progress.close();
        PrintWriter out = spec.commandLine().getOut();
        out.println(describe(index, progress));
        out.flush();
      }
    }
    return 0;
  }

  /** Progress of reading files as a bar over the files to read. */
  static IndexProgress listener(FileProgress progress) {
    return new IndexProgress() {
      @Override
      public void reading(long files, long bytes) {
        progress.start(files);
      }

      @Override
      public void read(long bytes, boolean failed) {
        progress.step(bytes);
      }

      @Override
      public void deriving() {}
    };
  }

  private static String describe(DicomIndex index, FileProgress progress) {
    IndexUpdate update = index.update();
    String tables = String.format(Locale.ROOT,
        "%,d instances, %,d series, %,d studies, %,d patients, %,d structure sets, %,d ROIs, "
            + "%,d scan errors",
        index.table("instances").size(), index.table("series").size(),
        index.table("studies").size(), index.table("patients").size(),
        index.table("structure_sets").size(), index.table("rois").size(),
        index.table("scan_errors").size());
    String what = switch (update.kind()) {
      case BUILT -> String.format(Locale.ROOT, "Indexed %,d files in %.1f s (%,.0f files/s)",
          progress.files(), update.seconds(), progress.files() / update.seconds());
      case REFRESHED -> String.format(Locale.ROOT, "Refreshed: %,d files new, changed or gone, "
          + "in %.1f s", update.filesChanged(), update.seconds());
      case UNCHANGED -> String.format(Locale.ROOT, "Up to date (checked in %.1f s)",
          update.seconds());
      case NOT_REFRESHED -> "Not refreshed: " + update.note();
    };
    return what + "\n" + tables + "\nIndex: " + index.folder();
  }
}
