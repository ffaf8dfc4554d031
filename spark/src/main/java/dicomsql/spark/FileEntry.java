package dicomsql.spark;

import dicomsql.engine.index.DataRootWalker;
import java.io.Serializable;

/**
 * A file the driver's walk found, as an executor needs it: its path relative to the data root,
 * size and modification time, and the walk's error when it could not be visited.
 */
record FileEntry(String path, long size, long modified, String error) implements Serializable {
  static FileEntry of(DataRootWalker.Found found) {
    return new FileEntry(found.path(), found.size(), found.modified(), found.error());
  }
}
