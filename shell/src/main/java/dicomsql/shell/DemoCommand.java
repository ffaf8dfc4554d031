package dicomsql.shell;

import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.IndexLocation;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexTable;
import dicomsql.engine.index.Tables;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dicomsql demo}: generates a small dataset into the user cache folder once, indexes it
 * and shows what the index found next to the generator's ground truth. Until the SQL shell
 * exists, this is the tour.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a small demo dataset (8 cases, 128x128 images) into the user cache "
        + "folder the first time, index it, and show what the index found next to the "
        + "generator's ground truth.")
final class DemoCommand implements Callable<Integer> {
  static final SynthOptions DEMO = new SynthOptions(8, 1, 128, 0,
      Runtime.getRuntime().availableProcessors());

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Path data = IndexLocation.cacheRoot().resolve("demo");
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.exists(data.resolve("truth.csv"))) {
      Path partial = data.resolveSibling("demo.partial-" + ProcessHandle.current().pid());
      GenerateCommand.generate(partial, DEMO, "Generating the demo dataset");
      // A dataset appears whole or not at all: an interrupted run leaves only a partial folder.
      Files.move(partial, data, StandardCopyOption.ATOMIC_MOVE);
    }
    out.println("Demo dataset: " + data);
    try (FileProgress progress = new FileProgress("Indexing");
        DicomIndex index = DicomIndex.open(data, IndexOptions.defaults()
            .withProgress(IndexCommand.listener(progress)))) {
      progress.close();
      out.printf(Locale.ROOT, "Index: %,d instances, %,d series, %,d studies, %,d structure "
              + "sets, %,d ROIs (%s)%n%n", index.table("instances").size(),
          index.table("series").size(), index.table("studies").size(),
          index.table("structure_sets").size(), index.table("rois").size(), index.folder());
      printCases(out, index, data);
    }
    out.println();
    out.println("Phases are decided from the headers alone; ROIs are linked to the series their");
    out.println("contours were drawn on. Volumes and HU come from the generator's ground truth.");
    out.println("Inspect a structure set: dcmdump " + data.resolve("HCC_0001/401/001.dcm"));
    out.println("SQL over this folder (./dicomsql " + data + ") comes with the SQL and shell "
        + "issues.");
    out.flush();
    return 0;
  }

  /** Per case, the phases and ROI links the index found, next to the generator's truth. */
  private static void printCases(PrintWriter out, DicomIndex index, Path data)
      throws IOException {
    Map<String, String> caseOfPatient = new HashMap<>();
    IndexTable patients = index.table("patients");
    for (int id : patients.all()) {
      Object[] row = patients.row(id);
      caseOfPatient.put((String) row[0], (String) row[1]);
    }
    Map<String, Set<String>> phases = new TreeMap<>(Comparator.comparing(Integer::valueOf));
    IndexTable series = index.table("series");
    int patient = Tables.SERIES.indexOf("patient_id");
    int phase = Tables.SERIES.indexOf("phase");
    for (int id : series.all()) {
      Object[] row = series.row(id);
      if (row[phase] != null) {
        phases.computeIfAbsent(caseOfPatient.get((String) row[patient]),
            c -> new TreeSet<>(Comparator.comparing(p -> "NAPD".indexOf(p))))
            .add((String) row[phase]);
      }
    }
    Map<String, Map<String, String>> truth = new HashMap<>();
    for (Map<String, String> row : GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE))) {
      truth.put(row.get("rtss_uid") + "/" + row.get("roi_number"), row);
    }
    Map<String, List<String>> rois = new HashMap<>();
    IndexTable roiTable = index.table("rois");
    for (int id : roiTable.all()) {
      Object[] row = roiTable.row(id);
      Map<String, String> expected = truth.get(row[0] + "/" + row[1]);
      String drawnOn = (String) row[Tables.ROIS.indexOf("phase")];
      rois.computeIfAbsent(caseOfPatient.get((String) row[Tables.ROIS.indexOf("patient_id")]),
          c -> new ArrayList<>()).add(String.format(Locale.ROOT,
          "%-6s %-2s %6.1f  %-13s %s/%s/%s/%s", row[2], drawnOn,
          Double.parseDouble(expected.get("volume_cc")), expected.get("pattern"),
          hu(expected.get("mean_hu_n")), hu(expected.get("mean_hu_a")),
          hu(expected.get("mean_hu_p")), hu(expected.get("mean_hu_d"))));
    }
    out.printf("%-5s %-8s %-6s %-2s %6s  %-13s %s%n", "case", "phases", "ROI", "on", "cc",
        "pattern", "mean HU N/A/P/D");
    for (Map.Entry<String, Set<String>> entry : phases.entrySet()) {
      List<String> lines = rois.getOrDefault(entry.getKey(), List.of());
      String caseNumber = entry.getKey();
      String found = String.join(" ", entry.getValue());
      for (int i = 0; i < Math.max(1, lines.size()); i++) {
        out.printf("%-5s %-8s %s%n", i == 0 ? caseNumber : "", i == 0 ? found : "",
            i < lines.size() ? lines.get(i) : "");
      }
    }
  }

  private static String hu(String value) {
    return value.isEmpty() ? "-" : Long.toString(Math.round(Double.parseDouble(value)));
  }
}
