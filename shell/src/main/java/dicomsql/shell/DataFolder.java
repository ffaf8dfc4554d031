package dicomsql.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The checks a data folder passes before the shell takes statements: it exists, it is a
 * folder, and it holds at least one file the index took (a DICOM file, or one it tried to read
 * and reports in {@code scan_errors}). Otherwise every query would answer zero rows.
 */
final class DataFolder {
  private DataFolder() {}

  /** Throws a usage error for a data folder that is missing or not a folder. */
  static void check(Path data) {
    if (!Files.exists(data)) {
      throw new IllegalArgumentException("no such folder: " + data);
    }
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("not a folder: " + data);
    }
  }

  /**
   * Builds or refreshes the index (the first query would) and throws a usage error when it
   * holds no file at all.
   */
  static void checkIndexed(SqlSession session, Path data) throws SQLException {
    if (session.indexedFiles() == 0) {
      throw new IllegalArgumentException("no DICOM files found in " + data);
    }
  }
}
