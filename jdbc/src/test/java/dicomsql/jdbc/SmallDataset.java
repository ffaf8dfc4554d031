package dicomsql.jdbc;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/** A generated dataset of two small cases in a test's folder, and a connection to it. */
final class SmallDataset {
  private SmallDataset() {}

  static Connection connect(Path folder) throws Exception {
    Path data = folder.resolve("data");
    new DatasetGenerator(new SynthOptions(2, 3, 16, 3, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    return DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + folder.resolve("index"));
  }
}
