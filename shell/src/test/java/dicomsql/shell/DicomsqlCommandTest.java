package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DicomsqlCommandTest {
  @TempDir
  Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = DicomsqlCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void printsTheVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("dicomsql 0.");
  }

  @Test
  void helpListsTheSubcommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("generate", "demo");
  }

  @Test
  void generatesADatasetWithItsTruth() throws Exception {
    Path data = tmp.resolve("data");
    int status = run("generate", data.toString(), "--patients", "2", "--matrix", "32",
        "--slices", "4", "--seed", "5");
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Wrote 2 cases");
    assertThat(data.resolve("truth.csv")).exists();
    assertThat(Files.readAllLines(data.resolve("truth_series.csv")).size()).isGreaterThan(2);
    assertThat(data.resolve("HCC_0002/401/001.dcm")).exists();
  }

  @Test
  void badOptionValuesAreUsageErrorsWithOneLine() {
    assertThat(run("generate", tmp.resolve("x").toString(), "--patients", "0")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("dicomsql: --patients must be at least 1, not 0");
    assertThat(run("generate")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'OUT_DIR'");
  }

  @Test
  void aFolderInTheWayIsADataErrorWithOneLine() throws Exception {
    Files.writeString(tmp.resolve("keep.txt"), "mine");
    assertThat(run("generate", tmp.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("dicomsql: ").contains("not empty")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("keep.txt")).hasContent("mine");
  }
}
