package dicomsql.engine.dicom;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent implementations tests compare with: dcmtk's command line tools and pydicom
 * run by Debian's python3, with the test files pydicom ships. CI installs them; elsewhere the
 * tests that need them are skipped.
 */
final class ExternalTools {
  /** Debian's python3, which has python3-pydicom; a pyenv python3 on PATH may not. */
  static final String PYTHON = "/usr/bin/python3";
  static final Path PYDICOM_FILES =
      Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
  private static final long TIMEOUT_SECONDS = 120;

  private static Boolean pydicom;

  private ExternalTools() {}

  /** Whether Debian's python3 can import pydicom and numpy. */
  static synchronized boolean hasPydicom() {
    if (pydicom == null) {
      try {
        run(List.of(PYTHON, "-c", "import pydicom, numpy"));
        pydicom = true;
      } catch (IOException e) {
        pydicom = false;
      }
    }
    return pydicom;
  }

  static boolean hasPydicomFiles() {
    return Files.isDirectory(PYDICOM_FILES);
  }

  static Path pydicomFile(String name) {
    return PYDICOM_FILES.resolve(name);
  }

  /** Whether an executable of this name is on the PATH. */
  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a command and returns its standard output; fails with its error output. */
  static String run(List<String> command) throws IOException {
    Path errors = Files.createTempFile("dicomsql-tool", ".err");
    try {
      Process process = new ProcessBuilder(command)
          .redirectError(errors.toFile())
          .start();
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(command + " exited with " + process.exitValue() + ": "
            + Files.readString(errors, StandardCharsets.UTF_8));
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
