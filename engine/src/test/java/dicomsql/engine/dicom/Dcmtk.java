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

/**
 * dcmtk's command line tools, the independent reader, writer and character set converter our
 * own code is checked against; tests that need them are skipped where they are absent.
 */
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
    assumeTrue(Files.isExecutable(BIN.resolve("dcmdump"))
        && Files.isExecutable(BIN.resolve("dcmconv")),
        "dcmtk's dcmdump and dcmconv are not installed (Debian: apt-get install dcmtk)");
  }

  /**
   * {@code dcmdump} with every value in full, non-ASCII bytes quoted as octal, and UN values
   * of known tags read by their dictionary VR ({@code +uc}), as our reader and pydicom do.
   */
  static Run dump(Path file, String... options) {
    List<String> command = new ArrayList<>(List.of("dcmdump", "-Un", "+L", "+Qo", "+uc"));
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

  /**
   * Converts a file's text to UTF-8 with {@code dcmconv +U8}, which fails at the first character
   * it cannot convert (its option to discard such characters needs ICU, not iconv).
   */
  static ExternalTool.Output convertToUtf8(Path in, Path out) {
    return ExternalTool.run(List.of("dcmconv", "+U8", in.toString(), out.toString()));
  }

  /** The lines {@code dcmdump +U8} prints for one element, its value converted to UTF-8. */
  static ExternalTool.Output dumpUtf8(Path file, int tag) {
    return ExternalTool.run(List.of("dcmdump", "+U8", "+P",
        String.format("%04x,%04x", tag >>> 16, tag & 0xFFFF), file.toString()));
  }

  /** The text between the brackets of a dcmdump line, e.g. {@code (0010,0010) PN [A^B] # ..}. */
  static String value(String dumpLine) {
    int start = dumpLine.indexOf('[');
    int end = dumpLine.lastIndexOf(']', dumpLine.lastIndexOf('#'));
    return start < 0 || end < start ? "" : dumpLine.substring(start + 1, end);
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }
}
