package dicomsql.engine.index;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.GroundTruth;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Generated datasets for index tests, with their ground truth as maps of column to value. */
final class TestData {
  private TestData() {}

  static Path generate(Path out, int patients, long seed, int matrix, int slices)
      throws IOException {
    new DatasetGenerator(new SynthOptions(patients, seed, matrix, slices, 2)).generate(out,
        DatasetGenerator.Listener.NONE);
    return out;
  }

  /** The rows of a truth CSV, moved out of the data root so that it holds only DICOM. */
  static List<Map<String, String>> takeTruth(Path data, String name) throws IOException {
    Path file = data.resolve(name);
    List<Map<String, String>> rows = GroundTruth.read(file);
    Files.delete(file);
    return rows;
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  /** Every row of a table, all columns. */
  static List<Object[]> rows(DicomIndex index, String table) {
    IndexTable t = index.table(table);
    List<Object[]> rows = new ArrayList<>();
    for (int id : t.all()) {
      rows.add(t.row(id));
    }
    return rows;
  }

  static Object value(Object[] row, TableDefinition table, String column) {
    return row[table.indexOf(column)];
  }
}
