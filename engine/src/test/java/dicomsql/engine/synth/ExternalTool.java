package dicomsql.engine.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command-line tool of another project (dcmtk, dicom3tools) that tests check our work with. */
record ExternalTool(String name) {
  /** What a run printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {}

  boolean isInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** Why a test that needs this tool is skipped. */
  String missing() {
    return name + " is not installed (apt-get install dcmtk dicom3tools); .ci/run installs it";
  }

  Result run(Object... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(name);
    for (Object arg : args) {
      command.add(arg.toString());
    }
    Path out = Files.createTempFile("tool", ".out");
    Path err = Files.createTempFile("tool", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(command + " did not finish in 2 minutes");
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
