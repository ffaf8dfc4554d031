package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The export command's options and its run through JDBC on generated data. */
class ExportCommandTest {
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
  void exportsLesionsWithAManifestAndRefusesToWriteIntoTheDataFolder() throws Exception {
    Path data = tmp.resolve("data");
    assertThat(run("generate", data.toString(), "--patients", "1", "--matrix", "32")).isZero();
    String query = "SELECT referenced_series_uid AS series_uid, rtss_uid, roi_number FROM rois";
    Path index = tmp.resolve("index");
    assertThat(run("export", data.toString(), tmp.resolve("out").toString(), "--query", query,
        "--index", index.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Exported 1 case(s), 2 file(s)");
    assertThat(Files.readAllLines(tmp.resolve("out/manifest.csv"))).hasSize(3);
    assertThat(run("export", data.toString(), tmp.resolve("spaced").toString(), "--query",
        query, "--index", index.toString(), "--spacing", "1.5,1.5,4", "--resample-to",
        "annotated")).as(err.toString())
        .isZero();
    assertThat(Files.readString(tmp.resolve("spaced/manifest.csv"))).contains(".nii.gz");

    assertThat(run("export", data.toString(), data.resolve("nifti").toString(), "--query",
        query, "--index", index.toString())).isEqualTo(DicomsqlCommand.USAGE_ERROR);
    assertThat(err.toString()).contains("is inside the data folder, which is only ever read");
  }

  @Test
  void badFormatsAndPhasesAreOneLineMessages() {
    assertThat(run("export", tmp.toString(), tmp.resolve("o").toString(), "--query",
        "SELECT 1", "--format", "dicom")).isEqualTo(DicomsqlCommand.USAGE_ERROR);
    assertThat(err.toString()).contains("--format must be nifti or nnunet, not 'dicom'");
    assertThat(ExportCommand.channels("napd")).hasSize(4);
    assertThatThrownBy(() -> ExportCommand.channels("NX"))
        .hasMessage("--phases takes letters of N, A, P, D, not 'NX'");
    assertThat(run("export", tmp.toString(), tmp.resolve("o").toString(), "--query",
        "SELECT 1", "--spacing", "1,2")).isEqualTo(DicomsqlCommand.USAGE_ERROR);
    assertThat(err.toString()).contains("--spacing takes one value or three (X,Y,Z), not '1,2'");
    assertThat(run("export", tmp.toString(), tmp.resolve("o").toString(), "--query",
        "SELECT 1", "--resample-to", "first")).isEqualTo(DicomsqlCommand.USAGE_ERROR);
    assertThat(err.toString()).contains("--resample-to must be own or annotated, not 'first'");
  }
}
