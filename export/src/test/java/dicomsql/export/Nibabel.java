package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nibabel (Debian package python3-nibabel), run by python3 on exported files as an independent
 * NIfTI reader; tests that need it are skipped where it is not installed.
 */
final class Nibabel {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  /** A NIfTI file as nibabel reads it. */
  record Volume(int[] shape, String dtype, double[] affine, int sformCode, int qformCode,
      int sizeofHdr, int voxOffset, double[] qformAffine, double[] voxels) {
    double at(int i, int j, int k) {
      return voxels[i + shape[0] * (j + shape[1] * k)];
    }

    /** The RAS position of a voxel centre by the affine. */
    double[] world(double i, double j, double k) {
      double[] p = new double[3];
      for (int r = 0; r < 3; r++) {
        p[r] = affine[4 * r] * i + affine[4 * r + 1] * j + affine[4 * r + 2] * k
            + affine[4 * r + 3];
      }
      return p;
    }
  }

  private final Path work;
  private Path script;

  Nibabel(Path work) {
    this.work = work;
  }

  static void assumeInstalled() throws IOException, InterruptedException {
    assumeModules("nibabel, numpy", "python3-nibabel");
  }

  /** For {@link #resample}: scipy as well. */
  static void assumeScipyInstalled() throws IOException, InterruptedException {
    assumeModules("nibabel, numpy, scipy.ndimage", "python3-nibabel python3-scipy");
  }

  /** For {@link #python}: pydicom and numpy. */
  static void assumePydicomInstalled() throws IOException, InterruptedException {
    assumeModules("pydicom, numpy", "python3-pydicom python3-numpy");
  }

  /** Runs a python3 script with arguments; its standard output, or a failure with its errors. */
  static String python(Path script, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
    command.addAll(List.of(arguments));
    return checked(command).stdout;
  }

  private static void assumeModules(String modules, String packages)
      throws IOException, InterruptedException {
    boolean installed = Files.isExecutable(PYTHON)
        && run(List.of(PYTHON.toString(), "-c", "import " + modules)).exit == 0;
    assumeTrue(installed, modules + " not installed for " + PYTHON + " (Debian packages "
        + packages + ")");
  }

  /** NIfTI files as nibabel reads them, by file. */
  Map<Path, Volume> read(List<Path> files) throws IOException, InterruptedException {
    Path out = Files.createTempDirectory(work, "nibabel");
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString(),
        out.toString()));
    files.forEach(f -> command.add(f.toString()));
    Output output = checked(command);
    Map<Path, Volume> volumes = new LinkedHashMap<>();
    String[] lines = output.stdout.split("\n");
    for (int n = 0; n < files.size(); n++) {
      String[] f = lines[n].split("\t");
      volumes.put(Path.of(f[0]), new Volume(Arrays.stream(f[1].split(" "))
          .mapToInt(Integer::parseInt).toArray(), f[2], numbers(f[3]), Integer.parseInt(f[4]),
          Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
          numbers(f[8]), doubles(out.resolve(n + ".f8"))));
    }
    return volumes;
  }

  /** A JSON file as Python's json module parses it, dumped back with sorted keys. */
  String json(Path file) throws IOException, InterruptedException {
    Output output = checked(List.of(PYTHON.toString(), script().toString(), work.toString(),
        file.toString()));
    return output.stdout.strip().split("\t", 2)[1];
  }

  /** scipy's trilinear resampling of one exported volume onto another's grid. */
  double[] resample(Path source, Path target) throws IOException, InterruptedException {
    return resample("--resample", source, target);
  }

  /**
   * Our resampled voxels against scipy's, rounded: equal but where the exact value is a
   * rounding tie (x.5), which float32 and float64 may round apart by one HU.
   */
  static void assertAlikeButForTies(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    int differing = 0;
    for (int v = 0; v < actual.length; v++) {
      assertThat(actual[v]).isCloseTo(expected[v], within(1.0));
      differing += actual[v] != expected[v] ? 1 : 0;
    }
    assertThat(differing).isLessThan(actual.length / 1000 + 1);
  }

  /** scipy's nearest-neighbour resampling (order 0, outside 0) of a label volume. */
  double[] resampleNearest(Path source, Path target) throws IOException, InterruptedException {
    return resample("--nearest", source, target);
  }

  private double[] resample(String mode, Path source, Path target)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "resampled", ".f8");
    checked(List.of(PYTHON.toString(), script().toString(), mode, source.toString(),
        target.toString(), out.toString()));
    return doubles(out);
  }

  private Path script() throws IOException {
    if (script == null) {
      script = work.resolve("nibabel_check.py");
      try (InputStream in = Nibabel.class.getResourceAsStream("nibabel_check.py")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return script;
  }

  private static double[] numbers(String text) {
    return Arrays.stream(text.split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static double[] doubles(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[bytes.remaining() / 8];
    bytes.asDoubleBuffer().get(values);
    return values;
  }

  private record Output(int exit, String stdout, String stderr) {}

  private static Output checked(List<String> command) throws IOException, InterruptedException {
    Output output = run(command);
    if (output.exit != 0) {
      throw new IllegalStateException(command + " failed: " + output.stderr);
    }
    return output;
  }

  private static Output run(List<String> command) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("nibabel", ".out");
    Path stderr = Files.createTempFile("nibabel", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile()).start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("nibabel check timed out");
      }
      return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
