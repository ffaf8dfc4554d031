package dicomsql.export;

import dicomsql.engine.phase.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * nnU-Net v2's {@code dataset.json}: {@code channel_names}, {@code labels} (background 0),
 * {@code numTraining} and {@code file_ending}, as nnU-Net's dataset format documentation lists
 * them, plus a description saying which phase each channel holds. Every channel is named
 * {@code CT}: nnU-Net picks its intensity normalization by channel name, and CT's
 * (Hounsfield clipping and scaling) is the one for every contrast phase.
 */
final class DatasetJson {
  static final String FILE = "dataset.json";

  private DatasetJson() {}

  static void write(Path file, List<Phase> channels, List<ExportRow> rows, int cases)
      throws IOException {
    Map<Integer, String> labels = new TreeMap<>();
    for (ExportRow row : rows) {
      if (row.hasRoi()) {
        labels.merge(row.label(), row.labelName() == null ? "label_" + row.label()
            : row.labelName(), (first, later) -> first);
      }
    }
    StringBuilder json = new StringBuilder("{\n  \"channel_names\": {");
    StringBuilder description = new StringBuilder("Exported by dicomsql. Channels:");
    for (int c = 0; c < channels.size(); c++) {
      json.append(c == 0 ? "\n" : ",\n").append("    \"").append(c).append("\": \"CT\"");
      description.append(c == 0 ? " " : ", ").append(c).append(" ")
          .append(channels.get(c).label()).append(" (").append(channels.get(c).name())
          .append(")");
    }
    json.append("\n  },\n  \"labels\": {\n    \"background\": 0");
    Set<String> names = new HashSet<>(Set.of("background"));
    labels.forEach((value, name) -> {
      // Names are JSON keys: a name given to two values is told apart by the value.
      String unique = names.add(name) ? name : name + "_" + value;
      names.add(unique);
      json.append(",\n    ").append(quoted(unique)).append(": ").append(value);
    });
    json.append("\n  },\n  \"numTraining\": ").append(cases)
        .append(",\n  \"file_ending\": \".nii.gz\",\n  \"name\": \"dicomsql export\",\n")
        .append("  \"description\": ").append(quoted(description.append('.').toString()))
        .append("\n}\n");
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (ch < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
