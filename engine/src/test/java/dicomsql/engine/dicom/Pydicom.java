package dicomsql.engine.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * pydicom, run by Debian's python3 (package python3-pydicom), as an independent decoder of the
 * text in DICOM files; tests that need it are skipped where it is not installed.
 */
final class Pydicom {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  /** David Clunie's character set examples and a few more, as python3-pydicom installs them. */
  static final Path CHARSET_FILES =
      Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files");

  private static Boolean installed;

  private Pydicom() {}

  static void assumeInstalled() {
    if (installed == null) {
      installed = Files.isExecutable(PYTHON)
          && ExternalTool.run(List.of(PYTHON.toString(), "-c", "import pydicom")).succeeded();
    }
    assumeTrue(installed, "pydicom is not installed for " + PYTHON
        + " (Debian package python3-pydicom)");
  }

  /** For each file, its text elements as pydicom decodes them, keyed as TextElements keys. */
  static List<Map<String, String>> text(List<Path> files) {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
    files.forEach(file -> command.add(file.toString()));
    ExternalTool.Output output = ExternalTool.run(command);
    if (!output.succeeded()) {
      throw new IllegalStateException("pydicom failed: " + output.stderr());
    }
    Map<Integer, Map<String, String>> byFile = new HashMap<>();
    for (String line : output.stdout().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      byte[] utf8 = HexFormat.of().parseHex(fields[2]);
      byFile.computeIfAbsent(Integer.parseInt(fields[0]), i -> new TreeMap<>())
          .put(fields[1], new String(utf8, StandardCharsets.UTF_8));
    }
    List<Map<String, String>> texts = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      texts.add(byFile.getOrDefault(i, new TreeMap<>()));
    }
    return texts;
  }

  private static Path script() {
    try {
      return Path.of(Pydicom.class.getResource("pydicom_text.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
