package dicomsql.examples;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A generated dataset with its ground truth, and connections to it through the driver. The
 * cookbook tests share one, generated at the first use in the test run: 6 cases at 64 x 64
 * from seed 1 have complete and incomplete studies, HCC and hypovascular lesions, and take
 * about a second to write and index.
 */
final class GeneratedCases {
  private static GeneratedCases shared;

  final Path data;
  final Path index;
  final List<Map<String, String>> lesions;
  final List<Map<String, String>> series;

  private GeneratedCases(Path data, Path index) throws IOException {
    this.data = data;
    this.index = index;
    this.lesions = GroundTruth.read(data.resolve(GroundTruth.LESIONS_FILE));
    this.series = GroundTruth.read(data.resolve(GroundTruth.SERIES_FILE));
  }

  /** The shared dataset, which no test may change. */
  static synchronized GeneratedCases shared() throws IOException {
    if (shared == null) {
      Path root = temporaryFolder();
      shared = generate(root, new SynthOptions(6, 1, 64, 0, 2));
    }
    return shared;
  }

  /** A dataset of its own in {@code root}, for a test that changes the files. */
  static GeneratedCases generate(Path root, SynthOptions options) throws IOException {
    Path data = root.resolve("data");
    new DatasetGenerator(options).generate(data, DatasetGenerator.Listener.NONE);
    return new GeneratedCases(data, root.resolve("index"));
  }

  Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("index", index.toString());
    return DriverManager.getConnection("jdbc:dicom:" + data, properties);
  }

  /** A folder deleted when the test run ends, since no JUnit extension owns a shared one. */
  private static Path temporaryFolder() throws IOException {
    Path root = Files.createTempDirectory("dicomsql-examples-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
    return root;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
