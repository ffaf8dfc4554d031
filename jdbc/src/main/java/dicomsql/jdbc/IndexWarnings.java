package dicomsql.jdbc;

import dicomsql.connector.DicomSchema;
import dicomsql.engine.index.IndexUpdate;
import java.sql.SQLWarning;

/**
 * The warnings a connection carries about its index, which mean its answers may be older than
 * the data folder: the index could not be brought up to date when it was opened (another
 * process held it too long, the folder cannot be written, the disk is full), or a newer version
 * has been written since (by another process or connection), which this connection does not
 * read. {@code getWarnings()} gives them until they are cleared.
 */
final class IndexWarnings {
  /** SQLSTATE class 01 (warning), subclass chosen for "the index could not be refreshed". */
  static final String STALE_INDEX = "01D01";

  private final DicomSchema schema;
  private volatile boolean notRefreshedCleared;
  private volatile boolean supersededCleared;

  IndexWarnings(DicomSchema schema) {
    this.schema = schema;
  }

  /** The index's warnings, if any and not cleared, ahead of the connection's own. */
  SQLWarning prepend(SQLWarning others) {
    SQLWarning first = others;
    if (!supersededCleared && schema.indexSuperseded()) {
      first = chain(new SQLWarning("the index has been refreshed since this connection opened "
          + "it, and its answers are from before; open a new connection to see the changes",
          DicomDriver.INDEX_SUPERSEDED), first);
    }
    IndexUpdate update = schema.indexUpdate();
    if (!notRefreshedCleared && update != null
        && update.kind() == IndexUpdate.Kind.NOT_REFRESHED) {
      first = chain(new SQLWarning("the index was not refreshed: " + update.note(),
          STALE_INDEX), first);
    }
    return first;
  }

  private static SQLWarning chain(SQLWarning warning, SQLWarning next) {
    if (next != null) {
      warning.setNextWarning(next);
    }
    return warning;
  }

  void clear() {
    notRefreshedCleared = schema.indexUpdate() != null;
    supersededCleared = schema.indexSuperseded();
  }
}
