package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a process, in pipes, through the launcher at the repository root. */
class CommandLineIT {
  @TempDir
  static Path tmp;

  @BeforeAll
  static void generate() throws Exception {
    assertThat(bash("\"$LAUNCHER\" generate \"$TMP/data\" --patients 2 --matrix 16 "
        + "--slices 3 >/dev/null").status()).isZero();
  }

  private record Run(int status, String out) {}

  /** Runs a bash command line with $LAUNCHER and $TMP set; returns its status and stdout. */
  private static Run bash(String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command);
    builder.environment().put("LAUNCHER", System.getProperty("launcher"));
    builder.environment().put("TMP", tmp.toString());
    builder.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    builder.redirectError(tmp.resolve("stderr.txt").toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), out);
  }

  @Test
  void stopsWhenTheReaderOfItsOutputIsGone() throws Exception {
    // Without the stop this cross join would write 10^15 lines.
    Run run = bash("\"$LAUNCHER\" \"$TMP/data\" --csv -e \"SELECT * FROM contour_points a, "
        + "contour_points b, contour_points c, contour_points d, contour_points e\" | head -2; "
        + "echo \"status ${PIPESTATUS[0]}\"");
    assertThat(run.out()).startsWith("rtss_uid,").endsWith("status 141\n");
    assertThat(run.out().lines()).hasSize(3);
  }

  @Test
  void aScriptOnStandardInputRunsCommandsAndNamesTheLineOfItsError() throws Exception {
    Files.writeString(tmp.resolve("script.sql"), "\\timing\n\\format tsv\nSELECT 1 AS one;\n\n"
        + "SELECT\n  bogus_column FROM rois;\n");
    Run run = bash("\"$LAUNCHER\" \"$TMP/data\" < \"$TMP/script.sql\"");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).startsWith("one\n1\nTime: ");
    assertThat(Files.readString(tmp.resolve("stderr.txt")))
        .contains("dicomsql:<stdin>:6:3: column 'bogus_column' not found\n");
  }

  @Test
  void aMissingDataFolderIsAUsageError() throws Exception {
    assertThat(bash("\"$LAUNCHER\" \"$TMP/nowhere\" -e 'SELECT 1'").status()).isEqualTo(2);
    assertThat(Files.readString(tmp.resolve("stderr.txt")).strip())
        .isEqualTo("dicomsql: no such folder: " + tmp.resolve("nowhere"));
  }

  @Test
  void anIndexBuildRunsOnTheParallelCollectorUnlessTheUserChoseOne() throws Exception {
    assertThat(bash("DICOMSQL_JAVA_OPTS=\"-Xlog:gc:file=$TMP/gc-index.txt\" \"$LAUNCHER\" "
        + "index \"$TMP/data\" --index \"$TMP/index-gc\" >/dev/null").status()).isZero();
    assertThat(Files.readString(tmp.resolve("gc-index.txt"))).contains("Using Parallel");

    assertThat(bash("DICOMSQL_JAVA_OPTS=\"-XX:+UseSerialGC -Xlog:gc:file=$TMP/gc-chosen.txt\" "
        + "\"$LAUNCHER\" index \"$TMP/data\" --index \"$TMP/index-gc\" >/dev/null").status())
        .isZero();
    assertThat(Files.readString(tmp.resolve("gc-chosen.txt"))).contains("Using Serial");

    assertThat(bash("DICOMSQL_JAVA_OPTS=\"-Xlog:gc:file=$TMP/gc-query.txt\" \"$LAUNCHER\" "
        + "--index \"$TMP/index-gc\" \"$TMP/data\" -e 'SELECT 1' >/dev/null").status())
        .isZero();
    assertThat(Files.readString(tmp.resolve("gc-query.txt"))).doesNotContain("Using Parallel");
  }
}
