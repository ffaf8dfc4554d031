package dicomsql.engine.index;

import java.util.List;

/**
 * What scanning one file gave: an instance row (with, for a structure set, its facts and contour
 * rows), or the error that kept it out, or nothing because the file is not data (skipped).
 */
record ScannedFile(String path, long size, long modified, Object[] instance,
    StructureSetFacts structureSet, List<Object[]> contours, String error) {

  static ScannedFile instance(String path, long size, long modified, Object[] row,
      StructureSetFacts structureSet, List<Object[]> contours) {
    return new ScannedFile(path, size, modified, row, structureSet, contours, null);
  }

  static ScannedFile error(String path, long size, long modified, String error) {
    return new ScannedFile(path, size, modified, null, null, List.of(), error);
  }

  static ScannedFile skipped(String path, long size, long modified) {
    return new ScannedFile(path, size, modified, null, null, List.of(), null);
  }

  boolean isSkipped() {
    return instance == null && error == null;
  }
}
