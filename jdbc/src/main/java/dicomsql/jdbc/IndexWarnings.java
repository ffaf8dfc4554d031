package dicomsql.jdbc;

import dicomsql.connector.DicomSchema;
import dicomsql.engine.index.IndexUpdate;
import java.sql.SQLWarning;

/**
 * The warning a connection carries once its index is open but could not be brought up to date
 * (another process held it too long, the folder cannot be written, the disk is full): its
 * answers may be older than the data folder, and {@code getWarnings()} says so until cleared.
 */
final class IndexWarnings {
  /** SQLSTATE class 01 (warning), subclass chosen for "answered from a stale index". */
  static final String STALE_INDEX = "01D01";

  private final DicomSchema schema;
  private volatile boolean cleared;

  IndexWarnings(DicomSchema schema) {
    this.schema = schema;
  }

  /** The index's warning, if any and not cleared, ahead of the connection's own. */
  SQLWarning prepend(SQLWarning others) {
    IndexUpdate update = schema.indexUpdate();
    if (cleared || update == null || update.kind() != IndexUpdate.Kind.NOT_REFRESHED) {
      return others;
    }
    SQLWarning warning = new SQLWarning("the index was not refreshed: " + update.note(),
        STALE_INDEX);
    if (others != null) {
      warning.setNextWarning(others);
    }
    return warning;
  }

  void clear() {
    cleared = schema.indexUpdate() != null;
  }
}
