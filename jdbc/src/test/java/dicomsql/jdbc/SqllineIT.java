package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one jar as a BI tool uses it: sqlline, a JDBC client we did not write, runs in a
 * process of its own with nothing on its class path but that jar and sqlline's own.
 */
class SqllineIT {
  @TempDir
  Path tmp;

  @Test
  void sqllineQueriesAGeneratedDatasetWithOnlyTheAllInOneJar() throws Exception {
    Path driverJar = Path.of(System.getProperty("driverJar"));
    Path sqllineJar = Path.of(System.getProperty("sqllineJar"));
    assertThat(driverJar).exists();
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(3, 5, 32, 5, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
    List<Map<String, String>> lesions = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE));
    Path script = tmp.resolve("queries.sql");
    Files.writeString(script, String.join("\n",
        "SELECT COUNT(*) AS n FROM structure_sets;",
        "SELECT roi_name, phase FROM rois WHERE rtss_uid = '" + lesions.get(0).get("rtss_uid")
            + "' AND roi_number = " + lesions.get(0).get("roi_number") + ";",
        "SELECT phase, COUNT(*) AS n FROM series WHERE phase IS NOT NULL GROUP BY phase "
            + "ORDER BY phase;",
        "SELECT * FROM roiz;",
        ""));
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(javaCommand, "-cp", driverJar + File.pathSeparator
        + sqllineJar, "sqlline.SqlLine",
        "-u", "jdbc:dicom:" + data + ";index=" + tmp.resolve("index"),
        "-n", "", "-p", "", "--outputformat=csv", "--silent=true", "--showHeader=true",
        "-f", script.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("'n'\n'3'");
    Map<String, String> first = lesions.get(0);
    assertThat(output).contains("'" + first.get("roi_name") + "','"
        + first.get("annotated_phase") + "'");
    assertThat(output).contains("'phase','n'");
    assertThat(output).contains("Error: line 1, column 15: table 'roiz' not found (did you mean "
        + "'rois'?)");
    // sqlline prints every SQLException's stack trace and causes itself; the message is ours.
    assertThat(output).doesNotContain("Error: Error while executing SQL");
  }
}
