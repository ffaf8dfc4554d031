package dicomsql.spark;

import java.util.List;
import java.util.Map;

/**
 * What the derivation job found in a data root: which files are copies of another file's
 * instance (path to the instance's path), and the rows of the derived tables.
 */
record DerivedRows(Map<String, String> copies, List<Object[]> series, List<Object[]> studies,
    List<Object[]> patients, List<Object[]> structureSets, List<Object[]> rois) {

  List<Object[]> rows(ContractTable table) {
    return switch (table) {
      case SERIES -> series;
      case STUDIES -> studies;
      case PATIENTS -> patients;
      case STRUCTURE_SETS -> structureSets;
      case ROIS -> rois;
      default -> throw new IllegalArgumentException(table + " is not derived");
    };
  }
}
