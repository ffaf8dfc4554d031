package dicomsql.engine.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs a command-line tool that serves as an independent implementation to compare with. */
public final class ExternalTool {
  /** What a finished run printed; exit code -1 when the tool could not be started. */
  public record Output(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  private ExternalTool() {}

  public static Output run(List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("tool", ".out");
      err = Files.createTempFile("tool", ".err");
      Process process = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      int exitCode = process.waitFor();
      return new Output(exitCode, Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Output(-1, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Output(-1, "", "interrupted");
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
