package dicomsql.shell;

import dicomsql.engine.index.IndexLocation;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dicomsql demo}: generates a small dataset into the user cache folder once and shows
 * what is in it. Until the SQL shell exists, it shows the generator's ground truth.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a small demo dataset (8 cases, 128x128 images) into the user cache "
        + "folder the first time, then show what it holds.")
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
    out.println();
    printCases(out, data);
    out.println();
    out.println("Inspect a structure set: dcmdump " + data.resolve("HCC_0001/401/001.dcm"));
    out.println("SQL over this folder (./dicomsql " + data + ") comes with the index, SQL and "
        + "shell issues.");
    out.flush();
    return 0;
  }

  private static void printCases(PrintWriter out, Path data) throws IOException {
    Map<String, StringBuilder> phases = new LinkedHashMap<>();
    for (String[] row : csv(data.resolve("truth_series.csv"))) {
      phases.computeIfAbsent(row[0], c -> new StringBuilder()).append(row[6]).append(' ');
    }
    Map<String, List<String>> lesions = new LinkedHashMap<>();
    for (String[] row : csv(data.resolve("truth.csv"))) {
      lesions.computeIfAbsent(row[0], c -> new ArrayList<>()).add(String.format(
          "%-6s %6.1f  %-13s %s/%s/%s/%s", row[5], Double.parseDouble(row[11]), row[6],
          hu(row[16]), hu(row[17]), hu(row[18]), hu(row[19])));
    }
    out.printf("%-5s %-8s %-6s %6s  %-13s %s%n", "case", "phases", "ROI", "cc", "pattern",
        "mean HU N/A/P/D");
    for (Map.Entry<String, StringBuilder> entry : phases.entrySet()) {
      List<String> rois = lesions.getOrDefault(entry.getKey(), List.of());
      for (int i = 0; i < Math.max(1, rois.size()); i++) {
        out.printf("%-5s %-8s %s%n", i == 0 ? entry.getKey() : "",
            i == 0 ? entry.getValue().toString().strip() : "", i < rois.size() ? rois.get(i) : "");
      }
    }
  }

  private static String hu(String value) {
    return value.isEmpty() ? "-" : Long.toString(Math.round(Double.parseDouble(value)));
  }

  private static List<String[]> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }
}
