package dicomsql.spark;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.ElementListing;
import dicomsql.engine.dicom.PathText;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.index.FileScanner;
import dicomsql.engine.index.ScannedFile;
import dicomsql.engine.index.TableDefinition;
import dicomsql.engine.index.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows one file gives a file-level table, read on an executor with the engine's scanner
 * (the index's own reader, so the values are the index's). {@code copies} maps each file that
 * is a copy of another's instance to that instance's path ({@code duplicate_of}); a copy gives
 * no contours, as in the index.
 */
final class FileRows {
  private static final TableDefinition I = Tables.INSTANCES;
  private static final int DUPLICATE_OF = I.indexOf("duplicate_of");
  private static final int SOP_UID = I.indexOf("sop_uid");
  private static final int SERIES_UID = I.indexOf("series_uid");
  private static final int POINTS = Tables.CONTOURS.indexOf("points");
  /** The tag_path of the row that says a file could not be listed to its end. */
  static final String ERROR_PATH = "(error)";

  private FileRows() {}

  /** Reads a file's header the way the index does. */
  static ScannedFile scan(Path root, FileEntry file) {
    return FileScanner.scan(PathText.resolve(root, file.path()), file.path(), file.size(),
        file.modified(), file.error());
  }

  /** The engine rows of {@code table} from one file, passing {@code conditions}. */
  static List<Object[]> rows(ContractTable table, Path root, FileEntry file,
      Map<String, String> copies, List<Condition> conditions) {
    ScannedFile scanned = scan(root, file);
    List<Object[]> rows = new ArrayList<>();
    switch (table) {
      case INSTANCES -> {
        if (scanned.instance() != null) {
          Object[] row = scanned.instance().clone();
          row[DUPLICATE_OF] = copies == null ? null : copies.get(file.path());
          rows.add(row);
        }
      }
      case SCAN_ERRORS -> {
        if (scanned.error() != null) {
          rows.add(new Object[] {scanned.path(), scanned.error(), scanned.size()});
        }
      }
      case CONTOURS -> {
        if (!copies.containsKey(file.path())) {
          rows.addAll(scanned.contours());
        }
      }
      case CONTOUR_POINTS -> {
        if (!copies.containsKey(file.path())) {
          for (Object[] contour : scanned.contours()) {
            addPoints(contour, rows);
          }
        }
      }
      case ATTRIBUTES -> {
        if (scanned.instance() != null) {
          addAttributes(root, file, scanned.instance(), conditions, rows);
        }
      }
      default -> throw new IllegalArgumentException(table + " is not read from files");
    }
    rows.removeIf(row -> !Condition.all(conditions, table, row, table.columns().size()));
    return rows;
  }

  /** One row per point of a contour, in file order. */
  private static void addPoints(Object[] contour, List<Object[]> rows) {
    double[] xyz = (double[]) contour[POINTS];
    if (xyz == null) {
      return;
    }
    for (int point = 0; point < xyz.length / 3; point++) {
      rows.add(new Object[] {contour[0], contour[1], contour[2], point, xyz[3 * point],
          xyz[3 * point + 1], xyz[3 * point + 2]});
    }
  }

  /**
   * Every data element of a file, nested ones included, as the embedded {@code attributes}
   * table lists them; a file that cannot be listed to its end keeps the elements before the
   * problem and one more row saying what and where. A file whose path, SOP Instance UID or
   * series fails a condition is not listed at all.
   */
  private static void addAttributes(Path root, FileEntry file, Object[] instance,
      List<Condition> conditions, List<Object[]> rows) {
    Object[] head = {file.path(), instance[SOP_UID], instance[SERIES_UID]};
    if (!Condition.all(conditions, ContractTable.ATTRIBUTES, head, head.length)) {
      return;
    }
    try {
      ElementListing.list(PathText.resolve(root, file.path()), row -> {
        rows.add(new Object[] {head[0], head[1], head[2], Tag.toHex(row.tag()), row.tagPath(),
            row.keyword(), row.vr() == null ? null : row.vr().name(), row.value()});
        return true;
      });
    } catch (DicomException e) {
      rows.add(new Object[] {head[0], head[1], head[2], null, ERROR_PATH, null, null,
          e.detail()});
    } catch (IOException e) {
      rows.add(new Object[] {head[0], head[1], head[2], null, ERROR_PATH, null, null,
          "cannot read: " + e.getMessage()});
    }
  }
}
