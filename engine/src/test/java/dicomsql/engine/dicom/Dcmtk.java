package dicomsql.engine.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** dcmtk's command line tools, the independent reader and writer our own is checked against. */
final class Dcmtk {
  private static final Path BIN = Path.of("/usr/bin");

  /** What a tool printed and how it ended; output is Latin-1 so every byte survives. */
  record Run(int exitCode, String out, String err) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Dcmtk() {}

  /** Skips the calling test when dcmtk (Debian package {@code dcmtk}) is not installed. */
  static void assumeInstalled() {
    assumeTrue(Files.isExecutable(BIN.resolve("dcmdump")), "dcmtk is not installed");
  }

  /** {@code dcmdump} with every value in full and non-ASCII bytes quoted as octal. */
  static Run dump(Path file, String... options) {
    List<String> command = new ArrayList<>(List.of("dcmdump", "-Un", "+L", "+Qo"));
    command.addAll(List.of(options));
    command.add(file.toString());
    return run(command);
  }

  /** Writes {@code out} from a text dump; fails the test when dump2dcm fails. */
  static Path dump2dcm(Path dump, Path out, String... options) {
    List<String> command = new ArrayList<>(List.of("dump2dcm"));
    command.addAll(List.of(options));
    command.add(dump.toString());
    command.add(out.toString());
    return check(run(command), out);
  }

  /** Re-encodes {@code in} as {@code out}; fails the test when dcmconv fails. */
  static Path dcmconv(Path in, Path out, String... options) {
    List<String> command = new ArrayList<>(List.of("dcmconv"));
    command.addAll(List.of(options));
    command.add(in.toString());
    command.add(out.toString());
    return check(run(command), out);
  }

  private static Path check(Run run, Path out) {
    if (!run.ok()) {
      throw new AssertionError("dcmtk failed writing " + out + ":\n" + run.err());
    }
    return out;
  }

  static Run run(List<String> command) {
    try {
      Path err = Files.createTempFile("dcmtk", ".err");
      Path out = Files.createTempFile("dcmtk", ".out");
      try {
        Process process = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), read(out), read(err));
      } finally {
        Files.deleteIfExists(err);
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }
}
