package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.synth.GroundTruth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a new user runs it, through the launcher script at the
 * repository root, with a fresh cache folder and a statement typed on standard input.
 */
class DemoIT {
  @TempDir
  Path cache;

  @Test
  void demoGeneratesAndQueriesThenTakesStatementsAlone() throws Exception {
    String tour = demo("");
    Path data = cache.resolve("dicomsql").resolve("demo");
    assertThat(tour).contains("Demo dataset: " + data,
        "-- Series per contrast phase, decided from the headers alone", "hu_a",
        "Ask your own: ");
    assertThat(cache.resolve("dicomsql").resolve("index")).isDirectory();
    assertThat(data.resolve("HCC_0001")).isDirectory();
    String answer = demo("SELECT COUNT(*) AS lesions FROM rois;\n");
    int lesions = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE)).size();
    assertThat(answer).isEqualTo(String.format("lesions%n-------%n%7d%n(1 row)%n", lesions));
  }

  @Test
  void theLauncherKeepsAClassDataArchiveOfItsBuild() throws Exception {
    demo("SELECT 1;\n");
    Path target = Path.of(System.getProperty("launcher")).toAbsolutePath().getParent()
        .resolve("shell").resolve("target");
    Path archive = target.resolve("dicomsql.jsa");
    // Without the archive every run would train again (seconds each), as a training query
    // refused by the shell once made it do.
    assertThat(archive).isRegularFile();
    assertThat(Files.getLastModifiedTime(archive))
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(target.resolve("dicomsql.jar")));
  }

  /** Runs {@code dicomsql demo} with {@code script} on standard input; returns its output. */
  private String demo(String script) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(System.getProperty("launcher"), "demo");
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    Path stdout = cache.resolve("stdout.txt");
    Path stderr = cache.resolve("stderr.txt");
    Path stdin = cache.resolve("stdin.sql");
    Files.writeString(stdin, script);
    builder.redirectInput(stdin.toFile()).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
    assertThat(Files.readString(stderr)).doesNotContain("Exception");
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  @Test
  void everySubcommandAnswersHelpWithExamples() throws IOException, InterruptedException {
    for (String command : new String[] {"index", "generate", "demo", "export", "serve"}) {
      Process process = new ProcessBuilder(System.getProperty("launcher"), command, "--help")
          .redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as(out).isZero();
      assertThat(out).as(command).contains("Usage: dicomsql " + command, "Examples:");
    }
  }
}
