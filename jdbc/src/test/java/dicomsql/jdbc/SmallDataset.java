package dicomsql.jdbc;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A generated dataset in a test's folder ({@code data}, indexed into {@code index}), and a
 * connection to it.
 */
final class SmallDataset {
  private SmallDataset() {}

  /** Two small cases. */
  static Connection connect(Path folder) throws Exception {
    return connect(folder, new SynthOptions(2, 3, 16, 3, 1));
  }

  static Connection connect(Path folder, SynthOptions options) throws Exception {
    new DatasetGenerator(options).generate(data(folder), DatasetGenerator.Listener.NONE);
    return DriverManager.getConnection("jdbc:dicom:" + data(folder) + ";index="
        + folder.resolve("index"));
  }

  static Path data(Path folder) {
    return folder.resolve("data");
  }
}
