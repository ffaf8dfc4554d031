package dicomsql.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the manifest as CSV (RFC 4180: quoted where needed, CRLF line ends, UTF-8). */
final class Manifest {
  static final String FILE = "manifest.csv";

  private Manifest() {}

  static void write(Path file, List<ManifestRow> rows) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      line(out, ManifestRow.HEADER);
      for (ManifestRow row : rows) {
        line(out, row.values());
      }
    }
  }

  private static void line(Writer out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String value = values.get(i);
      if (value != null) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        out.write(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
      }
    }
    out.write("\r\n");
  }
}
