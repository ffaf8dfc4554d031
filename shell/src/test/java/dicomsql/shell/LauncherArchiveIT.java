package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive never breaks a run: a copy of the launcher and the jar in
 * a folder of their own, run with a {@code java} on the PATH that counts the training runs
 * (and fails them when asked) before handing over to the real one. Whatever happens to the
 * archive (stale, truncated, foreign, unwritable, training failed), the query answers and
 * nothing is written to stderr.
 */
class LauncherArchiveIT {
  private static final String QUERY = "SELECT COUNT(*) AS n FROM series WHERE modality = 'CT'";

  @TempDir
  Path root;

  private Path jar;
  private Path target;
  private Path trainings;
  private Path data;

  @BeforeEach
  void layOut() throws Exception {
    target = Files.createDirectories(root.resolve("shell/target"));
    jar = Files.copy(Path.of(System.getProperty("shellJar")), target.resolve("dicomsql.jar"));
    Path launcher = Files.copy(Path.of(System.getProperty("launcher")),
        root.resolve("dicomsql"));
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    trainings = root.resolve("trainings.log");
    Files.createFile(trainings);
    writeJava("");
    data = root.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 1, 16, 3, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
  }

  /**
   * A {@code java} for the PATH: logs each training run, fails it when FAIL_TRAINING is set,
   * and otherwise runs the java running this test. {@code variant} changes the file, as
   * another JVM would be.
   */
  private void writeJava(String variant) throws IOException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\n# " + variant + "\n"
        + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*)\n"
        + "  echo train >>'" + trainings + "'; [ -z \"$FAIL_TRAINING\" ] || exit 1;;\n"
        + "esac; done\n"
        + "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void trainsOncePerJarAndJavaAndSurvivesAnyArchive() throws Exception {
    String expected = query();
    assertThat(expected).contains("(1 row)");
    Path archive = target.resolve("dicomsql.jsa");
    assertThat(archive).isRegularFile();
    assertThat(trainings()).isEqualTo(1);
    assertThat(query()).isEqualTo(expected);
    assertThat(trainings()).as("a usable archive is not trained again").isEqualTo(1);

    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertThat(query()).as("stale: the jar changed").isEqualTo(expected);
    assertThat(trainings()).isEqualTo(2);

    byte[] bytes = Files.readAllBytes(archive);
    Files.delete(archive);
    Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(query()).as("truncated: JDK 17 would die of SIGBUS mapping it")
        .isEqualTo(expected);
    assertThat(trainings()).isEqualTo(3);

    byte[] garbage = new byte[(int) Files.size(archive)];
    new Random(11).nextBytes(garbage);
    Files.delete(archive);
    Files.write(archive, garbage);
    assertThat(query()).as("corrupt, its stamp matching: the JVM refuses it")
        .isEqualTo(expected);

    writeJava("another JVM");
    assertThat(query()).as("another java").isEqualTo(expected);
    assertThat(trainings()).isEqualTo(4);
    assertThat(query()).isEqualTo(expected);
    assertThat(trainings()).isEqualTo(4);
  }

  @Test
  void aFailedTrainingIsNotRetriedUntilTheJarChanges() throws Exception {
    String expected = query("FAIL_TRAINING");
    assertThat(expected).contains("(1 row)");
    assertThat(trainings()).isEqualTo(1);
    assertThat(query("FAIL_TRAINING")).isEqualTo(expected);
    assertThat(trainings()).isEqualTo(1);
    assertThat(target.resolve("dicomsql.jsa")).doesNotExist();

    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertThat(query()).isEqualTo(expected);
    assertThat(trainings()).isEqualTo(2);
    assertThat(target.resolve("dicomsql.jsa")).isRegularFile();
  }

  @Test
  void aReadOnlyInstallationKeepsItsArchiveInTheUserCache() throws Exception {
    assumeThat(System.getProperty("user.name")).as("root writes read-only folders")
        .isNotEqualTo("root");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      String expected = query();
      assertThat(trainings()).isEqualTo(1);
      try (var archives = Files.walk(root.resolve("cache/dicomsql/cds"))) {
        assertThat(archives.filter(p -> p.endsWith("dicomsql.jsa")).count()).isOne();
      }
      assertThat(query()).isEqualTo(expected);
      assertThat(trainings()).isEqualTo(1);
    } finally {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private long trainings() throws IOException {
    return Files.readAllLines(trainings).size();
  }

  private String query(String... environment) throws Exception {
    return run(List.of(environment), data.toString(), "-e", QUERY);
  }

  /** Runs the launcher copy; checks it succeeded and wrote nothing to stderr. */
  private String run(List<String> flags, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(root.resolve("dicomsql").toString());
    builder.command().addAll(List.of(args));
    builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
    builder.environment().put("XDG_CACHE_HOME", root.resolve("cache").toString());
    builder.environment().remove("DICOMSQL_JAVA_OPTS");
    for (String flag : flags) {
      builder.environment().put(flag, "1");
    }
    Path stderr = root.resolve("stderr.txt");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String err = Files.readString(stderr);
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(err).isEmpty();
    return out;
  }
}
