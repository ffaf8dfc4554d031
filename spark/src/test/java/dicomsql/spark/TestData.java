package dicomsql.spark;

import dicomsql.engine.index.DataRootWalker;
import dicomsql.engine.index.DicomIndex;
import dicomsql.engine.index.FileScanner;
import dicomsql.engine.index.IndexOptions;
import dicomsql.engine.index.IndexTable;
import dicomsql.engine.index.ScannedFile;
import dicomsql.engine.index.Tables;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generated data root with what the index must handle besides clean files: a slice copied
 * to a path that sorts first (the copy becomes the instance, the original its copy), a
 * structure set copied to a path that sorts last, a truncated file and a README; and its
 * embedded index, the reference every Spark table is compared with.
 */
final class TestData {
  private TestData() {}

  static Path generate(Path data) throws IOException {
    new DatasetGenerator(new SynthOptions(2, 11, 32, 6, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    List<DataRootWalker.Found> files = DataRootWalker.walk(data, 1);
    Path slice = null;
    Path structureSet = null;
    for (DataRootWalker.Found found : files) {
      ScannedFile scanned = FileScanner.scan(found.file(data), found.path(), found.size(),
          found.modified());
      if (scanned.structureSet() != null && structureSet == null) {
        structureSet = found.file(data);
      } else if (scanned.structureSet() == null && scanned.instance() != null) {
        slice = found.file(data);
      }
    }
    Files.createDirectories(data.resolve("0000-copies"));
    Files.copy(slice, data.resolve("0000-copies/slice.dcm"));
    Files.createDirectories(data.resolve("zzzz-extra"));
    Files.copy(structureSet, data.resolve("zzzz-extra/rtss-copy.dcm"));
    Files.write(data.resolve("zzzz-extra/damaged.dcm"),
        Arrays.copyOf(Files.readAllBytes(slice), 700));
    Files.writeString(data.resolve("zzzz-extra/README.txt"), "not data\n");
    return data;
  }

  static DicomIndex index(Path data, Path folder, Path rules) throws IOException {
    IndexOptions options = IndexOptions.defaults().withFolder(folder);
    return DicomIndex.open(data, rules == null ? options : options.withPhaseRules(rules));
  }

  /** The points of the index's contours, one row each, as {@code contour_points} lists them. */
  static List<List<Object>> contourPoints(DicomIndex index) {
    IndexTable contours = index.table("contours");
    int points = Tables.CONTOURS.indexOf("points");
    List<List<Object>> rows = new ArrayList<>();
    for (int id : contours.all()) {
      Object[] contour = contours.row(id);
      double[] xyz = (double[]) contour[points];
      for (int k = 0; k < xyz.length / 3; k++) {
        rows.add(List.of(contour[0], contour[1], contour[2], k, xyz[3 * k], xyz[3 * k + 1],
            xyz[3 * k + 2]));
      }
    }
    return rows;
  }

  /** The visible columns of every row of an index table, in the table's column order. */
  static List<List<Object>> rows(DicomIndex index, ContractTable table) {
    IndexTable stored = index.table(table.tableName());
    List<List<Object>> rows = new ArrayList<>();
    for (int id : stored.all()) {
      Object[] row = stored.row(id);
      List<Object> visible = new ArrayList<>();
      for (int k = 0; k < table.columns().size(); k++) {
        visible.add(row[table.position(k)]);
      }
      rows.add(visible);
    }
    return rows;
  }
}
