package dicomsql.engine.index;

import java.util.List;

/**
 * What scanning one file gave: an instance row (with, for a structure set, its facts and contour
 * rows), or the error that kept it out, or both (a whole header, pixel data cut short), or
 * nothing because the file is not data (skipped). Rows come encoded too, so that the scanning
 * threads, not the one writer, pay for encoding.
 */
public record ScannedFile(String path, long size, long modified, Object[] instance,
    byte[] encodedInstance, StructureSetFacts structureSet, List<Object[]> contours,
    List<byte[]> encodedContours, String error, boolean ioError) {

  static ScannedFile instance(String path, long size, long modified, Object[] row,
      StructureSetFacts structureSet, List<Object[]> contours) {
    RowCodec contourCodec = RowCodec.of(Tables.CONTOURS);
    List<byte[]> encoded = contours.stream().map(contourCodec::encode).toList();
    return new ScannedFile(path, size, modified, row, RowCodec.of(Tables.INSTANCES).encode(row),
        structureSet, contours, encoded, null, false);
  }

  /** This instance, with an error about the part of the file it could not read. */
  ScannedFile withError(String problem) {
    return new ScannedFile(path, size, modified, instance, encodedInstance, structureSet,
        contours, encodedContours, problem, false);
  }

  static ScannedFile error(String path, long size, long modified, String error) {
    return new ScannedFile(path, size, modified, null, null, null, List.of(), List.of(), error,
        false);
  }

  /** An I/O error (not a fault of the file's content): a refresh tries the file again. */
  static ScannedFile unreadable(String path, long size, long modified, String error) {
    return new ScannedFile(path, size, modified, null, null, null, List.of(), List.of(), error,
        true);
  }

  static ScannedFile skipped(String path, long size, long modified) {
    return new ScannedFile(path, size, modified, null, null, null, List.of(), List.of(), null,
        false);
  }
}
